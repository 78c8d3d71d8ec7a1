import ImageCore

extension Mask {
    /// Finds a crossing between non-adjacent edges of a set of rings (proper crossings only), bucketing edges
    /// on a grid so that typical polygons cost about O(n).
    enum SelfIntersection {
        /// A point where two edges cross, or nil. Gives up (nil) after `budget` pair tests.
        static func find(in rings: [[Point]], budget: Int = 4_000_000) -> Point? {
            var ax: [Double] = [], ay: [Double] = [], bx: [Double] = [], by: [Double] = []
            var ringOf: [Int] = [], indexInRing: [Int] = [], ringCount: [Int] = []
            for (r, ring) in rings.enumerated() {
                ringCount.append(ring.count)
                for i in ring.indices {
                    let a = ring[i], b = ring[(i + 1) % ring.count]
                    ax.append(a.x); ay.append(a.y); bx.append(b.x); by.append(b.y)
                    ringOf.append(r); indexInRing.append(i)
                }
            }
            let n = ax.count
            guard n >= 4 else { return nil }
            var minX = Double.infinity, minY = Double.infinity, maxX = -Double.infinity, maxY = -Double.infinity
            for i in 0..<n {
                minX = min(minX, ax[i], bx[i]); maxX = max(maxX, ax[i], bx[i])
                minY = min(minY, ay[i], by[i]); maxY = max(maxY, ay[i], by[i])
            }
            guard (maxX - minX).isFinite, (maxY - minY).isFinite else { return nil }
            let g = max(1, min(1024, Int(Double(n).squareRoot())))
            let cw = max((maxX - minX) / Double(g), 1e-12), ch = max((maxY - minY) / Double(g), 1e-12)
            var cells = [[Int32]](repeating: [], count: g * g)
            func cell(_ v: Double, _ lo: Double, _ size: Double) -> Int { min(g - 1, max(0, clampedInt((v - lo) / size))) }
            for i in 0..<n {
                let x0 = cell(min(ax[i], bx[i]), minX, cw), x1 = cell(max(ax[i], bx[i]), minX, cw)
                let y0 = cell(min(ay[i], by[i]), minY, ch), y1 = cell(max(ay[i], by[i]), minY, ch)
                if (x1 - x0 + 1) * (y1 - y0 + 1) > 4 * g { return nil }  // a huge edge: skip the check
                for cy in y0...y1 { for cx in x0...x1 { cells[cy * g + cx].append(Int32(i)) } }
            }
            var tests = 0
            for list in cells where list.count > 1 {
                for p in 0..<(list.count - 1) {
                    let i = Int(list[p])
                    for q in (p + 1)..<list.count {
                        let j = Int(list[q])
                        if ringOf[i] == ringOf[j] {
                            let d = abs(indexInRing[i] - indexInRing[j])
                            if d == 1 || d == ringCount[ringOf[i]] - 1 { continue }
                        }
                        tests += 1
                        if tests > budget { return nil }
                        let ex = bx[i] - ax[i], ey = by[i] - ay[i], fx = bx[j] - ax[j], fy = by[j] - ay[j]
                        let den = ex * fy - ey * fx
                        guard den != 0 else { continue }
                        let qx = ax[j] - ax[i], qy = ay[j] - ay[i]
                        let t = (qx * fy - qy * fx) / den, u = (qx * ey - qy * ex) / den
                        if t > 1e-12, t < 1 - 1e-12, u > 1e-12, u < 1 - 1e-12 {
                            return Point(x: ax[i] + t * ex, y: ay[i] + t * ey)
                        }
                    }
                }
            }
            return nil
        }
    }
}
