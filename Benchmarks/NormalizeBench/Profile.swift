import Foundation
import ImageCodecs
import ImageCore
import ImagePrep

/// `NormalizeBench profile FILE WxH [cover|contain]`: times each stage of the pipeline in-process.
enum Profile {
    static func now() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }

    static func run(_ args: [String]) throws {
        let path = args[0]
        let canvas = Size(parsing: args.count > 1 ? args[1] : "1536x1024")!
        let fit = FitMode(rawValue: args.count > 2 ? args[2] : "cover")!
        for round in 0..<3 {
            var t = now()
            var marks: [(String, Double)] = []
            func mark(_ name: String) { let n = now(); marks.append((name, (n - t) * 1000)); t = n }
            let bytes = try ImageFile.read(path)
            mark("read")
            let info = try ImageDecoder.info(bytes)
            mark("info")
            let g = FitGeometry(source: info.uprightSize, canvas: canvas, fit: fit)
            let reduction = min(g.sourceRect.width / Double(g.contentSize.width), g.sourceRect.height / Double(g.contentSize.height))
            let shrink = info.format == .png ? 1 : ([8, 4, 2].first { Double($0) * 1.9 <= reduction } ?? 1)
            let decoded = try ImageDecoder.decode(bytes, options: DecodeOptions(shrink: shrink))
            mark("decode/\(decoded.shrink) \(decoded.image.width)x\(decoded.image.height)")
            let s = Double(decoded.image.width) / Double(info.width)
            let plan = Resampler.Plan(source: decoded.image.size,
                                      sourceRect: Rect(x: g.sourceRect.x * s, y: g.sourceRect.y * s, width: g.sourceRect.width * s, height: g.sourceRect.height * s),
                                      output: g.contentSize)
            mark("plan taps \(plan.horizontal.stride)x\(plan.vertical.stride)")
            let small = Resampler.resample(decoded.image, plan: plan)
            mark("resample")
            let alpha = small.usesAlpha
            mark("usesAlpha")
            let out = try ImageEncoder.encode(small, as: alpha ? .png() : .jpeg(JPEGEncodeOptions(quality: 85)), metadata: EncodeMetadata(srgb: true))
            mark("encode \(out.count) B")
            let total = Normalizer(NormalizeOptions(size: .exact(canvas), fit: fit, quality: 85))
            let t0 = now()
            _ = try total.normalizeNow(bytes)
            marks.append(("normalizeNow total", (now() - t0) * 1000))
            print("round \(round): " + marks.map { "\($0.0) \(String(format: "%.1f", $0.1)) ms" }.joined(separator: " | "))
        }
    }
}

extension Profile {
    /// `NormalizeBench pngopts FILE`: PNG encode time and size per (level, filter) on the W4 contain result.
    static func pngOptions(_ path: String) throws {
        let n = try Normalizer(NormalizeOptions(size: .exact(Size(width: 1024, height: 1024)), fit: .contain, background: .transparent))
            .normalizeNow(ImageFile.read(path))
        let image = n.image
        for level in [1, 2, 3, 4, 6, 9] {
            for filter in [PNGFilter.none, .sub, .up, .paeth, .adaptive] {
                let t0 = now()
                let b = try ImageEncoder.encode(image, as: .png(PNGEncodeOptions(compressionLevel: level, filter: filter)))
                print("level \(level) \(filter): \(b.count) B \(String(format: "%.1f", (now() - t0) * 1000)) ms")
            }
        }
    }
}

extension Profile {
    /// `NormalizeBench resample FILE WxH SHRINK THREADS`: minimum of 15 resample runs (less sensitive to load).
    static func resample(_ args: [String]) throws {
        let decoded = try ImageDecoder.decode(ImageFile.read(args[0]), options: DecodeOptions(shrink: Int(args[2]) ?? 1))
        let canvas = Size(parsing: args[1])!
        let g = FitGeometry(source: decoded.image.size, canvas: canvas, fit: .cover)
        let plan = Resampler.Plan(source: decoded.image.size, sourceRect: g.sourceRect, output: canvas)
        var best = Double.infinity
        for _ in 0..<15 {
            let t0 = now()
            _ = Resampler.resample(decoded.image, plan: plan, options: .init(maxThreads: Int(args[3]) ?? 1))
            best = min(best, now() - t0)
        }
        print("resample \(decoded.image.width)x\(decoded.image.height) → \(canvas) threads \(args[3]): min \(String(format: "%.1f", best * 1000)) ms")
    }
}
