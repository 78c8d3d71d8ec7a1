extension Resampler {
    /// Whether `plan` on an 8-bit `layout` image to 8-bit output runs on the opaque path: gray or RGB (no alpha
    /// to weight by) and rows first (the plan reduces height, or enlarging columns first would cost more).
    ///
    /// The opaque path is also the one that can read its source a row at a time (`resample(rows:…)`).
    public static func opaquePathApplies(layout: PixelLayout, plan: Plan) -> Bool {
        (layout == .gray || layout == .rgb) && !plan.columnsFirstIsCheaper(channels: layout.channels)
    }

    /// Runs `plan` on an 8-bit gray or RGB image whose rows come from `nextRow`, one at a time from the top:
    /// each call fills the next source row (`plan.source.width × channels` bytes). Only a window of rows as tall
    /// as the vertical kernel is held, so the source never needs to exist whole (a JPEG decoder can feed it
    /// scanline by scanline). Rows below the last one the plan reads are not requested. The output is 8-bit,
    /// turned upright by `orientation` while stored, and equal, pixel for pixel, to
    /// `resample(_:plan:options:)` of the whole image. Single-threaded.
    ///
    /// - Precondition: `opaquePathApplies(layout:plan:)`.
    /// - Throws: what `nextRow` throws (the stream stops there).
    public static func resample(rowsOf layout: PixelLayout, plan: Plan, orientation: Orientation = .up,
                                nextRow: (UnsafeMutablePointer<UInt8>) throws -> Void) throws -> Image {
        precondition(opaquePathApplies(layout: layout, plan: plan), "the row-streaming path needs gray or RGB, rows first")
        let c = layout.channels
        let rowBytes = plan.source.width * c
        let ringSize = plan.vertical.stride
        let ring = UnsafeMutablePointer<UInt8>.allocate(capacity: ringSize * rowBytes)
        defer { ring.deallocate() }
        var read = 0  // rows read so far
        let placement = Placement(plan: plan, orientation: orientation, channels: c)
        return try Image(width: placement.upright.width, height: placement.upright.height, layout: layout) { dst in
            try withOpaqueJob(plan: plan, channels: c, dst: dst.baseAddress!, placement: placement) { job in
                try job.run(rows: 0..<plan.output.height) { y in
                    while read <= y {
                        try nextRow(ring + (read % ringSize) * rowBytes)
                        read += 1
                    }
                    return UnsafePointer(ring + (y % ringSize) * rowBytes)
                }
            }
        }
    }

    /// Builds an `OpaqueJob` over `plan`'s tables (pinned for the duration of `body`).
    static func withOpaqueJob<R>(plan: Plan, channels: Int, dst: UnsafeMutablePointer<UInt8>, placement: Placement,
                                 _ body: (OpaqueJob) throws -> R) rethrows -> R {
        try plan.horizontal.starts.withUnsafeBufferPointer { hs in
        try plan.horizontal.counts.withUnsafeBufferPointer { hc in
        try plan.horizontal.weights.withUnsafeBufferPointer { hw in
        try plan.vertical.starts.withUnsafeBufferPointer { vs in
        try plan.vertical.counts.withUnsafeBufferPointer { vc in
        try plan.vertical.weights.withUnsafeBufferPointer { vw in
            try body(OpaqueJob(
                channels: channels, dst: dst, outWidth: plan.output.width,
                dstOrigin: placement.origin, dstPixelStep: placement.pixelStep, dstRowStep: placement.rowStep,
                hStarts: hs.baseAddress!, hCounts: hc.baseAddress!, hWeights: hw.baseAddress!, hStride: plan.horizontal.stride,
                columns: plan.horizontal.sourceRange,
                vStarts: vs.baseAddress!, vCounts: vc.baseAddress!, vWeights: vw.baseAddress!, vStride: plan.vertical.stride))
        }}}}}}
    }

    /// Where stored output pixel (x, y) goes: sample index origin + x·pixelStep + y·rowStep of the upright image.
    struct Placement {
        let upright: Size
        let origin: Int, pixelStep: Int, rowStep: Int

        init(plan: Plan, orientation: Orientation, channels: Int) {
            let upright = orientation.uprightSize(plan.output)
            let t = orientation.transform(stored: plan.output)
            let p00 = t.apply(Point(x: 0.5, y: 0.5)), p10 = t.apply(Point(x: 1.5, y: 0.5)), p01 = t.apply(Point(x: 0.5, y: 1.5))
            func index(_ du: Double, _ dv: Double) -> Int { Int((dv.rounded() * Double(upright.width) + du.rounded())) * channels }
            self.upright = upright
            origin = index(p00.x - 0.5, p00.y - 0.5)
            pixelStep = index(p10.x - p00.x, p10.y - p00.y)
            rowStep = index(p01.x - p00.x, p01.y - p00.y)
        }
    }

    /// The opaque 8-bit path (gray, RGB): rows first, straight from the 8-bit source rows (no float copy of
    /// the source, no premultiply), eight samples at a time, then columns with one 4-lane vector per tap.
    /// Float accumulation as in `Job`, so results are within the same 1 LSB of a float64 reference.
    struct OpaqueJob: @unchecked Sendable {
        let channels: Int
        let dst: UnsafeMutablePointer<UInt8>
        let outWidth: Int
        let dstOrigin: Int, dstPixelStep: Int, dstRowStep: Int
        let hStarts: UnsafePointer<Int32>, hCounts: UnsafePointer<Int32>, hWeights: UnsafePointer<Float>
        let hStride: Int
        let columns: Range<Int>
        let vStarts: UnsafePointer<Int32>, vCounts: UnsafePointer<Int32>, vWeights: UnsafePointer<Float>
        let vStride: Int

        /// Computes output rows `rows`; `source(y)` returns source row y (whole width), asked in non-decreasing
        /// order of each output row's first tap.
        func run(rows: Range<Int>, source: (Int) throws -> UnsafePointer<UInt8>) rethrows {
            let c = channels
            let count = columns.count &* c
            let acc = UnsafeMutablePointer<Float>.allocate(capacity: count &+ 8)
            acc.initialize(repeating: 0, count: count &+ 8)
            defer { acc.deallocate() }
            let offset = columns.lowerBound &* c
            for oy in rows {
                let first = Int(vStarts[oy]), taps = Int(vCounts[oy])
                let w = vWeights + oy &* vStride
                Self.scale(try source(first) + offset, by: w[0], into: acc, count: count)
                var k = 1
                while k &+ 1 < taps {
                    Self.accumulate2(try source(first &+ k) + offset, w[k], try source(first &+ k &+ 1) + offset, w[k &+ 1],
                                     into: acc, count: count)
                    k &+= 2
                }
                if k < taps { Self.accumulate(try source(first &+ k) + offset, by: w[k], into: acc, count: count) }
                if c == 3 { filterRGB(acc, row: oy) } else { filterGray(acc, row: oy) }
            }
        }

        /// `acc = row · w` (row of 8-bit samples).
        @inline(__always)
        static func scale(_ row: UnsafePointer<UInt8>, by w: Float, into acc: UnsafeMutablePointer<Float>, count: Int) {
            let wv = SIMD8<Float>(repeating: w)
            var i = 0
            while i &+ 8 <= count {
                let v = SIMD8<Float>(SIMD8<Int32>(truncatingIfNeeded: UnsafeRawPointer(row + i).loadUnaligned(as: SIMD8<UInt8>.self)))
                UnsafeMutableRawPointer(acc + i).storeBytes(of: v * wv, as: SIMD8<Float>.self)
                i &+= 8
            }
            while i < count { acc[i] = Float(row[i]) * w; i &+= 1 }
        }

        /// `acc += row · w` (row of 8-bit samples).
        @inline(__always)
        static func accumulate(_ row: UnsafePointer<UInt8>, by w: Float, into acc: UnsafeMutablePointer<Float>, count: Int) {
            let wv = SIMD8<Float>(repeating: w)
            var i = 0
            while i &+ 8 <= count {
                let v = SIMD8<Float>(SIMD8<Int32>(truncatingIfNeeded: UnsafeRawPointer(row + i).loadUnaligned(as: SIMD8<UInt8>.self)))
                let a = UnsafeRawPointer(acc + i).loadUnaligned(as: SIMD8<Float>.self)
                UnsafeMutableRawPointer(acc + i).storeBytes(of: a + v * wv, as: SIMD8<Float>.self)
                i &+= 8
            }
            while i < count { acc[i] += Float(row[i]) * w; i &+= 1 }
        }

        /// `acc += row1 · w1 + row2 · w2` (one load and store of `acc` for two taps).
        @inline(__always)
        static func accumulate2(_ r1: UnsafePointer<UInt8>, _ w1: Float, _ r2: UnsafePointer<UInt8>, _ w2: Float,
                                into acc: UnsafeMutablePointer<Float>, count: Int) {
            let w1v = SIMD8<Float>(repeating: w1), w2v = SIMD8<Float>(repeating: w2)
            var i = 0
            while i &+ 8 <= count {
                let v1 = SIMD8<Float>(SIMD8<Int32>(truncatingIfNeeded: UnsafeRawPointer(r1 + i).loadUnaligned(as: SIMD8<UInt8>.self)))
                let v2 = SIMD8<Float>(SIMD8<Int32>(truncatingIfNeeded: UnsafeRawPointer(r2 + i).loadUnaligned(as: SIMD8<UInt8>.self)))
                let a = UnsafeRawPointer(acc + i).loadUnaligned(as: SIMD8<Float>.self)
                UnsafeMutableRawPointer(acc + i).storeBytes(of: a + v1 * w1v + v2 * w2v, as: SIMD8<Float>.self)
                i &+= 8
            }
            while i < count { acc[i] += Float(r1[i]) * w1 + Float(r2[i]) * w2; i &+= 1 }
        }

        /// Columns pass for RGB: one 4-lane multiply-add per tap (the fourth lane, the next pixel's red, is
        /// ignored), then rounded, clamped and stored.
        @inline(__always)
        func filterRGB(_ acc: UnsafeMutablePointer<Float>, row oy: Int) {
            let base = columns.lowerBound
            let rowStart = dstOrigin &+ oy &* dstRowStep
            for ox in 0..<outWidth {
                var p = UnsafeRawPointer(acc + (Int(hStarts[ox]) &- base) &* 3)
                let w = hWeights + ox &* hStride
                var a = SIMD4<Float>(repeating: 0)
                for k in 0..<Int(hCounts[ox]) {
                    a += p.loadUnaligned(as: SIMD4<Float>.self) * w[k]
                    p += 12
                }
                let to = rowStart &+ ox &* dstPixelStep
                dst[to] = Self.sample(a[0])
                dst[to &+ 1] = Self.sample(a[1])
                dst[to &+ 2] = Self.sample(a[2])
            }
        }

        /// Columns pass for gray.
        @inline(__always)
        func filterGray(_ acc: UnsafeMutablePointer<Float>, row oy: Int) {
            let base = columns.lowerBound
            let rowStart = dstOrigin &+ oy &* dstRowStep
            for ox in 0..<outWidth {
                let p = acc + (Int(hStarts[ox]) &- base)
                let w = hWeights + ox &* hStride
                var a: Float = 0
                for k in 0..<Int(hCounts[ox]) { a += p[k] * w[k] }
                dst[rowStart &+ ox &* dstPixelStep] = Self.sample(a)
            }
        }

        /// `v` clamped to 0…255 and rounded to the nearest integer (ties to even), without the checks of a
        /// `UInt8(_: Float)` conversion: adding 2²³ leaves the rounded integer in the significand's low bits.
        @inline(__always)
        static func sample(_ v: Float) -> UInt8 {
            let c = v < 0 ? 0 : (v > 255 ? 255 : v)
            return UInt8(truncatingIfNeeded: (c + 8_388_608).bitPattern)
        }
    }
}

extension Resampler.Plan {
    /// Whether filtering columns first (per source row) costs less than rows first (per output row), for
    /// `channels` samples per pixel. Cost units: one horizontal tap per output pixel (a 4-lane vector) or one
    /// vertical tap per 8 floats.
    func columnsFirstIsCheaper(channels c: Int) -> Bool {
        let rowsNeeded = vertical.sourceRange.count
        let hFirst = rowsNeeded * output.width * horizontal.stride + output.height * output.width * c * vertical.stride / 8
        let vFirst = output.height * horizontal.sourceRange.count * c * vertical.stride / 8 + output.height * output.width * horizontal.stride
        return hFirst < vFirst
    }
}
