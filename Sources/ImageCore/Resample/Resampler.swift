import Dispatch

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
public import Darwin
#endif

/// Separable image resampling driven by precomputed per-axis tables (`Resampler.Plan`).
///
/// Runs in `Float`: each needed source row is converted once (alpha premultiplied when the layout has alpha),
/// filtered horizontally into a small ring of rows (the kernel's height, so it stays in cache), and output rows
/// are accumulated vertically from that ring, unpremultiplied, rounded and clamped. 8- and 16-bit input;
/// 8-bit output by default (16 → 8 happens only after filtering). Large jobs split output rows across threads.
public enum Resampler {
    /// How to run a plan.
    public struct Options: Sendable, Hashable {
        /// Weight colour by alpha (premultiply in float before filtering, unpremultiply after) so transparent
        /// pixels do not bleed their colour into visible ones. Only matters for layouts with alpha. Default true.
        public var premultiplyAlpha: Bool
        /// Output sample depth; nil keeps the input's depth. Default `.eight`.
        public var outputDepth: SampleDepth?
        /// Most threads to use; nil means the number of online processors. Jobs of under about 4 million
        /// multiply-adds always run on the calling thread. Default nil.
        public var maxThreads: Int?
        /// Turn the result upright by this EXIF orientation while storing it (no separate copy): the output
        /// size is `orientation.uprightSize(plan.output)`. Default `.up` (as planned).
        public var orientation: Orientation

        public init(premultiplyAlpha: Bool = true, outputDepth: SampleDepth? = .eight, maxThreads: Int? = nil,
                    orientation: Orientation = .up) {
            self.premultiplyAlpha = premultiplyAlpha
            self.outputDepth = outputDepth
            self.maxThreads = maxThreads
            self.orientation = orientation
        }
    }

    /// Threads for `plan`: 1 for jobs of under about 4 million multiply-adds, else up to `maxThreads` (nil:
    /// the processor count), at most one per 16 output rows and 16 in all.
    static func threadCount(plan: Plan, channels: Int, maxThreads: Int?) -> Int {
        let work = plan.workEstimate * channels
        return work < 4_000_000 ? 1 : max(1, min(maxThreads ?? processorCount, plan.output.height / 16, 16))
    }

    /// Runs `band` over `0..<rows` cut into `threads` consecutive bands, concurrently when more than one.
    static func splitRows(_ rows: Int, threads: Int, _ band: @Sendable (Range<Int>) -> Void) {
        guard threads > 1 else { return band(0..<rows) }
        DispatchQueue.concurrentPerform(iterations: threads) { t in band((rows * t / threads)..<(rows * (t + 1) / threads)) }
    }

    /// Online processors (at least 1).
    public static var processorCount: Int { max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))) }

    /// Runs `plan` on `image` (whose size must be `plan.source`), returning an image of `plan.output` size in
    /// the same layout (turned by `options.orientation`).
    public static func resample(_ image: Image, plan: Plan, options: Options = .init()) -> Image {
        precondition(image.width == plan.source.width && image.height == plan.source.height,
                     "image size does not match the plan's source size")
        let channels = image.layout.channels
        let outDepth = options.outputDepth ?? image.depth
        let threads = threadCount(plan: plan, channels: channels, maxThreads: options.maxThreads)
        let placement = Placement(plan: plan, orientation: options.orientation, channels: channels)
        let upright = placement.upright
        let origin = placement.origin, pixelStep = placement.pixelStep, rowStep = placement.rowStep
        if image.depth == .eight && outDepth == .eight && opaquePathApplies(layout: image.layout, plan: plan) {
            return resampleOpaque(image, plan: plan, placement: placement, threads: threads)
        }
        return Image(width: upright.width, height: upright.height, layout: image.layout, depth: outDepth) { dst in
            image.pixels.withUnsafeBytes { src in
                plan.horizontal.starts.withUnsafeBufferPointer { hs in
                plan.horizontal.counts.withUnsafeBufferPointer { hc in
                plan.horizontal.weights.withUnsafeBufferPointer { hw in
                plan.vertical.starts.withUnsafeBufferPointer { vs in
                plan.vertical.counts.withUnsafeBufferPointer { vc in
                plan.vertical.weights.withUnsafeBufferPointer { vw in
                    let job = Job(
                        src: src.baseAddress!, srcWidth: image.width, srcSixteen: image.depth == .sixteen,
                        channels: channels,
                        alphaIndex: options.premultiplyAlpha && image.layout.hasAlpha ? channels - 1 : -1,
                        dst: dst.baseAddress!, outWidth: plan.output.width, outHeight: plan.output.height, dstSixteen: outDepth == .sixteen,
                        dstOrigin: origin, dstPixelStep: pixelStep, dstRowStep: rowStep,
                        hStarts: hs.baseAddress!, hCounts: hc.baseAddress!, hWeights: hw.baseAddress!,
                        hStride: plan.horizontal.stride, columns: plan.horizontal.sourceRange,
                        vStarts: vs.baseAddress!, vCounts: vc.baseAddress!, vWeights: vw.baseAddress!,
                        vStride: plan.vertical.stride)
                    splitRows(plan.output.height, threads: threads) { job.run(rows: $0) }
                }}}}}}
            }
        }
    }
}

extension Resampler {
    /// The opaque 8-bit path over a whole image in memory (rows read in place), split across `threads`.
    static func resampleOpaque(_ image: Image, plan: Plan, placement: Placement, threads: Int) -> Image {
        Image(width: placement.upright.width, height: placement.upright.height, layout: image.layout) { dst in
            image.pixels.withUnsafeBufferPointer { src in
                withOpaqueJob(plan: plan, channels: image.layout.channels, dst: dst.baseAddress!, placement: placement) { job in
                    let source = RowsInMemory(base: src.baseAddress!, rowBytes: image.rowStride)
                    splitRows(plan.output.height, threads: threads) { job.run(rows: $0, fill: source.copyRow) }
                }
            }
        }
    }

    /// Rows of an image in memory, copied out one at a time.
    struct RowsInMemory: @unchecked Sendable {
        let base: UnsafePointer<UInt8>
        let rowBytes: Int
        /// Copies row `y` to `into` (`rowBytes` bytes).
        func copyRow(_ y: Int, into: UnsafeMutablePointer<UInt8>) { into.update(from: base + y &* rowBytes, count: rowBytes) }
    }

    /// One resampling job over raw buffers; `run(rows:)` may be called concurrently for disjoint row bands.
    struct Job: @unchecked Sendable {
        let src: UnsafeRawPointer
        let srcWidth: Int
        let srcSixteen: Bool
        let channels: Int
        let alphaIndex: Int
        let dst: UnsafeMutablePointer<UInt8>
        let outWidth: Int
        let outHeight: Int
        let dstSixteen: Bool
        /// Output placement in samples: pixel (x, y) of the planned output starts at origin + x·pixelStep + y·rowStep.
        let dstOrigin: Int, dstPixelStep: Int, dstRowStep: Int
        let hStarts: UnsafePointer<Int32>, hCounts: UnsafePointer<Int32>, hWeights: UnsafePointer<Float>
        let hStride: Int
        let columns: Range<Int>
        let vStarts: UnsafePointer<Int32>, vCounts: UnsafePointer<Int32>, vWeights: UnsafePointer<Float>
        let vStride: Int

        /// Whether filtering columns first (per source row) costs less than rows first (per output row).
        ///
        /// Cost units: one horizontal tap per output pixel (a 4-lane vector) or one vertical tap per 8 floats.
        var horizontalFirst: Bool {
            let rowsNeeded = Int(vStarts[outHeight - 1] + vCounts[outHeight - 1] - vStarts[0])
            let c = channels
            let hFirst = rowsNeeded * outWidth * hStride + outHeight * outWidth * c * vStride / 8
            let vFirst = outHeight * columns.count * c * vStride / 8 + outHeight * outWidth * hStride
            return hFirst < vFirst
        }

        func run(rows: Range<Int>) {
            guard !rows.isEmpty else { return }
            if horizontalFirst { runHorizontalFirst(rows: rows) } else { runVerticalFirst(rows: rows) }
        }

        /// Rows first: each output row is the weighted sum of whole source rows (kept, converted, in a ring the
        /// kernel's height), then filtered horizontally once. Best when reducing height.
        func runVerticalFirst(rows: Range<Int>) {
            let c = channels
            let rowFloats = columns.count * c + 8
            let lineFloats = outWidth * c + 8
            let ringSize = vStride
            let ring = UnsafeMutablePointer<Float>.allocate(capacity: ringSize * rowFloats)
            ring.initialize(repeating: 0, count: ringSize * rowFloats)
            let acc = UnsafeMutablePointer<Float>.allocate(capacity: rowFloats)
            acc.initialize(repeating: 0, count: rowFloats)
            let line = UnsafeMutablePointer<Float>.allocate(capacity: lineFloats)
            line.initialize(repeating: 0, count: lineFloats)
            var held = [Int](repeating: -1, count: ringSize)
            defer { ring.deallocate(); acc.deallocate(); line.deallocate() }

            let count = columns.count * c
            for oy in rows {
                let first = Int(vStarts[oy]), taps = Int(vCounts[oy])
                for y in first..<(first + taps) where held[y % ringSize] != y {
                    loadRow(y, into: ring + (y % ringSize) * rowFloats)
                    held[y % ringSize] = y
                }
                sumRows(ring: ring, ringSize: ringSize, stride: rowFloats, first: first, taps: taps,
                        weights: vWeights + oy * vStride, into: acc, count: count)
                filterRow(acc, into: line)
                storeRow(line, row: oy)
            }
        }

        /// Columns first: each needed source row is filtered horizontally once into a ring of output-width rows,
        /// and output rows are weighted sums of those. Best when enlarging height.
        func runHorizontalFirst(rows: Range<Int>) {
            let c = channels
            let rowFloats = columns.count * c + 8
            let lineFloats = outWidth * c + 8
            let ringSize = vStride
            let srcRow = UnsafeMutablePointer<Float>.allocate(capacity: rowFloats)
            srcRow.initialize(repeating: 0, count: rowFloats)
            let ring = UnsafeMutablePointer<Float>.allocate(capacity: ringSize * lineFloats)
            ring.initialize(repeating: 0, count: ringSize * lineFloats)
            let acc = UnsafeMutablePointer<Float>.allocate(capacity: lineFloats)
            acc.initialize(repeating: 0, count: lineFloats)
            var held = [Int](repeating: -1, count: ringSize)
            defer { srcRow.deallocate(); ring.deallocate(); acc.deallocate() }

            let count = outWidth * c
            for oy in rows {
                let first = Int(vStarts[oy]), taps = Int(vCounts[oy])
                for y in first..<(first + taps) where held[y % ringSize] != y {
                    loadRow(y, into: srcRow)
                    filterRow(srcRow, into: ring + (y % ringSize) * lineFloats)
                    held[y % ringSize] = y
                }
                sumRows(ring: ring, ringSize: ringSize, stride: lineFloats, first: first, taps: taps,
                        weights: vWeights + oy * vStride, into: acc, count: count)
                storeRow(acc, row: oy)
            }
        }

        /// `acc = Σ weights[k] · ring[(first + k) mod ringSize]` over `count` floats.
        @inline(__always)
        func sumRows(ring: UnsafeMutablePointer<Float>, ringSize: Int, stride: Int, first: Int, taps: Int,
                     weights w: UnsafePointer<Float>, into acc: UnsafeMutablePointer<Float>, count: Int) {
            Self.scale(ring + (first % ringSize) * stride, by: w[0], into: acc, count: count)
            var k = 1
            while k + 1 < taps {
                Self.accumulate2(ring + ((first + k) % ringSize) * stride, w[k],
                                 ring + ((first + k + 1) % ringSize) * stride, w[k + 1], into: acc, count: count)
                k += 2
            }
            if k < taps {
                Self.accumulate(ring + ((first + k) % ringSize) * stride, by: w[k], into: acc, count: count)
            }
        }

        /// Converts the needed columns of source row `y` to float (0…255 scale), premultiplying alpha.
        @inline(__always)
        func loadRow(_ y: Int, into out: UnsafeMutablePointer<Float>) {
            let c = channels
            let n = columns.count * c
            let offset = (y * srcWidth + columns.lowerBound) * c
            if srcSixteen {
                // 16-bit samples live in byte storage: raw loads, no rebinding of the array's memory.
                let k: Float = 255.0 / 65535.0
                for i in 0..<n { out[i] = Float(src.loadUnaligned(fromByteOffset: (offset + i) * 2, as: UInt16.self)) * k }
            } else {
                for i in 0..<n { out[i] = Float(src.load(fromByteOffset: offset + i, as: UInt8.self)) }
            }
            guard alphaIndex >= 0 else { return }
            let inv: Float = 1.0 / 255.0
            if c == 4 {
                var p = out
                for _ in 0..<columns.count {
                    let a = p[3] * inv
                    p[0] *= a; p[1] *= a; p[2] *= a
                    p += 4
                }
            } else {
                var p = out
                for _ in 0..<columns.count {
                    let a = p[c - 1] * inv
                    for j in 0..<(c - 1) { p[j] *= a }
                    p += c
                }
            }
        }

        /// Horizontal pass over one float row (plain loops per channel count, which the optimizer vectorizes).
        @inline(__always)
        func filterRow(_ row: UnsafeMutablePointer<Float>, into line: UnsafeMutablePointer<Float>) {
            let base = columns.lowerBound
            switch channels {
            case 1:
                for ox in 0..<outWidth {
                    let p = row + (Int(hStarts[ox]) - base)
                    let w = hWeights + ox * hStride
                    var a: Float = 0
                    for k in 0..<Int(hCounts[ox]) { a += p[k] * w[k] }
                    line[ox] = a
                }
            case 2:
                for ox in 0..<outWidth {
                    var p = row + (Int(hStarts[ox]) - base) * 2
                    let w = hWeights + ox * hStride
                    var a0: Float = 0, a1: Float = 0
                    for k in 0..<Int(hCounts[ox]) {
                        let wk = w[k]
                        a0 += p[0] * wk; a1 += p[1] * wk
                        p += 2
                    }
                    line[ox * 2] = a0; line[ox * 2 + 1] = a1
                }
            case 3:
                for ox in 0..<outWidth {
                    var p = row + (Int(hStarts[ox]) - base) * 3
                    let w = hWeights + ox * hStride
                    var a0: Float = 0, a1: Float = 0, a2: Float = 0
                    for k in 0..<Int(hCounts[ox]) {
                        let wk = w[k]
                        a0 += p[0] * wk; a1 += p[1] * wk; a2 += p[2] * wk
                        p += 3
                    }
                    let o = line + ox * 3
                    o[0] = a0; o[1] = a1; o[2] = a2
                }
            default:
                for ox in 0..<outWidth {
                    var p = row + (Int(hStarts[ox]) - base) * 4
                    let w = hWeights + ox * hStride
                    var a0: Float = 0, a1: Float = 0, a2: Float = 0, a3: Float = 0
                    for k in 0..<Int(hCounts[ox]) {
                        let wk = w[k]
                        a0 += p[0] * wk; a1 += p[1] * wk; a2 += p[2] * wk; a3 += p[3] * wk
                        p += 4
                    }
                    let o = line + ox * 4
                    o[0] = a0; o[1] = a1; o[2] = a2; o[3] = a3
                }
            }
        }

        /// Rounds, clamps and (when alpha was premultiplied) unpremultiplies one accumulated row into the output.
        @inline(__always)
        func storeRow(_ acc: UnsafeMutablePointer<Float>, row oy: Int) {
            let c = channels
            if alphaIndex >= 0 {
                var p = acc
                for _ in 0..<outWidth {
                    let a = min(max(p[c - 1], 0), 255)
                    p[c - 1] = a
                    let f: Float = a > 0 ? 255 / a : 0
                    for j in 0..<(c - 1) { p[j] *= f }
                    p += c
                }
            }
            // Sample (x, j) of this row goes to dstOrigin + oy·rowStep + x·pixelStep + j (packed rows and the
            // columns or reversed rows of an upright output alike); 16-bit samples are stored as raw bytes.
            let row = dstOrigin + oy * dstRowStep
            if dstSixteen {
                let out = UnsafeMutableRawPointer(dst)
                for x in 0..<outWidth {
                    let to = row + x * dstPixelStep, from = x * c
                    for j in 0..<c {
                        out.storeBytes(of: UInt16(min(max(acc[from + j], 0), 255) * 257 + 0.5), toByteOffset: (to + j) * 2, as: UInt16.self)
                    }
                }
            } else {
                for x in 0..<outWidth {
                    let to = row + x * dstPixelStep, from = x * c
                    for j in 0..<c { dst[to + j] = UInt8(min(max(acc[from + j], 0), 255) + 0.5) }
                }
            }
        }

        @inline(__always)
        static func scale(_ r: UnsafeMutablePointer<Float>, by w: Float, into acc: UnsafeMutablePointer<Float>, count: Int) {
            for i in 0..<count { acc[i] = r[i] * w }
        }

        @inline(__always)
        static func accumulate(_ r: UnsafeMutablePointer<Float>, by w: Float, into acc: UnsafeMutablePointer<Float>, count: Int) {
            for i in 0..<count { acc[i] += r[i] * w }
        }

        @inline(__always)
        static func accumulate2(_ r1: UnsafeMutablePointer<Float>, _ w1: Float, _ r2: UnsafeMutablePointer<Float>, _ w2: Float,
                                into acc: UnsafeMutablePointer<Float>, count: Int) {
            for i in 0..<count { acc[i] += r1[i] * w1 + r2[i] * w2 }
        }
    }
}
