#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import ImageCore

extension Mask {
    /// The exact-area coverage rasterizer.
    ///
    /// Method (libart / font-rs / stb_truetype v2): every edge adds, to each pixel row it crosses, the signed
    /// area between itself and the pixel boundaries into an accumulation buffer holding the first difference
    /// of coverage along the row; one prefix sum per row turns it into each pixel's mean winding number,
    /// which the fill rule folds into coverage. Cost is O(edge length + pixels), with no sorting and no
    /// supersampling.
    ///
    /// The fold is exact wherever the winding numbers inside a pixel are two consecutive integers, which holds
    /// for every pixel crossed by at most one stretch of boundary that does not turn back on itself. While
    /// drawing, the rasterizer records which boundary stretch touched each pixel; pixels touched by two
    /// stretches (crossings, touching shapes, thin slivers, rings that loop inside a pixel) are recomputed
    /// exactly by integrating, between all y values where edges start, end or cross, the length of the pixel's
    /// scanline that the combined shapes cover. Shapes are combined in order (add = union, subtract =
    /// difference) with the same exactness. The coverage error is below 1e-4 per pixel (Float accumulation),
    /// well inside the 1/255 of an 8-bit mask.
    public enum Rasterizer {
        /// Exact coverage of `outlines` (combined in order) on a `width × height` pixel grid.
        ///
        /// Edges outside the grid are clipped; nothing outside contributes. Non-finite coordinates are the
        /// caller's to reject (`Mask.render` does); here they are skipped.
        ///
        /// - Parameter exactEverywhere: compute every pixel with the exact (slow) path; for testing.
        public static func coverage(_ outlines: [Outline], width: Int, height: Int,
                                    exactEverywhere: Bool = false) -> Coverage {
            precondition(width > 0 && height > 0, "raster size must be positive")
            let edges = EdgeList(outlines)
            var values = [Float](repeating: 0, count: width * height)
            guard !edges.isEmpty else { return Coverage(width: width, height: height, values: values) }
            let stride = width + 2
            let acc = calloc(stride * height, MemoryLayout<Float>.stride)!.bindMemory(to: Float.self, capacity: stride * height)
            let track = calloc(width * height, MemoryLayout<UInt32>.stride)!.bindMemory(to: UInt32.self, capacity: width * height)
            defer { free(acc); free(track) }
            var state = DrawState(acc: acc, track: track, width: width, height: height, stride: stride)
            values.withUnsafeMutableBufferPointer { out in
                for o in 0..<edges.outlineCount {
                    state.resetExtent()
                    for e in edges.outlineRange(o) { state.draw(edges, e) }
                    state.resolve(into: out, rule: edges.fillRules[o], operation: edges.operations[o])
                }
            }
            if exactEverywhere {
                state.complex = Array(0..<Int32(width * height))
            }
            if !state.complex.isEmpty {
                edges.refine(&values, cells: state.complex, width: width, height: height)
            }
            return Coverage(width: width, height: height, values: values)
        }
    }
}

extension Mask.Rasterizer {
    /// Every edge of every outline as flat arrays, with the ring neighbours needed to follow a boundary.
    struct EdgeList {
        var x0: [Double] = [], y0: [Double] = [], x1: [Double] = [], y1: [Double] = []
        /// Previous and next edge of the same ring.
        var prev: [Int32] = [], next: [Int32] = []
        /// Outline index of each edge.
        var owner: [Int32] = []
        /// First edge of each outline, plus the total at the end.
        var outlineStart: [Int] = [0]
        var fillRules: [Mask.FillRule] = []
        var operations: [Mask.Operation] = []

        init(_ outlines: [Mask.Outline]) {
            for (o, outline) in outlines.enumerated() {
                for ring in outline.rings {
                    var pts: [Point] = []
                    pts.reserveCapacity(ring.count)
                    for p in ring where p.x.isFinite && p.y.isFinite {
                        if let last = pts.last, last == p { continue }
                        pts.append(p)
                    }
                    while pts.count > 1, pts.first == pts.last { pts.removeLast() }
                    guard pts.count >= 2 else { continue }
                    let first = Int32(x0.count), n = Int32(pts.count)
                    for i in 0..<pts.count {
                        let a = pts[i], b = pts[(i + 1) % pts.count]
                        x0.append(a.x); y0.append(a.y); x1.append(b.x); y1.append(b.y)
                        let id = first + Int32(i)
                        prev.append(i == 0 ? first + n - 1 : id - 1)
                        next.append(i == pts.count - 1 ? first : id + 1)
                        owner.append(Int32(o))
                    }
                }
                outlineStart.append(x0.count)
                fillRules.append(outline.fillRule)
                operations.append(outline.operation)
            }
        }

        var isEmpty: Bool { x0.isEmpty }
        var count: Int { x0.count }
        var outlineCount: Int { fillRules.count }
        func outlineRange(_ o: Int) -> Range<Int> { outlineStart[o]..<outlineStart[o + 1] }
    }

    /// The accumulation buffer, the per-pixel boundary tracker and the extent of the outline being drawn.
    struct DrawState {
        let acc: UnsafeMutablePointer<Float>
        /// Per pixel: bits 0–26 the id + 1 of the last edge that touched it, bits 27–30 the directions the
        /// current boundary stretch has taken in it (+x, −x, +y, −y), bit 31 "already listed as complex".
        let track: UnsafeMutablePointer<UInt32>
        let width: Int, height: Int, stride: Int
        var complex: [Int32] = []
        var rowMin = Int.max, rowMax = -1, colMin = Int.max, colMax = -1

        init(acc: UnsafeMutablePointer<Float>, track: UnsafeMutablePointer<UInt32>, width: Int, height: Int, stride: Int) {
            self.acc = acc; self.track = track; self.width = width; self.height = height; self.stride = stride
        }

        mutating func resetExtent() { rowMin = .max; rowMax = -1; colMin = .max; colMax = -1 }

        static let idMask: UInt32 = 0x07FF_FFFF
        static let listed: UInt32 = 0x8000_0000

        /// Draws edge `e`: splits it where it leaves the grid sideways, accumulates area, tracks touched pixels.
        mutating func draw(_ edges: EdgeList, _ e: Int) {
            let ax = edges.x0[e], ay = edges.y0[e], bx = edges.x1[e], by = edges.y1[e]
            let w = Double(width)
            let bits: UInt32 = (bx > ax ? 1 : bx < ax ? 2 : 0) | (by > ay ? 4 : by < ay ? 8 : 0)
            let id = UInt32(e + 1)
            let startCell = cellIndex(ax, ay), endCell = cellIndex(bx, by)
            let prevID = UInt32(edges.prev[e] + 1), nextID = UInt32(edges.next[e] + 1)
            if ay == by {
                // Horizontal: no area, but it bounds regions inside the pixels it runs through.
                guard ay > 0, ay < Double(height), ay != ay.rounded(.down) else { return }
                let r = Int(ay)
                let lo = max(0, Int(min(ax, bx).rounded(.down))), hi = min(width, Int(max(ax, bx).rounded(.up)))
                guard lo < hi else { return }
                for c in lo..<hi { touch(r * width + c, id: id, bits: bits, startCell: startCell, endCell: endCell,
                                         prevID: prevID, nextID: nextID) }
                return
            }
            // Pieces left of 0 are drawn at x = 0 (they still change the winding of everything to their
            // right); pieces right of `width` change nothing inside the grid and are dropped.
            if ax >= 0, bx >= 0, ax <= w, bx <= w {
                line(ax, ay, bx, by, track: true, id: id, bits: bits, startCell: startCell, endCell: endCell,
                     prevID: prevID, nextID: nextID)
                return
            }
            // Split where the edge crosses x = 0 and x = width (at most two points, in order along the edge).
            var tA = 2.0, tB = 2.0
            if (ax < 0) != (bx < 0) { tA = (0 - ax) / (bx - ax) }
            if (ax > w) != (bx > w) { tB = (w - ax) / (bx - ax) }
            if tA > tB { swap(&tA, &tB) }
            var t0 = 0.0, px0 = ax, py0 = ay
            for t1 in [tA, tB, 1.0] where t1 <= 1 && t1 > t0 {
                let px1 = t1 == 1 ? bx : ax + (bx - ax) * t1
                let py1 = t1 == 1 ? by : ay + (by - ay) * t1
                let mid = 0.5 * (px0 + px1)
                if mid < 0 {
                    line(0, py0, 0, py1, track: false, id: id, bits: bits, startCell: startCell, endCell: endCell,
                         prevID: prevID, nextID: nextID)
                } else if mid > w {
                    // Dropped, but the winding it would have ended runs on to the right edge of the grid.
                    colMax = width
                    colMin = min(colMin, width)
                    rowMin = min(rowMin, max(0, Int(min(py0, py1).rounded(.down))))
                    rowMax = max(rowMax, min(height - 1, Int(max(py0, py1).rounded(.up)) - 1))
                } else {
                    line(px0, py0, px1, py1, track: true, id: id, bits: bits, startCell: startCell, endCell: endCell,
                         prevID: prevID, nextID: nextID)
                }
                t0 = t1; px0 = px1; py0 = py1
            }
        }

        @inline(__always)
        func cellIndex(_ x: Double, _ y: Double) -> Int {
            guard x >= 0, y >= 0, x < Double(width), y < Double(height) else { return -1 }
            return Int(y) * width + Int(x)
        }

        /// Accumulates the signed area of one edge piece with 0 ≤ x ≤ width (font-rs's `draw_line`).
        @inline(__always)
        mutating func line(_ xa0: Double, _ ya0: Double, _ xb0: Double, _ yb0: Double, track tracking: Bool,
                           id: UInt32, bits: UInt32, startCell: Int, endCell: Int, prevID: UInt32, nextID: UInt32) {
            var xa = xa0, ya = ya0, xb = xb0, yb = yb0
            var dir: Double = 1
            if ya > yb { swap(&xa, &xb); swap(&ya, &yb); dir = -1 }
            guard yb > 0, ya < Double(height) else { return }
            let dxdy = (xb - xa) / (yb - ya)
            let rStart = max(0, Int(ya.rounded(.down)))
            let rEnd = min(height, Int(yb.rounded(.up)))
            guard rStart < rEnd else { return }
            let w = Double(width)
            rowMin = min(rowMin, rStart); rowMax = max(rowMax, rEnd - 1)
            for r in rStart..<rEnd {
                let yt = max(Double(r), ya), ybt = min(Double(r + 1), yb)
                let dy = ybt - yt
                if dy <= 0 { continue }
                let xt = min(max(xa + (yt - ya) * dxdy, 0), w)
                let xbt = min(max(xa + (ybt - ya) * dxdy, 0), w)
                let d = dir * dy
                let lo = min(xt, xbt), hi = max(xt, xbt)
                let loF = lo.rounded(.down)
                let loI = Int(loF)
                let hiC = hi.rounded(.up)
                let hiI = Int(hiC)
                let row = acc + r * stride
                colMin = min(colMin, loI)
                if hiI <= loI + 1 {
                    let xmf = 0.5 * (xt + xbt) - loF
                    row[loI] += Float(d - d * xmf)
                    row[loI + 1] += Float(d * xmf)
                    colMax = max(colMax, loI + 1)
                    if tracking, loI < width {
                        touch(r * width + loI, id: id, bits: bits, startCell: startCell, endCell: endCell,
                              prevID: prevID, nextID: nextID)
                    }
                } else {
                    let s = 1 / (hi - lo)
                    let x0f = lo - loF
                    let a0 = 0.5 * s * (1 - x0f) * (1 - x0f)
                    let x1f = hi - hiC + 1
                    let am = 0.5 * s * x1f * x1f
                    row[loI] += Float(d * a0)
                    if hiI == loI + 2 {
                        row[loI + 1] += Float(d * (1 - a0 - am))
                    } else {
                        let a1 = s * (1.5 - x0f)
                        row[loI + 1] += Float(d * (a1 - a0))
                        let ds = Float(d * s)
                        var xi = loI + 2
                        while xi < hiI - 1 { row[xi] += ds; xi += 1 }
                        let a2 = a1 + Double(hiI - loI - 3) * s
                        row[hiI - 1] += Float(d * (1 - a2 - am))
                    }
                    row[hiI] += Float(d * am)
                    colMax = max(colMax, hiI)
                    if tracking {
                        for c in loI..<min(hiI, width) {
                            touch(r * width + c, id: id, bits: bits, startCell: startCell, endCell: endCell,
                                  prevID: prevID, nextID: nextID)
                        }
                    }
                }
            }
        }

        /// Records that edge `id` touched pixel `i`; lists the pixel as complex when a second boundary stretch
        /// touches it or the stretch inside it turns back both horizontally and vertically.
        @inline(__always)
        mutating func touch(_ i: Int, id: UInt32, bits: UInt32, startCell: Int, endCell: Int, prevID: UInt32, nextID: UInt32) {
            let t = track[i]
            let last = t & Self.idMask
            if last == 0 { track[i] = id | bits << 27; return }
            if last == id { return }
            var flag = t & Self.listed
            var nb = bits
            let continues = (i == startCell && last == prevID) || (i == endCell && last == nextID)
            if continues {
                nb |= (t >> 27) & 0xF
                if nb & 3 == 3 && nb & 12 == 12 && flag == 0 { flag = Self.listed; complex.append(Int32(i)) }
            } else if flag == 0 {
                flag = Self.listed
                complex.append(Int32(i))
            }
            track[i] = flag | id | nb << 27
        }

        /// Integrates the accumulation rows of the outline just drawn, folds them with `rule`, combines them
        /// into `out` with `operation` and clears the rows for the next outline.
        mutating func resolve(into out: UnsafeMutableBufferPointer<Float>, rule: Mask.FillRule, operation: Mask.Operation) {
            guard rowMax >= rowMin, colMax >= colMin else { return }
            let c0 = colMin, cEnd = min(width, colMax + 1)
            for r in rowMin...rowMax {
                let row = acc + r * stride
                let o = r * width
                var sum: Float = 0
                switch (rule, operation) {
                case (.nonzero, .add):
                    for x in c0..<cEnd { sum += row[x]; out[o + x] = max(out[o + x], min(abs(sum), 1)) }
                case (.nonzero, .subtract):
                    for x in c0..<cEnd { sum += row[x]; out[o + x] *= 1 - min(abs(sum), 1) }
                case (.evenodd, .add):
                    for x in c0..<cEnd { sum += row[x]; out[o + x] = max(out[o + x], rule.fold(sum)) }
                case (.evenodd, .subtract):
                    for x in c0..<cEnd { sum += row[x]; out[o + x] *= 1 - rule.fold(sum) }
                }
                for x in c0...min(colMax, stride - 1) { row[x] = 0 }
            }
        }
    }
}
