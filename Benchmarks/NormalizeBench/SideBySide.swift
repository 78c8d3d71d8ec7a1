import Foundation
import ImageCodecs
import ImageCore
import ImagePrep

/// `NormalizeBench [--rounds N] [--batch-rounds M] [--only W1,W2,W3,W4,W5,W6,W7,base] [--tools A,B] [--no-ssim]`: runs
/// ImagePrep, the floor (djpeg at ImagePrep's DCT scale + cjpeg/cwebp of the output size) and the tools people use
/// today (vipsthumbnail, Pillow 9.4/13, Pillow-SIMD when /tmp/pilsimd holds it, GraphicsMagick, ImageMagick) side by side, each as a process the way a knowledgeable user would run it, rounds
/// interleaved (every tool once per workload per round) so machine load hits all alike. Prints medians, ratios
/// to the fastest peer, CPU, peak RSS (GNU time's `%M`: the largest process of the run) and SSIM
/// against `Reference`.
enum SideBySide {
    struct Workload {
        var name: String
        var input: String
        var canvas: Size
        var fit: FitMode
        var ext: String
        var batch: Bool
        var note: String
    }

    struct Tool {
        var name: String
        /// The argv for a workload (input, output path or folder), or nil when the tool cannot run here.
        var command: (Workload, String) -> [String]?
    }

    struct Sample { var wall: Double; var rss: Int; var cpu: Double; var ok: Bool }

    static let corpora = ProcessInfo.processInfo.environment["IMAGEPREP_CORPORA"] ?? "/work/shared/corpora"
    static let work = "/tmp/normalizebench-\(getpid())"
    /// The package's samples/ folder (from this source file's path).
    static let samplesDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("samples").path

    static func run(_ args: [String]) throws {
        var rounds = 5, batchRounds = 3, only: Set<String>? = nil, ssim = true, toolNames: Set<String>? = nil
        var i = 0
        while i < args.count {
            switch args[i] {
            case "--rounds": rounds = Int(args[i + 1]) ?? rounds; i += 1
            case "--batch-rounds": batchRounds = Int(args[i + 1]) ?? batchRounds; i += 1
            case "--only": only = Set(args[i + 1].split(separator: ",").map(String.init)); i += 1
            case "--no-ssim": ssim = false
            case "--tools": toolNames = Set(args[i + 1].split(separator: ",").map(String.init)); i += 1
            default: break
            }
            i += 1
        }
        try FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: true)
        let workloads = try makeWorkloads().filter { only?.contains($0.name) ?? true }
        let tools = makeTools().filter { toolNames?.contains($0.name) ?? true }
        try prepareFloor(workloads)
        print("NormalizeBench: \(rounds) rounds (+1 warm-up), W6 \(batchRounds); load average \(loadAverage())")
        var samples: [String: [String: [Sample]]] = [:]
        let maxRounds = max(rounds, batchRounds)
        for round in 0...maxRounds {
            for w in workloads {
                if w.batch && round > batchRounds { continue }
                if !w.batch && round > rounds { continue }
                for t in tools {
                    let out = outputPath(w, t)
                    if w.batch {
                        try? FileManager.default.removeItem(atPath: out)
                        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
                    }
                    guard let argv = t.command(w, out) else { continue }
                    let s = measure(argv)
                    if round > 0 { samples[w.name, default: [:]][t.name, default: []].append(s) }  // round 0 warms caches
                }
            }
            FileHandle.standardError.write(Data("round \(round) done, load \(loadAverage())\n".utf8))
        }
        print("load average after: \(loadAverage())\n")
        var summaries: [String: Summary] = [:]
        for w in workloads {
            summaries[w.name] = try report(w, tools: tools, samples: samples[w.name] ?? [:], ssim: ssim && !w.batch && w.ext == "jpg")
        }
        printTargets(summaries)
    }

    static func outputPath(_ w: Workload, _ t: Tool) -> String {
        let slug = t.name.lowercased().filter { $0.isLetter || $0.isNumber }
        return w.batch ? "\(work)/\(w.name)-\(slug)" : "\(work)/\(w.name)-\(slug).\(w.ext)"
    }

    static func makeWorkloads() throws -> [Workload] {
        // W6: the photos of the corpora at ≥ 1 MP (EXIF-rotated phone-style shots, sharp's fixtures, wide-gamut
        // test cards), cycled to 40 files.
        let batchDir = work + "/batch40"
        try? FileManager.default.removeItem(atPath: batchDir)
        try FileManager.default.createDirectory(atPath: batchDir, withIntermediateDirectories: true)
        var photos: [String] = []
        for set in ["exif-orientation-examples", "sharp-fixtures", "wide-gamut-tests"] {
            let text = (try? String(contentsOfFile: "\(corpora)/\(set)/MANIFEST.tsv", encoding: .utf8)) ?? ""
            for line in text.split(separator: "\n").dropFirst() {
                let f = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
                guard f.count >= 6, f[2].contains("JPEG"), f[5] == "decode", (Int(f[3]) ?? 0) * (Int(f[4]) ?? 0) >= 1_000_000 else { continue }
                photos.append("\(corpora)/\(set)/\(f[0])")
            }
        }
        for k in 0..<40 where !photos.isEmpty {
            try FileManager.default.createSymbolicLink(atPath: String(format: "%@/b%02d.jpg", batchDir, k), withDestinationPath: photos[k % photos.count])
        }
        return [
            Workload(name: "W1", input: "\(corpora)/sharp-fixtures/2569067123_aca715a2ee_o.jpg", canvas: Size(width: 1536, height: 1024),
                     fit: .cover, ext: "jpg", batch: false, note: "2725x2225 JPEG → 1536x1024 cover JPEG q85"),
            Workload(name: "W2", input: "\(corpora)/bench/jpeg_6000x4000.jpg", canvas: Size(width: 1536, height: 1024),
                     fit: .cover, ext: "jpg", batch: false, note: "6000x4000 JPEG → 1536x1024 cover JPEG q85"),
            Workload(name: "W3", input: "\(corpora)/bench/jpeg_6000x4000.jpg", canvas: Size(width: 1024, height: 1024),
                     fit: .cover, ext: "png", batch: false, note: "6000x4000 JPEG → 1024x1024 cover PNG"),
            Workload(name: "W4", input: "\(corpora)/sharp-fixtures/alpha-premultiply-2048x1536-paper.png", canvas: Size(width: 1024, height: 1024),
                     fit: .contain, ext: "png", batch: false, note: "2048x1536 RGBA PNG → 1024x1024 contain PNG, transparent pad"),
            // W7 (issue 17): a real 12 MP iPhone HEIC (48 tiles of 512x512, Display P3 ICC); read by ImagePrep,
            // vips (Debian libheif 1.15) and Pillow with pillow-heif (its wheel bundles libheif 1.23) only.
            Workload(name: "W7", input: "\(corpora)/heif-tests/lego.heic", canvas: Size(width: 1536, height: 1024),
                     fit: .cover, ext: "jpg", batch: false, note: "4032x3024 iPhone HEIC (48-tile grid, Display P3) → 1536x1024 cover JPEG q85"),
            Workload(name: "W5", input: "\(corpora)/bench/jpeg_6000x4000.jpg", canvas: Size(width: 1536, height: 1024),
                     fit: .cover, ext: "webp", batch: false, note: "6000x4000 JPEG → 1536x1024 cover WebP q80"),
            Workload(name: "base", input: samplesDirectory + "/photo-rotated.jpg", canvas: Size(width: 1536, height: 1024),
                     fit: .cover, ext: "png", batch: false, note: "masked-edit base: samples/photo-rotated.jpg → 1536x1024 cover PNG"),
            Workload(name: "W6", input: batchDir, canvas: Size(width: 1024, height: 1024), fit: .cover, ext: "jpg", batch: true,
                     note: "\(photos.count) corpus photos cycled to 40 JPEGs → 1024x1024 cover JPEG q85, both cores"),
        ]
    }

    /// The cover-scaled size (before the crop): the decode-size hint Pillow's draft() and gm/IM's -size take.
    static func coverHint(_ w: Workload) -> String {
        guard let info = try? ImageDecoder.info(ImageFile.read(w.input)) else { return w.canvas.description }
        let s = info.uprightSize
        let k = max(Double(w.canvas.width) / Double(s.width), Double(w.canvas.height) / Double(s.height))
        return "\(Int((Double(s.width) * k).rounded(.up)))x\(Int((Double(s.height) * k).rounded(.up)))"
    }

    /// The `imageprep` built beside this benchmark (same configuration: release when run from `.build/release`).
    static var imageprepPath: String {
        let exe = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        return URL(fileURLWithPath: exe).deletingLastPathComponent().appendingPathComponent("imageprep").path
    }

    static func makeTools() -> [Tool] {
        let imageprep = imageprepPath
        let script = work + "/pil_normalize.py"
        try? pillowScript.write(toFile: script, atomically: true, encoding: .utf8)
        func sh(_ s: String) -> [String] { ["/bin/sh", "-c", s] }
        func pillow(_ python: String, heif: Bool = false) -> (Workload, String) -> [String]? {
            { w, out in
                guard FileManager.default.isExecutableFile(atPath: python), isHEIF(w) == heif else { return nil }
                let mode = w.batch ? "batch" : w.fit.rawValue
                return [python, script, mode, w.input, out, "\(w.canvas.width)", "\(w.canvas.height)"]
            }
        }
        let wh = { (w: Workload) in "\(w.canvas.width)x\(w.canvas.height)" }
        // Output options per format, as each tool spells them: JPEG q85 optimized, WebP q80, PNG zlib 6 + filters.
        let vipsSave = ["jpg": "[Q=85,optimize_coding,strip]", "webp": "[Q=80,strip]", "png": "[compression=6,filter=all,strip]"]
        let gmQuality = ["jpg": "85", "webp": "80", "png": "65"]  // gm PNG: tens = zlib level, ones 5 = adaptive filters
        return [
            Tool(name: "ImagePrep") { w, out in
                var a = [imageprep, "normalize", w.input, "-o", out, "--size", wh(w), "--fit", w.fit.rawValue]
                switch w.ext {
                case "png": a += ["--format", "png"] + (w.fit == .contain ? ["--background", "transparent"] : [])
                case "webp": a += ["--format", "webp", "--quality", "80"]
                default: a += ["--format", "jpeg", "--quality", "85"]
                }
                if w.batch { a += ["--jobs", "2"] }
                return a
            },
            Tool(name: "vipsthumbnail") { w, out in
                if w.batch {
                    return sh("ls \(w.input)/*.jpg | xargs -P 2 -n 20 vipsthumbnail --size \(wh(w)) --smartcrop centre -o '\(out)/%s.jpg[Q=85,optimize_coding,strip]'")
                }
                if w.fit == .contain {
                    return sh("vips thumbnail \(w.input) \(out).v \(w.canvas.width) --height \(w.canvas.height) && vips gravity \(out).v \(out) centre \(w.canvas.width) \(w.canvas.height) --extend background --background '0 0 0 0'; rm -f \(out).v")
                }
                return ["vipsthumbnail", w.input, "--size", wh(w), "--smartcrop", "centre", "-o", "\(out)\(vipsSave[w.ext] ?? "")"]
            },
            Tool(name: "Pillow 9.4 (Debian)", command: pillow("/usr/bin/python3")),
            Tool(name: "Pillow 13 (PyPI)", command: pillow("/tmp/pilvenv/bin/python")),
            Tool(name: "Pillow 13 + pillow-heif 1.9 (PyPI)", command: pillow("/tmp/pilvenv/bin/python", heif: true)),
            Tool(name: "Pillow-SIMD (PyPI, -mavx2)", command: pillow("/tmp/pilsimd/bin/python")),
            Tool(name: "GraphicsMagick") { w, out in
                if isHEIF(w) { return nil }
                if w.batch {
                    return sh("cd \(w.input) && ls *.jpg | xargs -P 2 -n 20 gm mogrify -output-directory \(out) -size \(wh(w)) -auto-orient -filter Lanczos -resize '\(wh(w))^' -gravity center -extent \(wh(w)) -quality 85 +profile '*'")
                }
                if w.fit == .contain {
                    return ["gm", "convert", w.input, "-filter", "Lanczos", "-resize", wh(w), "-background", "none", "-gravity", "center", "-extent", wh(w), out]
                }
                return ["gm", "convert", "-size", coverHint(w), w.input, "-auto-orient", "-filter", "Lanczos", "-resize", "\(wh(w))^",
                        "-gravity", "center", "-extent", wh(w), "-quality", gmQuality[w.ext] ?? "85", "+profile", "*", out]
            },
            Tool(name: "ImageMagick 6") { w, out in
                if isHEIF(w) { return nil }
                if w.batch {
                    return sh("ls \(w.input)/*.jpg | xargs -P 2 -n 20 mogrify -path \(out) -define jpeg:size=\(wh(w)) -auto-orient -filter Lanczos -resize '\(wh(w))^' -gravity center -extent \(wh(w)) -quality 85 -strip")
                }
                if w.fit == .contain {
                    return ["/usr/bin/convert", w.input, "-filter", "Lanczos", "-resize", wh(w), "-background", "none", "-gravity", "center", "-extent", wh(w), out]
                }
                return ["/usr/bin/convert", "-define", "jpeg:size=\(coverHint(w))", w.input, "-auto-orient", "-filter", "Lanczos", "-resize", "\(wh(w))^",
                        "-gravity", "center", "-extent", wh(w), "-quality", gmQuality[w.ext] ?? "85", "-strip", out]
            },
            // The floor: libjpeg-turbo's own tools decoding at the DCT scale ImagePrep uses and encoding the output
            // size (a PPM prepared once), nothing else; JPEG and WebP workloads only.
            Tool(name: floorName) { w, _ in
                guard !w.batch, w.input.hasSuffix(".jpg"), w.ext != "png", let ppm = floorPPM[w.name] else { return nil }
                let decode = "djpeg -scale 1/\(shrink(w)) -ppm \(w.input) > /dev/null"
                let encode = w.ext == "webp" ? "cwebp -quiet -q 80 \(ppm) -o /dev/null" : "cjpeg -quality 85 -optimize \(ppm) > /dev/null"
                return sh("\(decode) && \(encode)")
            },
        ]
    }

    /// Whether the workload reads HEIF (only the tools that read it run).
    static func isHEIF(_ w: Workload) -> Bool { w.input.hasSuffix(".heic") }
    static let floorName = "floor (djpeg + cjpeg/cwebp)"
    nonisolated(unsafe) static var floorPPM: [String: String] = [:]

    /// ImagePrep's shrink-on-load for a workload (the DCT scale the floor decodes at).
    static func shrink(_ w: Workload) -> Int {
        guard let info = try? ImageDecoder.info(ImageFile.read(w.input)) else { return 1 }
        return Normalizer(NormalizeOptions(size: .exact(w.canvas), fit: w.fit)).plan(for: info).shrink
    }

    /// Writes, for each JPEG/WebP workload, a PPM of the output size (the floor's encoder input).
    static func prepareFloor(_ workloads: [Workload]) throws {
        for w in workloads where !w.batch && w.ext != "png" {
            let ppm = "\(work)/\(w.name)-floor.ppm"
            var header = Array("P6\n\(w.canvas.width) \(w.canvas.height)\n255\n".utf8)
            let normalized = try Normalizer(NormalizeOptions(size: .exact(w.canvas), fit: w.fit, format: .png)).normalizeNow(ImageFile.read(w.input))
            header += normalized.image.converted(to: .rgb).pixels
            try Data(header).write(to: URL(fileURLWithPath: ppm))
            floorPPM[w.name] = ppm
        }
    }

    /// Pillow as a knowledgeable user writes it: draft() to the smallest DCT scale still ≥ the needed size,
    /// exif_transpose, resize(LANCZOS, box=crop, reducing_gap=3.0); RGBA resizes premultiplied in Pillow;
    /// a Pool of 2 processes for the batch. HEIF through pillow-heif's opener when it is installed.
    static let pillowScript = #"""
    import os, sys
    from PIL import Image, ImageOps
    if sys.argv[2].endswith('.heic'):
        from pillow_heif import register_heif_opener
        register_heif_opener()

    def cover(src, dst, W, H):
        im = Image.open(src)
        w, h = im.size
        if im.getexif().get(0x0112, 1) >= 5:
            w, h = h, w
        s = max(W / w, H / h)
        need = (int(w * s + 0.999), int(h * s + 0.999))
        im.draft('RGB', need if im.getexif().get(0x0112, 1) < 5 else (need[1], need[0]))
        im = ImageOps.exif_transpose(im)
        w, h = im.size
        s = max(W / w, H / h)
        cw, ch = W / s, H / s
        box = ((w - cw) / 2, (h - ch) / 2, (w + cw) / 2, (h + ch) / 2)
        out = im.resize((W, H), Image.LANCZOS, box=box, reducing_gap=3.0)
        if dst.endswith('.png'):
            out.save(dst, 'PNG', compress_level=6)
        elif dst.endswith('.webp'):
            out.save(dst, 'WEBP', quality=80)
        else:
            out.save(dst, 'JPEG', quality=85, optimize=True)

    def contain(src, dst, W, H):
        im = ImageOps.exif_transpose(Image.open(src)).convert('RGBA')
        c = ImageOps.contain(im, (W, H), Image.LANCZOS)
        canvas = Image.new('RGBA', (W, H), (0, 0, 0, 0))
        canvas.paste(c, ((W - c.width) // 2, (H - c.height) // 2))
        canvas.save(dst, 'PNG')

    def one(args):
        cover(*args)

    if __name__ == '__main__':
        mode, src, dst, W, H = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5])
        if mode == 'batch':
            from multiprocessing import Pool
            jobs = [(os.path.join(src, f), os.path.join(dst, f), W, H) for f in sorted(os.listdir(src)) if f.endswith('.jpg')]
            with Pool(2) as pool:
                pool.map(one, jobs)
        elif mode == 'cover':
            cover(src, dst, W, H)
        else:
            contain(src, dst, W, H)
    """#

    /// One process run, spawn to exit, with posix_spawnp + wait4 (Foundation's `Process.waitUntilExit` adds
    /// tens of milliseconds of run-loop latency on Linux, which would compress every ratio towards 1). CPU is the
    /// child's user + sys. Peak RSS is GNU time's `%M` for the command (the largest process of the run): the
    /// command runs under `/usr/bin/time`, because `ru_maxrss` of a child spawned straight from this process
    /// starts at this process's own RSS (posix_spawn's vfork shares its memory until exec, and the kernel keeps
    /// that high-water mark), which put every tool at the benchmark's ~115 MB.
    static func measure(_ argv: [String]) -> Sample {
        let rssFile = work + "/rss-\(getpid()).txt"
        let timed = ["/usr/bin/time", "-f", "%M", "-o", rssFile] + argv
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        let cargs: [UnsafeMutablePointer<CChar>?] = timed.map { strdup($0) } + [nil]
        defer { for pointer in cargs { free(pointer) } }
        var pid: pid_t = 0
        let t0 = Profile.now()
        guard posix_spawnp(&pid, timed[0], &actions, nil, cargs, environ) == 0 else {
            return Sample(wall: .nan, rss: 0, cpu: .nan, ok: false)
        }
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) < 0 && errno == EINTR {}
        let wall = Profile.now() - t0
        func secs(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) / 1e6 }
        let text = (try? String(contentsOfFile: rssFile, encoding: .utf8)) ?? ""
        let rss = text.split(separator: "\n").last.flatMap { Int($0.trimmingCharacters(in: .whitespaces)) } ?? 0
        return Sample(wall: wall, rss: rss, cpu: secs(usage.ru_utime) + secs(usage.ru_stime), ok: status == 0)
    }

    static func median(_ v: [Double]) -> Double {
        let s = v.sorted()
        guard !s.isEmpty else { return .nan }
        return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
    }

    static func loadAverage() -> String {
        ((try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8)) ?? "?").split(separator: " ").prefix(3).joined(separator: " ")
    }

    /// What one workload's table says, for the targets summary: medians (s), CPU (s), peak RSS (MB), SSIM, bytes.
    struct Summary {
        var wall: [String: Double] = [:]
        var cpu: [String: Double] = [:]
        var rss: [String: Double] = [:]
        var ssim: [String: Double] = [:]
        var bytes: [String: Int] = [:]
    }

    @discardableResult
    static func report(_ w: Workload, tools: [Tool], samples: [String: [Sample]], ssim: Bool) throws -> Summary {
        print("### \(w.name): \(w.note)\n")
        var summary = Summary()
        var reference: [Double]?
        if ssim { reference = try Reference.luma(Reference.output(of: ImageFile.read(w.input), canvas: w.canvas, fit: w.fit)) }
        let medians = samples.mapValues { median($0.filter(\.ok).map(\.wall)) }
        let peers = medians.filter { $0.key != "ImagePrep" && $0.key != floorName && $0.value.isFinite }
        let fastestPeer = peers.min { $0.value < $1.value }
        print(w.batch ? "| tool | median s | min s | images/s | vs fastest peer (images/s) | CPU s (median) | cores busy | peak RSS MB | ok |" :
                        "| tool | median ms | min ms | ImagePrep / tool (time) | CPU ms (median) | peak RSS MB | SSIM-Y vs float64 Lanczos3 | output |")
        print("|---|---|---|---|---|---|---|---|---|")
        let ours = medians["ImagePrep"] ?? .nan
        for t in tools {
            guard let s = samples[t.name], !s.isEmpty else { continue }
            let ok = s.allSatisfy(\.ok)
            let med = medians[t.name] ?? .nan
            let mn = s.filter(\.ok).map(\.wall).min() ?? .nan
            let rss = Double(s.map(\.rss).max() ?? 0) / 1024
            let cpu = median(s.filter(\.ok).map(\.cpu))
            summary.wall[t.name] = med; summary.cpu[t.name] = cpu; summary.rss[t.name] = rss
            if w.batch {
                let ips = 40 / med
                let ratio = fastestPeer.map { (40 / $0.value) } .map { ips / $0 } ?? .nan
                print("| \(t.name) | \(f(med, 2)) | \(f(mn, 2)) | \(f(ips, 1)) | \(f(ratio, 2))x | \(f(cpu, 2)) | \(f(cpu / med, 2)) | \(f(rss, 0)) | \(ok ? "yes" : "FAILED") |")
            } else {
                var quality = "—", shape = "—"
                if t.name != floorName, let bytes = try? ImageFile.read(outputPath(w, t)) {
                    summary.bytes[t.name] = bytes.count
                    shape = "\(bytes.count) B"
                    if let reference, let (size, px) = try? Reference.pixels(of: bytes) {
                        let value = Reference.ssim(Reference.luma(px), reference, width: size.width, height: size.height)
                        summary.ssim[t.name] = value
                        quality = size == w.canvas ? f(value, 4) : "wrong size"
                    }
                }
                print("| \(t.name) | \(f(med * 1000, 0)) | \(f(mn * 1000, 0)) | \(f(ours / med, 2))x | \(f(cpu * 1000, 0)) | \(f(rss, 0)) | \(quality) | \(shape)\(ok ? "" : " FAILED") |")
            }
        }
        if let fastestPeer { print("\nfastest peer: \(fastestPeer.key) (\(f(fastestPeer.value * 1000, 0)) ms median)") }
        print("")
        return summary
    }

    /// The issue's targets, each with the figures from this run and met / NOT met.
    static func printTargets(_ s: [String: Summary]) {
        print("### Targets (issue 18), from this run\n")
        let vips = "vipsthumbnail", simd = "Pillow-SIMD (PyPI, -mavx2)", us = "ImagePrep"
        func line(_ text: String, _ value: Double, _ limit: Double, atMost: Bool = true) {
            let met = value.isFinite && (atMost ? value <= limit : value >= limit)
            print("- \(text): \(f(value, 3)) (target \(atMost ? "≤" : "≥") \(f(limit, 2))): \(value.isFinite ? (met ? "met" : "NOT met") : "not measured")")
        }
        for name in ["W1", "W2"] {
            guard let w = s[name], let ours = w.wall[us] else { continue }
            line("\(name) time / vipsthumbnail", ours / (w.wall[vips] ?? .nan), 0.55)
            line("\(name) time / Pillow-SIMD", ours / (w.wall[simd] ?? .nan), 0.7)
            line("\(name) time / floor", ours / (w.wall[floorName] ?? .nan), 1.8)
            line("\(name) SSIM-Y ImagePrep − vips", (w.ssim[us] ?? .nan) - (w.ssim[vips] ?? .nan), 0, atMost: false)
        }
        if let w2 = s["W2"] { line("W2 peak RSS MB", w2.rss[us] ?? .nan, 40) }
        for name in ["W3", "base"] {
            guard let w = s[name] else { continue }
            line("\(name) PNG bytes / vips [filter=all,compression=6] (same command line, its own resize)",
                 Double(w.bytes[us] ?? 0) / Double(w.bytes[vips] ?? 0), 1)
            line("\(name) time / vipsthumbnail (whole command)", (w.wall[us] ?? .nan) / (w.wall[vips] ?? .nan), 0.6)
        }
        if let w5 = s["W5"], let ours = w5.wall[us] {
            let fastest = w5.wall.filter { $0.key != us && $0.key != floorName }.values.min() ?? .nan
            line("W5 time / fastest peer", ours / fastest, 0.8)
        }
        if let w6 = s["W6"], let ours = w6.wall[us] {
            line("W6 cores busy (CPU / wall)", (w6.cpu[us] ?? .nan) / ours, 1.8, atMost: false)
            line("W6 images/s / vipsthumbnail × 2", (w6.wall[vips] ?? .nan) / ours, 2, atMost: false)
            if let w1 = s["W1"] { line("W6 peak RSS / W1 peak RSS", (w6.rss[us] ?? .nan) / (w1.rss[us] ?? .nan), 1.5) }
        }
        print("")
    }

    static func f(_ v: Double, _ digits: Int) -> String { v.isFinite ? String(format: "%.\(digits)f", v) : "—" }
}
