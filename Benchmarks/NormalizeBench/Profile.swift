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

    /// Process CPU seconds (all threads): insensitive to other processes' load.
    static func cpu() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }

    static func run(_ args: [String]) throws {
        let path = args[0]
        let canvas = Size(parsing: args.count > 1 ? args[1] : "1536x1024")!
        let fit = FitMode(rawValue: args.count > 2 ? args[2] : "cover")!
        for round in 0..<3 {
            var t = cpu()
            var marks: [(String, Double)] = []
            func mark(_ name: String) { let n = cpu(); marks.append((name, (n - t) * 1000)); t = n }
            let bytes = try ImageFile.read(path)
            mark("read")
            let info = try ImageDecoder.info(bytes)
            mark("info")
            let normalizePlan = Normalizer(NormalizeOptions(size: .exact(canvas), fit: fit)).plan(for: info)
            let g = normalizePlan.geometry
            let decoded = try ImageDecoder.decode(bytes, options: DecodeOptions(shrink: normalizePlan.shrink))
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
            let t0 = cpu()
            _ = try total.normalizeNow(bytes)
            marks.append(("normalizeNow total", (cpu() - t0) * 1000))
            print("CPU ms, round \(round): " + marks.map { "\($0.0) \(String(format: "%.1f", $0.1)) ms" }.joined(separator: " | "))
        }
    }
}

extension Profile {
    /// `NormalizeBench pngopts FILE...`: each file's pixels (decoded, not resized) encoded by ImagePrep at every
    /// level and filter (bytes, CPU ms in-process, best of 5), then side by side with
    /// `vips copy FILE.v OUT.png[filter=all,compression=6]` run as a process on the same pixels (the .v input is
    /// vips' own mmap'ed format, so the command is vips' PNG encode plus its start-up). Ratios: bytes and time of
    /// ImagePrep's default (level 6, adaptive) against that vips command.
    static func pngOptions(_ paths: [String]) throws {
        for path in paths {
            let image = try ImageDecoder.decode(ImageFile.read(path)).image
            print("\(path): \(image.width)x\(image.height) \(image.layout)")
            var defaults = (bytes: 0, ms: 0.0)
            for level in [1, 3, 6, 9] {
                for filter in [PNGFilter.none, .up, .paeth, .adaptive] {
                    var best = Double.infinity
                    var count = 0
                    for _ in 0..<5 {
                        let t0 = cpu()
                        count = try ImageEncoder.encode(image, as: .png(PNGEncodeOptions(compressionLevel: level, filter: filter))).count
                        best = min(best, cpu() - t0)
                    }
                    if level == 6 && filter == .adaptive { defaults = (count, best * 1000) }
                    print("  level \(level) \(filter.rawValue.padding(toLength: 8, withPad: " ", startingAt: 0))" + String(format: " %9d B %7.1f ms CPU", count, best * 1000))
                }
            }
            let vips = try vipsCopy(path)
            print(String(format: "  vips copy in.v out.png[filter=all,compression=6] %9d B %7.1f ms wall (whole process)", vips.encode.bytes, vips.encode.ms))
            print(String(format: "  ratio ImagePrep (6, adaptive) / vips: bytes %.3fx, time %.3fx",
                         Double(defaults.bytes) / Double(vips.encode.bytes), defaults.ms / vips.encode.ms))
            print(String(format: "  whole process, PNG in → PNG out: imageprep convert %7.1f ms (%d B), vips copy %7.1f ms (%d B): %.3fx",
                         vips.convert.ms, vips.convert.bytes, vips.copy.ms, vips.copy.bytes, vips.convert.ms / vips.copy.ms))
        }
    }

    /// Best wall time of 5 runs of a command, and the bytes of the file it wrote.
    private static func bestOf5(_ tool: String, _ arguments: [String], output: String) throws -> (bytes: Int, ms: Double) {
        var best = Double.infinity
        for _ in 0..<5 {
            let t0 = now()
            let process = Process()
            process.executableURL = URL(fileURLWithPath: tool)
            process.arguments = arguments
            try process.run()
            process.waitUntilExit()
            guard process.terminationStatus == 0 else { throw CocoaError(.fileWriteUnknown) }
            best = min(best, now() - t0)
        }
        return ((try FileManager.default.attributesOfItem(atPath: output)[.size] as? Int) ?? 0, best * 1000)
    }

    /// vips' PNG encode of `path`'s pixels (from its own mmap'ed .v format: the encode plus start-up), and the
    /// whole PNG → PNG conversion by `vips copy` and by `imageprep convert`.
    private static func vipsCopy(_ path: String) throws
        -> (encode: (bytes: Int, ms: Double), copy: (bytes: Int, ms: Double), convert: (bytes: Int, ms: Double)) {
        let dir = NSTemporaryDirectory() + "pngopts-\(getpid())"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let exe = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        let imageprep = URL(fileURLWithPath: exe).deletingLastPathComponent().appendingPathComponent("imageprep").path
        _ = try bestOf5("/usr/bin/vips", ["copy", path, "\(dir)/in.v"], output: "\(dir)/in.v")
        return (try bestOf5("/usr/bin/vips", ["copy", "\(dir)/in.v", "\(dir)/a.png[filter=all,compression=6]"], output: "\(dir)/a.png"),
                try bestOf5("/usr/bin/vips", ["copy", path, "\(dir)/b.png[filter=all,compression=6]"], output: "\(dir)/b.png"),
                try bestOf5(imageprep, ["convert", path, "\(dir)/c.png"], output: "\(dir)/c.png"))
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

extension Profile {
    /// `NormalizeBench once FILE WxH [cover|contain] [jpeg|png|webp]`: one `normalizeNow`, nothing else (what
    /// `instructions` runs under callgrind: the `imageprep` CLI's async main does not run under valgrind 3.19).
    static func once(_ args: [String]) throws {
        let format: OutputFormat = args.count > 3 ? (OutputFormat(rawValue: args[3]) ?? .jpeg) : .jpeg
        let options = NormalizeOptions(size: .exact(Size(parsing: args[1])!), fit: FitMode(rawValue: args.count > 2 ? args[2] : "cover")!,
                                       format: format, quality: format == .png ? nil : (format == .webp ? 80 : 85))
        let out = try Normalizer(options).normalizeNow(ImageFile.read(args[0]))
        print("\(out.image.size) \(out.bytes.count) B")
    }

    /// `NormalizeBench instructions`: instructions executed (callgrind's Ir) by one in-process normalize of W1 and
    /// W2 — the regression figure for a noisy machine, where wall time is not.
    static func instructions(_ args: [String]) throws {
        let exe = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        // valgrind 3.19 cannot read the DWARF 5 that Swift emits: run a copy without debug info.
        let copy = NSTemporaryDirectory() + "normalizebench-nodebug-\(getpid())"
        defer { try? FileManager.default.removeItem(atPath: copy) }
        guard shell(["objcopy", "--strip-debug", exe, copy]).status == 0 else { print("objcopy failed"); return }
        let corpora = SideBySide.corpora
        for (name, file) in [("W1", "sharp-fixtures/2569067123_aca715a2ee_o.jpg"), ("W2", "bench/jpeg_6000x4000.jpg")] {
            let run = shell(["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", copy, "once", "\(corpora)/\(file)", "1536x1024"])
            let ir = run.output.split(separator: "\n").first { $0.contains("Collected :") }?.split(separator: ":").last
            print("\(name): \(ir.map { $0.trimmingCharacters(in: .whitespaces) } ?? "?") instructions (callgrind Ir, one in-process normalize incl. start-up)")
        }
    }

    /// Runs argv, returning its exit status and stdout + stderr.
    static func shell(_ argv: [String]) -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = argv
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        guard (try? process.run()) != nil else { return (-1, "") }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}
