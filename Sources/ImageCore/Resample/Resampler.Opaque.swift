import CKernels

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
    /// `rowDone` gets each upright output row (`width × channels` bytes) once, top to bottom, as soon as it is
    /// final: while the source is still being read when `orientation` keeps rows in order (up, or mirrored),
    /// after the last source row otherwise. An encoder can compress the output as it is made.
    ///
    /// - Precondition: `opaquePathApplies(layout:plan:)`.
    /// - Throws: what `nextRow` or `rowDone` throws (the stream stops there).
    public static func resample(rowsOf layout: PixelLayout, plan: Plan, orientation: Orientation = .up,
                                nextRow: (UnsafeMutablePointer<UInt8>) throws -> Void,
                                rowDone: (_ row: UnsafePointer<UInt8>) throws -> Void = { _ in }) throws -> Image {
        precondition(opaquePathApplies(layout: layout, plan: plan), "the row-streaming path needs gray or RGB, rows first")
        let c = layout.channels
        var read = 0  // rows read so far; the job asks each row once, in order
        let placement = Placement(plan: plan, orientation: orientation, channels: c)
        let rowBytes = placement.upright.width * c
        let inOrder = orientation == .up || orientation == .upMirrored
        return try Image(width: placement.upright.width, height: placement.upright.height, layout: layout) { dst in
            let out = UnsafePointer(dst.baseAddress!)
            try withOpaqueJob(plan: plan, channels: c, dst: dst.baseAddress!, placement: placement) { job in
                try job.run(rows: 0..<plan.output.height, fill: { y, into in
                    repeat {  // rows above the first one used are read into the same place and dropped
                        try nextRow(into)
                        read += 1
                    } while read <= y
                }, finished: { y in
                    if inOrder { try rowDone(out + y * rowBytes) }
                })
            }
            if !inOrder {
                for y in 0..<placement.upright.height { try rowDone(out + y * rowBytes) }
            }
        }
    }

    /// Runs `plan` on an 8-bit gray or RGB source whose rows `row(y, into:)` writes on demand
    /// (`plan.source.width × channels` bytes): a source stored some other way (planes, tiles) is resampled
    /// without an interleaved copy of it. Output rows are split across threads as in `resample(_:plan:options:)`
    /// (`options.maxThreads`); each thread writes the rows it needs, each once, into a buffer of its own, so
    /// `row` is called concurrently and must only read shared state. The output is 8-bit, turned upright by
    /// `options.orientation`, and equal, pixel for pixel, to `resample(_:plan:options:)` of the interleaved image.
    ///
    /// - Precondition: `opaquePathApplies(layout:plan:)`.
    public static func resample(rowsAt layout: PixelLayout, plan: Plan, options: Options = .init(),
                                row: @Sendable (_ y: Int, _ into: UnsafeMutablePointer<UInt8>) -> Void) -> Image {
        precondition(opaquePathApplies(layout: layout, plan: plan), "rows on demand need gray or RGB, rows first")
        let c = layout.channels
        let placement = Placement(plan: plan, orientation: options.orientation, channels: c)
        let threads = threadCount(plan: plan, channels: c, maxThreads: options.maxThreads)
        return Image(width: placement.upright.width, height: placement.upright.height, layout: layout) { dst in
            withOpaqueJob(plan: plan, channels: c, dst: dst.baseAddress!, placement: placement) { job in
                splitRows(plan.output.height, threads: threads) { band in job.run(rows: band, fill: row) }
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
                channels: channels, sourceRowBytes: plan.source.width &* channels, dst: dst, outWidth: plan.output.width,
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

    /// The opaque 8-bit path (gray, RGB): rows first, then columns. Each source row the plan reads is written
    /// once, by the caller's `fill`, into a ring of byte rows as tall as the vertical kernel; an output row sums its taps over that ring in
    /// float (`CKernels_vsum`: AVX2 with FMA where the CPU has it, 64 samples a pass in registers), then is
    /// filtered across (`CKernels_hfilter_rgb`, or a scalar loop for gray). No premultiply, no float copy of the whole
    /// source; float accumulation as in `Job`, so results are within the same 1 LSB of a float64 reference.
    struct OpaqueJob: @unchecked Sendable {
        let channels: Int
        let sourceRowBytes: Int
        let dst: UnsafeMutablePointer<UInt8>
        let outWidth: Int
        let dstOrigin: Int, dstPixelStep: Int, dstRowStep: Int
        let hStarts: UnsafePointer<Int32>, hCounts: UnsafePointer<Int32>, hWeights: UnsafePointer<Float>
        let hStride: Int
        let columns: Range<Int>
        let vStarts: UnsafePointer<Int32>, vCounts: UnsafePointer<Int32>, vWeights: UnsafePointer<Float>
        let vStride: Int

        /// Computes output rows `rows`; `fill(y, into)` writes source row y (whole width, `sourceRowBytes`) into
        /// the job's ring, where it stays while output rows need it. Each row is asked once per call, in
        /// increasing order.
        func run(rows: Range<Int>, fill: (_ y: Int, _ into: UnsafeMutablePointer<UInt8>) throws -> Void) rethrows {
            try run(rows: rows, fill: fill, finished: { _ in })
        }

        /// `run(rows:fill:)`, calling `finished(oy)` after each output row is stored.
        func run(rows: Range<Int>, fill: (_ y: Int, _ into: UnsafeMutablePointer<UInt8>) throws -> Void,
                 finished: (Int) throws -> Void) rethrows {
            let c = channels
            let count = columns.count &* c
            let padded = (count &+ 15) & ~15  // whole 16-sample blocks summed from the first column used
            let ringStride = sourceRowBytes &+ 16  // whole rows, with room for the last block's padding (stays 0)
            let ringRows = max(1, vStride)
            let ring = UnsafeMutablePointer<UInt8>.allocate(capacity: ringRows &* ringStride)
            ring.initialize(repeating: 0, count: ringRows &* ringStride)
            defer { ring.deallocate() }
            let acc = UnsafeMutablePointer<Float>.allocate(capacity: padded &+ 8)
            acc.initialize(repeating: 0, count: padded &+ 8)
            defer { acc.deallocate() }
            let taps = UnsafeMutablePointer<UnsafePointer<UInt8>?>.allocate(capacity: ringRows)
            defer { taps.deallocate() }
            let offset = columns.lowerBound &* c
            let level = CKernels_level()
            var next = rows.isEmpty ? 0 : Int(vStarts[rows.lowerBound])  // the first row not yet in the ring
            for oy in rows {
                let first = Int(vStarts[oy]), n = Int(vCounts[oy])
                next = max(next, first)
                while next < first &+ n {
                    try fill(next, ring + (next % ringRows) &* ringStride)
                    next &+= 1
                }
                for k in 0..<n { taps[k] = UnsafePointer(ring + ((first &+ k) % ringRows) &* ringStride + offset) }
                CKernels_vsum(UnsafePointer(taps), vWeights + oy &* vStride, Int32(n), acc, padded, level)
                if c == 3 { filterRGB(acc, row: oy, level: level) } else { filterGray(acc, row: oy) }
                try finished(oy)
            }
        }

        /// Columns pass for RGB (`CKernels_hfilter_rgb`: two taps a register with AVX2, else portable C); `acc`
        /// is readable and finite 8 floats past its last sample.
        @inline(__always)
        func filterRGB(_ acc: UnsafeMutablePointer<Float>, row oy: Int, level: Int32) {
            CKernels_hfilter_rgb(acc, Int32(columns.lowerBound), hStarts, hCounts, hWeights, hStride, outWidth,
                                 dst + (dstOrigin &+ oy &* dstRowStep), dstPixelStep, level)
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
