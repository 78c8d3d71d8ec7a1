extension Mask.Rasterizer.EdgeList {
    /// Recomputes the listed pixels exactly.
    ///
    /// For a pixel, every y where an edge touching it starts, ends, crosses another such edge or crosses the
    /// pixel's left or right side is a breakpoint. Between two breakpoints the edges inside the pixel neither
    /// cross nor bend, so the covered length of a horizontal line through the pixel is linear in y, and its
    /// value at the interval's middle times the interval's height is that interval's exact area. The covered
    /// length comes from walking the line's crossings with every edge of the row, keeping one winding number
    /// per outline and combining the outlines in order.
    ///
    /// - Returns: how many pixels were sampled instead (see `exactWorkPerRow`).
    @discardableResult
    func refine(cells: [Int32], width: Int, height: Int, exactWorkPerRow: Int = Self.exactWorkPerRow,
                write: (Int, Float) -> Void) -> Int {
        // Non-horizontal edges per needed row.
        var needed = [Bool](repeating: false, count: height)
        for c in cells { needed[Int(c) / width] = true }
        var rows = [[Int32]](repeating: [], count: height)
        for e in 0..<count {
            let lo = min(y0[e], y1[e]), hi = max(y0[e], y1[e])
            if lo == hi {
                // Horizontal edges only add a breakpoint to the row they run through.
                if lo > 0, lo < Double(height), lo != lo.rounded(.down), needed[Int(lo)] { rows[Int(lo)].append(Int32(e)) }
                continue
            }
            guard hi > 0, lo < Double(height) else { continue }
            let r0 = max(0, clampedInt(lo.rounded(.down))), r1 = min(height, clampedInt(hi.rounded(.up)))
            var r = r0
            while r < r1 { if needed[r] { rows[r].append(Int32(e)) }; r += 1 }
        }
        var winding = [Int](repeating: 0, count: outlineCount)
        var scratch = Scratch()
        // Rows where many complex pixels meet many edges (scribbles crossing themselves thousands of times)
        // would take minutes exactly; they are sampled instead, with exact lengths on 32 lines per row.
        var perRow = [Int](repeating: 0, count: height)
        for c in cells { perRow[Int(c) / width] += 1 }
        var sampledRows = [Bool](repeating: false, count: height)
        var approximated = 0
        for r in 0..<height where perRow[r] > 0 && perRow[r] * rows[r].count > exactWorkPerRow {
            sampledRows[r] = true
            approximated += perRow[r]
        }
        var sampled: [Int: [Double]] = [:]
        for c in cells {
            let i = Int(c)
            let r = i / width, px = i - r * width
            if sampledRows[r] {
                if sampled[r] == nil {
                    sampled[r] = sampledRow(r, rowEdges: rows[r], width: width, winding: &winding, scratch: &scratch)
                }
                write(i, Float(sampled[r]![px]))
                continue
            }
            write(i, Float(exactCoverage(px: px, row: r, rowEdges: rows[r], winding: &winding, scratch: &scratch)))
        }
        return approximated
    }

    /// Above this many (complex pixels × edges) in a row, the row is sampled rather than solved exactly.
    static let exactWorkPerRow = 200_000
    /// Lines per row of the sampled path.
    static let sampleLines = 32

    /// Coverage of every pixel of row `r` from `sampleLines` horizontal lines, each with the exact covered
    /// length (midpoint rule in y: the error per pixel is about the number of boundary pieces in it / 64).
    func sampledRow(_ r: Int, rowEdges: [Int32], width: Int, winding: inout [Int], scratch: inout Scratch) -> [Double] {
        var length = [Double](repeating: 0, count: width)
        let n = Self.sampleLines
        for k in 0..<n {
            let y = Double(r) + (Double(k) + 0.5) / Double(n)
            for o in winding.indices { winding[o] = 0 }
            scratch.crossings.removeAll(keepingCapacity: true)
            for e32 in rowEdges {
                let e = Int(e32)
                let lo = min(y0[e], y1[e]), hi = max(y0[e], y1[e])
                guard y >= lo, y < hi else { continue }
                scratch.crossings.append((xAt(e, y), owner[e], y1[e] > y0[e] ? 1 : -1))
            }
            scratch.crossings.sort { $0.x < $1.x }
            var pos = -Double.infinity
            var inside = false
            for c in scratch.crossings {
                if inside { Self.addSpan(from: pos, to: c.x, into: &length) }
                pos = c.x
                winding[Int(c.owner)] += c.dir
                inside = contains(winding)
            }
            if inside { Self.addSpan(from: pos, to: .infinity, into: &length) }
        }
        return length.map { min(max($0 / Double(n), 0), 1) }
    }

    /// Adds the part of [a, b) inside each pixel column to `length`.
    static func addSpan(from a: Double, to b: Double, into length: inout [Double]) {
        let w = Double(length.count)
        let lo = max(a, 0), hi = min(b, w)
        guard hi > lo else { return }
        let i0 = Int(lo), i1 = min(length.count - 1, Int(hi))
        if i0 == i1 { length[i0] += hi - lo; return }
        length[i0] += Double(i0 + 1) - lo
        if i0 + 1 < i1 { for i in (i0 + 1)..<i1 { length[i] += 1 } }
        if i1 < length.count { length[i1] += hi - Double(i1) }
    }

    /// Reused buffers of the exact path.
    struct Scratch {
        var local: [Int32] = []
        var breaks: [Double] = []
        var crossings: [(x: Double, owner: Int32, dir: Int)] = []
    }

    @inline(__always) func xAt(_ e: Int, _ y: Double) -> Double {
        x0[e] + (y - y0[e]) * (x1[e] - x0[e]) / (y1[e] - y0[e])
    }

    /// The exact share of pixel (`px`, `row`) inside the combined outlines.
    /// (Over 60 lines: one pass over the pixel's edges — clip, break points, crossings, winding per slab — on
    /// shared scratch buffers; the steps only make sense together and run per edge pixel.)
    func exactCoverage(px: Int, row: Int, rowEdges: [Int32], winding: inout [Int], scratch: inout Scratch) -> Double {
        let top = Double(row), bottom = Double(row + 1)
        let left = Double(px), right = Double(px + 1)
        scratch.local.removeAll(keepingCapacity: true)
        scratch.breaks.removeAll(keepingCapacity: true)
        scratch.breaks.append(top)
        scratch.breaks.append(bottom)
        for e32 in rowEdges {
            let e = Int(e32)
            if y0[e] == y1[e] {
                if max(x0[e], x1[e]) >= left, min(x0[e], x1[e]) <= right { scratch.breaks.append(y0[e]) }
                continue
            }
            let ya = max(top, min(y0[e], y1[e])), yb = min(bottom, max(y0[e], y1[e]))
            guard yb > ya else { continue }
            let xa = xAt(e, ya), xb = xAt(e, yb)
            guard max(xa, xb) >= left, min(xa, xb) <= right else { continue }
            scratch.local.append(e32)
            scratch.breaks.append(ya)
            scratch.breaks.append(yb)
            for xv in [left, right] where (xa - xv) * (xb - xv) < 0 {
                scratch.breaks.append(ya + (xv - xa) / (xb - xa) * (yb - ya))
            }
        }
        // Crossings between edges inside the pixel's row.
        let local = scratch.local
        if local.count > 1 {
            for i in 0..<(local.count - 1) {
                let e = Int(local[i])
                let ex = x1[e] - x0[e], ey = y1[e] - y0[e]
                for j in (i + 1)..<local.count {
                    let f = Int(local[j])
                    let fx = x1[f] - x0[f], fy = y1[f] - y0[f]
                    let den = ex * fy - ey * fx
                    guard den != 0 else { continue }
                    let qx = x0[f] - x0[e], qy = y0[f] - y0[e]
                    let t = (qx * fy - qy * fx) / den
                    let u = (qx * ey - qy * ex) / den
                    guard t > 0, t < 1, u > 0, u < 1 else { continue }
                    let y = y0[e] + t * ey
                    if y > top, y < bottom { scratch.breaks.append(y) }
                }
            }
        }
        scratch.breaks.sort()
        var area = 0.0
        let breaks = scratch.breaks
        for k in 0..<(breaks.count - 1) {
            let a = breaks[k], b = breaks[k + 1]
            guard b - a > 1e-12 else { continue }
            let ym = 0.5 * (a + b)
            for o in winding.indices { winding[o] = 0 }
            scratch.crossings.removeAll(keepingCapacity: true)
            for e32 in rowEdges {
                let e = Int(e32)
                let lo = min(y0[e], y1[e]), hi = max(y0[e], y1[e])
                guard ym >= lo, ym < hi else { continue }  // horizontal edges never pass
                let x = xAt(e, ym)
                let dir = y1[e] > y0[e] ? 1 : -1
                if x < left {
                    winding[Int(owner[e])] += dir
                } else if x < right {
                    scratch.crossings.append((x, owner[e], dir))
                }
            }
            scratch.crossings.sort { $0.x < $1.x }
            var pos = left
            var inside = contains(winding)
            var length = 0.0
            for c in scratch.crossings {
                if inside { length += c.x - pos }
                pos = c.x
                winding[Int(c.owner)] += c.dir
                inside = contains(winding)
            }
            if inside { length += right - pos }
            area += (b - a) * length
        }
        return min(max(area, 0), 1)
    }

    /// Whether a point with these per-outline winding numbers lies in the combined region.
    @inline(__always) func contains(_ winding: [Int]) -> Bool {
        var inside = false
        for o in 0..<outlineCount {
            let hit = fillRules[o].contains(winding[o])
            switch operations[o] {
            case .add: inside = inside || hit
            case .subtract: inside = inside && !hit
            }
        }
        return inside
    }
}
