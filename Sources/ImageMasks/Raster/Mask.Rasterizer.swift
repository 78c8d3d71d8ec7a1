#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
public import Darwin
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
    /// well inside the 1/255 of an 8-bit mask. The one bounded exception: rows where (complex pixels × edges)
    /// exceeds 200,000 — scribbles crossing themselves thousands of times — are sampled on 32 exact lines per
    /// pixel row (`coverageReport` counts those pixels).
    ///
    /// Work happens in bands of 16 rows so that the accumulation, tracking and combining buffers stay in the
    /// CPU cache; a single added outline is integrated straight into the output, four rows at a time.
    public enum Rasterizer {
        /// Rows per band: the accumulation, tracking and combining buffers cover one band at a time so
        /// they stay in the CPU cache.
        static let bandRows = 16

        /// Exact coverage of `outlines` (combined in order) on a `width × height` pixel grid.
        ///
        /// Edges outside the grid are clipped; nothing outside contributes. Non-finite coordinates are the
        /// caller's to reject (`Mask.render` does); here they are skipped.
        ///
        /// - Parameters:
        ///   - outlines: the shapes' outlines, in pixels.
        ///   - width: the raster's width in pixels.
        ///   - height: the raster's height in pixels.
        ///   - exactEverywhere: compute every pixel with the exact (slow) path; for testing.
        public static func coverage(_ outlines: [Outline], width: Int, height: Int,
                                    exactEverywhere: Bool = false) -> Coverage {
            coverageReport(outlines, width: width, height: height, exactEverywhere: exactEverywhere).coverage
        }

        /// `coverage` plus the number of pixels that were sampled (32 exact lines per pixel row) rather than
        /// solved exactly because very many edges cross there (self-crossing scribbles).
        public static func coverageReport(_ outlines: [Outline], width: Int, height: Int,
                                          exactEverywhere: Bool = false) -> (coverage: Coverage, sampledPixels: Int) {
            coverageReport(outlines, width: width, height: height, exactEverywhere: exactEverywhere,
                           exactWorkPerRow: EdgeList.exactWorkPerRow)
        }

        static func coverageReport(_ outlines: [Outline], width: Int, height: Int, exactEverywhere: Bool,
                                   exactWorkPerRow: Int) -> (coverage: Coverage, sampledPixels: Int) {
            precondition(width > 0 && height > 0, "raster size must be positive")
            precondition(outlines.reduce(0, { $0 + $1.rings.reduce(0) { $0 + $1.count } }) < 1 << 27 - 1,
                         "more than 134 million vertices")
            var sampledPixels = 0
            let values = [Float](unsafeUninitializedCapacity: width * height) { buffer, count in
                let edges = EdgeList(outlines)
                let complex = run(edges, width: width, height: height, output: .float(buffer.baseAddress!))
                let cells = exactEverywhere ? Array(0..<Int32(width * height)) : complex
                if !cells.isEmpty {
                    sampledPixels = edges.refine(cells: cells, width: width, height: height,
                                                 exactWorkPerRow: exactWorkPerRow) { i, v in buffer[i] = v }
                }
                count = width * height
            }
            return (Coverage(width: width, height: height, values: values), sampledPixels)
        }

        /// Exact coverage of `outlines` quantized to 8 bits (`round(255 · coverage)`), row-major: the fast
        /// path when no operations follow (no intermediate floating-point image is kept).
        public static func mask(_ outlines: [Outline], width: Int, height: Int) -> [UInt8] {
            precondition(width > 0 && height > 0, "raster size must be positive")
            return [UInt8](unsafeUninitializedCapacity: width * height) { buffer, count in
                let edges = EdgeList(outlines)
                let complex = run(edges, width: width, height: height, output: .byte(buffer.baseAddress!))
                if !complex.isEmpty {
                    edges.refine(cells: complex, width: width, height: height) { i, v in buffer[i] = quantize(v) }
                }
                count = width * height
            }
        }

        /// `round(255 · clamp(v, 0, 1))` (ties to even) without a trapping conversion, so loops vectorize:
        /// adding 1.5·2²³ leaves the rounded integer in the low mantissa bits.
        @inline(__always) static func quantize(_ v: Float) -> UInt8 {
            UInt8(truncatingIfNeeded: (min(max(v, 0), 1) * 255 + 12_582_912).bitPattern)
        }

        /// Where finished rows go.
        enum Output {
            case float(UnsafeMutablePointer<Float>)
            case byte(UnsafeMutablePointer<UInt8>)
        }

        /// `count` zeroed values of `type`.
        static func zeroed<T: Numeric>(_ type: T.Type, _ count: Int) -> UnsafeMutablePointer<T> {
            let pointer = UnsafeMutablePointer<T>.allocate(capacity: count)
            pointer.initialize(repeating: 0, count: count)
            return pointer
        }

        /// Draws every band and writes every pixel of `output`; returns the pixels that need the exact path.
        /// (Over 60 lines: one function over the band's shared scratch; splitting it would pass the hot loop's
        /// state around.)
        static func run(_ edges: EdgeList, width: Int, height: Int, output: Output) -> [Int32] {
            let band = bandRows
            let stride = width + 2
            // Typed, zeroed scratch for one band (no calloc to force-unwrap, no rebinding of raw memory).
            let acc = Self.zeroed(Float.self, stride * band), combined = Self.zeroed(Float.self, width * band)
            let track = Self.zeroed(UInt64.self, width * band)
            defer { acc.deallocate(); track.deallocate(); combined.deallocate() }
            var state = DrawState(acc: acc, track: track, width: width, height: height, stride: stride)
            let bands = (height + band - 1) / band
            // Edges per band, in drawing order (counting sort).
            var first = [Int32](repeating: 0, count: bands + 1)
            var spans = [(Int32, Int32)](repeating: (0, -1), count: edges.count)
            for e in 0..<edges.count {
                let lo = min(edges.y0[e], edges.y1[e]), hi = max(edges.y0[e], edges.y1[e])
                guard hi >= 0, lo < Double(height) else { continue }
                let b0 = min(bands - 1, max(0, clampedInt(lo.rounded(.down))) / band)
                let lastRow = max(0, clampedInt(hi.rounded(.up)) - 1)
                let b1 = max(b0, min(bands - 1, lastRow / band))
                spans[e] = (Int32(b0), Int32(b1))
                for b in b0...b1 { first[b + 1] += 1 }
            }
            for b in 0..<bands { first[b + 1] += first[b] }
            var fill = first
            var order = [Int32](repeating: 0, count: Int(first[bands]))
            for e in 0..<edges.count where spans[e].1 >= spans[e].0 {
                for b in Int(spans[e].0)...Int(spans[e].1) { order[Int(fill[b])] = Int32(e); fill[b] += 1 }
            }
            for b in 0..<bands {
                let r0 = b * band, r1 = min(height, r0 + band)
                let rows = r1 - r0
                state.setBand(r0, r1)
                var k = Int(first[b])
                let kEnd = Int(first[b + 1])
                if edges.outlineCount == 1, edges.operations[0] == .add {
                    // One added outline (the common case): integrate straight into the output.
                    state.resetExtent()
                    while k < kEnd { state.draw(edges, Int(order[k])); k += 1 }
                    state.resolveDirect(into: output, rule: edges.fillRules[0])
                    continue
                }
                memset(combined, 0, rows * width * MemoryLayout<Float>.stride)
                var anything = false
                for o in 0..<edges.outlineCount {
                    state.resetExtent()
                    let range = edges.outlineRange(o)
                    while k < kEnd, Int(order[k]) < range.upperBound {
                        state.draw(edges, Int(order[k]))
                        k += 1
                    }
                    if state.resolve(into: combined, rule: edges.fillRules[o], operation: edges.operations[o]) {
                        anything = true
                    }
                }
                let count = rows * width
                switch output {
                case .float(let out):
                    if anything { (out + r0 * width).update(from: combined, count: count) }
                    else { (out + r0 * width).update(repeating: 0, count: count) }
                case .byte(let out):
                    let dst = out + r0 * width
                    if anything { for i in 0..<count { dst[i] = quantize(combined[i]) } }
                    else { dst.update(repeating: 0, count: count) }
                }
            }
            return state.complex
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
        let track: UnsafeMutablePointer<UInt64>
        let width: Int, height: Int, stride: Int
        var complex: [Int32] = []
        var rowMin = Int.max, rowMax = -1, colMin = Int.max, colMax = -1
        /// The band being drawn: rows `bandStart..<bandEnd`.
        var bandStart = 0, bandEnd = 0

        /// Stamp of the current band in the tracker's high 32 bits: entries with another stamp are stale and
        /// read as untouched, so the tracker is never cleared.
        var stamp: UInt64 = 0

        mutating func setBand(_ start: Int, _ end: Int) { bandStart = start; bandEnd = end; stamp += 1 }

        init(acc: UnsafeMutablePointer<Float>, track: UnsafeMutablePointer<UInt64>, width: Int, height: Int, stride: Int) {
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
                guard r >= bandStart, r < bandEnd else { return }
                let lo = max(0, clampedInt(min(ax, bx).rounded(.down))), hi = min(width, clampedInt(max(ax, bx).rounded(.up)))
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
                    guard max(py0, py1) > Double(bandStart), min(py0, py1) < Double(bandEnd) else {
                        t0 = t1; px0 = px1; py0 = py1
                        continue
                    }
                    colMax = width
                    colMin = min(colMin, width)
                    rowMin = min(rowMin, max(bandStart, clampedInt(min(py0, py1).rounded(.down))))
                    rowMax = max(rowMax, min(bandEnd - 1, clampedInt(max(py0, py1).rounded(.up)) - 1))
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
        /// (Over 60 lines: the rasterizer's innermost loop, inlined into every edge; the cell walk and the
        /// tracking of touched cells share its locals, and splitting it measured slower.)
        @inline(__always)
        mutating func line(_ xa0: Double, _ ya0: Double, _ xb0: Double, _ yb0: Double, track tracking: Bool,
                           id: UInt32, bits: UInt32, startCell: Int, endCell: Int, prevID: UInt32, nextID: UInt32) {
            var xa = xa0, ya = ya0, xb = xb0, yb = yb0
            var dir: Double = 1
            if ya > yb { swap(&xa, &xb); swap(&ya, &yb); dir = -1 }
            guard yb > Double(bandStart), ya < Double(bandEnd) else { return }
            let dxdy = (xb - xa) / (yb - ya)
            let rStart = max(bandStart, clampedInt(ya.rounded(.down)))
            let rEnd = min(bandEnd, clampedInt(yb.rounded(.up)))
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
                let row = acc + (r - bandStart) * stride
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
            let local = i - bandStart * width
            let t64 = track[local]
            let t = t64 >> 32 == stamp ? UInt32(truncatingIfNeeded: t64) : 0
            let last = t & Self.idMask
            if last == 0 { track[local] = stamp << 32 | UInt64(id | bits << 27); return }
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
            track[local] = stamp << 32 | UInt64(flag | id | nb << 27)
        }

        /// Integrates the accumulation rows of the band's only outline straight into `output` (every pixel of
        /// the band written: zeros outside the outline's extent) and clears the rows.
        mutating func resolveDirect(into output: Mask.Rasterizer.Output, rule: Mask.FillRule) {
            switch (output, rule) {
            case (.float(let out), .nonzero): integrate(FloatSink(out: out), NonzeroFold.self)
            case (.float(let out), .evenodd): integrate(FloatSink(out: out), EvenOddFold.self)
            case (.byte(let out), .nonzero): integrate(ByteSink(out: out), NonzeroFold.self)
            case (.byte(let out), .evenodd): integrate(ByteSink(out: out), EvenOddFold.self)
            }
        }

        /// The prefix sums run four rows at a time: one row's running sum is a chain of dependent additions,
        /// four independent chains keep the floating-point adder busy.
        @inline(__always)
        private func integrate<S: Sink, F: Fold>(_ sink: S, _: F.Type) {
            let active = rowMax >= rowMin && colMax >= colMin
            let c0 = active ? colMin : 0, cEnd = active ? min(width, colMax + 1) : 0
            var r = bandStart
            while r < bandEnd {
                let rowActive = active && r >= rowMin && r <= rowMax
                let group = rowActive && r + 3 <= rowMax ? 4 : 1
                for k in 0..<group {
                    sink.zero((r + k) * width, count: rowActive ? c0 : width)
                    if rowActive { sink.zero((r + k) * width + cEnd, count: width - cEnd) }
                }
                guard rowActive else { r += 1; continue }
                if group == 4 {
                    let a0 = acc + (r - bandStart) * stride, a1 = a0 + stride, a2 = a1 + stride, a3 = a2 + stride
                    let o0 = r * width, o1 = o0 + width, o2 = o1 + width, o3 = o2 + width
                    var s0: Float = 0, s1: Float = 0, s2: Float = 0, s3: Float = 0
                    for x in c0..<cEnd {
                        s0 += a0[x]; s1 += a1[x]; s2 += a2[x]; s3 += a3[x]
                        sink.store(o0 &+ x, F.fold(s0)); sink.store(o1 &+ x, F.fold(s1))
                        sink.store(o2 &+ x, F.fold(s2)); sink.store(o3 &+ x, F.fold(s3))
                    }
                } else {
                    let a0 = acc + (r - bandStart) * stride
                    let o0 = r * width
                    var s0: Float = 0
                    for x in c0..<cEnd { s0 += a0[x]; sink.store(o0 &+ x, F.fold(s0)) }
                }
                for k in 0..<group {
                    (acc + (r + k - bandStart) * stride + c0).update(repeating: 0, count: min(colMax, stride - 1) - c0 + 1)
                }
                r += group
            }
        }

        /// Integrates the accumulation rows of the outline just drawn, folds them with `rule`, combines them
        /// into the band's `out` with `operation` and clears the rows for the next outline. Returns whether
        /// anything was drawn.
        mutating func resolve(into out: UnsafeMutablePointer<Float>, rule: Mask.FillRule, operation: Mask.Operation) -> Bool {
            guard rowMax >= rowMin, colMax >= colMin else { return false }
            let c0 = colMin, cEnd = min(width, colMax + 1)
            for r in rowMin...rowMax {
                let row = acc + (r - bandStart) * stride
                let o = out + (r - bandStart) * width
                var sum: Float = 0
                switch (rule, operation) {
                case (.nonzero, .add):
                    for x in c0..<cEnd { sum += row[x]; o[x] = max(o[x], min(abs(sum), 1)) }
                case (.nonzero, .subtract):
                    for x in c0..<cEnd { sum += row[x]; o[x] *= 1 - min(abs(sum), 1) }
                case (.evenodd, .add):
                    for x in c0..<cEnd { sum += row[x]; o[x] = max(o[x], rule.fold(sum)) }
                case (.evenodd, .subtract):
                    for x in c0..<cEnd { sum += row[x]; o[x] *= 1 - rule.fold(sum) }
                }
                (row + c0).update(repeating: 0, count: min(colMax, stride - 1) - c0 + 1)
            }
            return true
        }
    }
}

/// `v` as an `Int`, clamped to ±2⁵², with NaN as 0: coordinates far outside the grid must not trap.
@inline(__always) func clampedInt(_ v: Double) -> Int {
    guard !v.isNaN else { return 0 }
    return Int(min(max(v, -4_503_599_627_370_496), 4_503_599_627_370_496))
}

/// Where `DrawState.integrate` writes.
protocol Sink {
    func store(_ i: Int, _ v: Float)
    func zero(_ i: Int, count: Int)
}

struct FloatSink: Sink {
    let out: UnsafeMutablePointer<Float>
    @inline(__always) func store(_ i: Int, _ v: Float) { out[i] = v }
    @inline(__always) func zero(_ i: Int, count: Int) { if count > 0 { (out + i).update(repeating: 0, count: count) } }
}

struct ByteSink: Sink {
    let out: UnsafeMutablePointer<UInt8>
    @inline(__always) func store(_ i: Int, _ v: Float) { out[i] = Mask.Rasterizer.quantize(v) }
    @inline(__always) func zero(_ i: Int, count: Int) { if count > 0 { (out + i).update(repeating: 0, count: count) } }
}

/// A fill rule as a type, so the integration loop is specialized per rule.
protocol Fold { static func fold(_ m: Float) -> Float }
enum NonzeroFold: Fold { @inline(__always) static func fold(_ m: Float) -> Float { min(abs(m), 1) } }
enum EvenOddFold: Fold { @inline(__always) static func fold(_ m: Float) -> Float { Mask.FillRule.evenodd.fold(m) } }
