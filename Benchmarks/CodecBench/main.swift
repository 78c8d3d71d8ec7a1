// CodecBench: ImagePrep's decoders side by side with libjpeg-turbo's djpeg and Pillow.
//
//   swift build -c release --product CodecBench && .build/release/CodecBench [--runs N] [--corpora DIR]
//
// ImagePrep decodes in-process from bytes already in memory; djpeg runs as a process (its wall time includes
// process start-up, file reading and writing PPM to /dev/null, so a tiny file's djpeg time is measured too and
// subtracted for a start-up-corrected ratio); Pillow is timed in-process by Python (`Image.open(...).load()`
// from bytes in memory, `draft()` for the 1/4 DCT-scaled decode). Each run records wall time and CPU time
// (thread CPU time in-process, the child's user+sys from wait4 for djpeg, process_time for Pillow): on a
// shared, loaded machine CPU time is the steadier measure. Medians over N runs, ImagePrep and djpeg runs
// interleaved so that machine noise hits both alike. Timings never appear in tests; this is their place.

import Foundation
import ImageCodecs
import ImageCore

// MARK: - Arguments

var runs = 15
var corpora: String? = ProcessInfo.processInfo.environment["IMAGEPREP_CORPORA"]
var arguments = CommandLine.arguments.dropFirst()
while let argument = arguments.popFirst() {
    switch argument {
    case "--runs": runs = max(3, Int(arguments.popFirst() ?? "") ?? runs)
    case "--corpora": corpora = arguments.popFirst()
    default:
        FileHandle.standardError.write(Data("usage: CodecBench [--runs N] [--corpora DIR]\n".utf8))
        exit(2)
    }
}
let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().path
let corporaDirectory = corpora ?? [packageRoot + "/../shared/corpora", "/work/shared/corpora"]
    .first { FileManager.default.fileExists(atPath: $0) } ?? packageRoot + "/../shared/corpora"
let fixtures = corporaDirectory + "/sharp-fixtures"
let jpegPath = fixtures + "/2569067123_aca715a2ee_o.jpg"
let pngPath = fixtures + "/alpha-premultiply-2048x1536-paper.png"
let tinyJPEGPath = corporaDirectory + "/libjpeg-turbo-testimages/testorig.jpg"

// MARK: - Measurements

/// One timed run: wall-clock and CPU seconds.
struct Sample {
    var wall: Double
    var cpu: Double
}

/// Medians (and minima) of a series of samples.
struct Summary {
    var wall: Double, cpu: Double, bestWall: Double, bestCPU: Double

    init(_ samples: [Sample]) {
        func median(_ values: [Double]) -> Double {
            let s = values.sorted()
            return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
        }
        wall = median(samples.map(\.wall))
        cpu = median(samples.map(\.cpu))
        bestWall = samples.map(\.wall).min() ?? 0
        bestCPU = samples.map(\.cpu).min() ?? 0
    }

    init(wall: Double, cpu: Double) {
        self.wall = wall; self.cpu = cpu; bestWall = wall; bestCPU = cpu
    }

    /// This series minus a start-up series (floored at a microsecond).
    func minus(_ other: Summary) -> Summary {
        Summary(wall: max(wall - other.wall, 1e-6), cpu: max(cpu - other.cpu, 1e-6))
    }
}

func threadCPUSeconds() -> Double {
    var t = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t)
    return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
}

func wallSeconds() -> Double {
    var t = timespec()
    clock_gettime(CLOCK_MONOTONIC, &t)
    return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
}

func timeInProcess(_ body: () throws -> Void) rethrows -> Sample {
    let wall = wallSeconds(), cpu = threadCPUSeconds()
    try body()
    return Sample(wall: wallSeconds() - wall, cpu: threadCPUSeconds() - cpu)
}

func executable(_ name: String) -> String? {
    ["/usr/bin/\(name)", "/usr/local/bin/\(name)", "/bin/\(name)"].first { FileManager.default.isExecutableFile(atPath: $0) }
}

/// One process run, spawn to exit (posix_spawn + wait4: Foundation's Process adds tens of milliseconds of
/// run-loop latency to waitUntilExit, which would swamp a 15 ms djpeg run); CPU is the child's user + sys.
func timeProcess(_ tool: String, _ args: [String]) throws -> Sample {
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
    let argv: [UnsafeMutablePointer<CChar>?] = ([tool] + args).map { strdup($0) } + [nil]
    defer { for pointer in argv { free(pointer) } }
    var pid: pid_t = 0
    let start = wallSeconds()
    guard posix_spawn(&pid, tool, &actions, nil, argv, environ) == 0 else { throw BenchError("cannot start \(tool)") }
    var status: Int32 = 0
    var usage = rusage()
    while wait4(pid, &status, 0, &usage) < 0 && errno == EINTR {}
    let wall = wallSeconds() - start
    guard status == 0 else { throw BenchError("\(tool) \(args.joined(separator: " ")) failed (status \(status))") }
    func secs(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) / 1e6 }
    return Sample(wall: wall, cpu: secs(usage.ru_utime) + secs(usage.ru_stime))
}

/// Pillow's in-process medians for decoding `path` (`scale` > 1 via draft()).
func pillow(_ path: String, scale: Int, runs: Int) throws -> Summary {
    guard let python = executable("python3") else { throw BenchError("python3 not found") }
    let script = """
        import io, sys, time, statistics
        from PIL import Image
        data = open(sys.argv[1], 'rb').read()
        scale, runs = int(sys.argv[2]), int(sys.argv[3])
        def once():
            w, c = time.perf_counter(), time.process_time()
            im = Image.open(io.BytesIO(data))
            if scale > 1:
                im.draft('RGB', (im.width // scale, im.height // scale))
            im.load()
            return time.perf_counter() - w, time.process_time() - c
        once()
        samples = [once() for _ in range(runs)]
        walls, cpus = [s[0] for s in samples], [s[1] for s in samples]
        print(statistics.median(walls), statistics.median(cpus), min(walls), min(cpus))
        """
    let process = Process()
    process.executableURL = URL(fileURLWithPath: python)
    process.arguments = ["-c", script, path, String(scale), String(runs)]
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = FileHandle.nullDevice
    try process.run()
    let output = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    let values = String(decoding: output, as: UTF8.self).split(separator: " ").compactMap {
        Double($0.trimmingCharacters(in: .whitespacesAndNewlines))
    }
    guard process.terminationStatus == 0, values.count == 4 else { throw BenchError("Pillow timing failed (python3-pil?)") }
    var summary = Summary(wall: values[0], cpu: values[1])
    summary.bestWall = values[2]
    summary.bestCPU = values[3]
    return summary
}

struct BenchError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

func ms(_ s: Double) -> String { String(format: "%7.2f", s * 1000) }
func ratio(_ a: Double, _ b: Double) -> String { String(format: "%5.2fx", a / b) }
func pad(_ s: String, _ width: Int) -> String { s.count >= width ? s : s + String(repeating: " ", count: width - s.count) }

// MARK: - JPEG

guard let jpeg = try? ImageFile.read(jpegPath) else {
    print("CodecBench: cannot read \(jpegPath) (set IMAGEPREP_CORPORA or --corpora)")
    exit(1)
}
guard let djpeg = executable("djpeg") else {
    print("CodecBench: djpeg not found (apt-get install libjpeg-turbo-progs)")
    exit(1)
}
let info = try ImageDecoder.info(jpeg)
var load = [Double](repeating: 0, count: 3)
getloadavg(&load, 3)
print("CodecBench: \(runs) runs each; \(ProcessInfo.processInfo.activeProcessorCount) cores; load average \(String(format: "%.1f", load[0])) at start")
print("JPEG \(jpegPath.split(separator: "/").last!) \(info.width)x\(info.height), \(jpeg.count) bytes; times in ms")
print("")
print("scale measure      ImagePrep  djpeg raw  djpeg start  djpeg corr   Pillow | IP/djpeg raw  IP/djpeg corr  IP/Pillow")

for scale in [1, 4] {
    let options = DecodeOptions(shrink: scale)
    let djpegArguments = ["-scale", "1/\(scale)", "-outfile", "/dev/null", jpegPath]
    _ = try ImageDecoder.decode(jpeg, options: options)   // warm-up
    _ = try timeProcess(djpeg, djpegArguments)
    var ours: [Sample] = [], theirs: [Sample] = [], startup: [Sample] = []
    for _ in 0..<runs {
        ours.append(try timeInProcess { _ = try ImageDecoder.decode(jpeg, options: options) })
        theirs.append(try timeProcess(djpeg, djpegArguments))
        startup.append(try timeProcess(djpeg, ["-outfile", "/dev/null", tinyJPEGPath]))
    }
    let o = Summary(ours), d = Summary(theirs), s = Summary(startup), c = d.minus(s)
    let p = try? pillow(jpegPath, scale: scale, runs: runs)
    func row(_ label: String, _ pick: (Summary) -> Double) {
        let pillowText = p.map { ms(pick($0)) } ?? "    n/a"
        let pillowRatio = p.map { ratio(pick(o), pick($0)) } ?? "  n/a"
        let corrected = label.hasPrefix("best") ? "" : ms(pick(c))
        let correctedRatio = label.hasPrefix("best") ? "" : ratio(pick(o), pick(c))
        print("1/\(scale)   \(pad(label, 12)) \(ms(pick(o)))    \(ms(pick(d)))      \(ms(pick(s)))     \(pad(corrected, 7))  \(pillowText) |"
              + "        \(ratio(pick(o), pick(d)))         \(pad(correctedRatio, 6))      \(pillowRatio)")
    }
    row("wall median", \.wall)
    row("CPU median", \.cpu)
    row("best wall", \.bestWall)
    row("best CPU", \.bestCPU)
}
print("")
print("IP = ImagePrep, in-process from memory. djpeg raw = the djpeg process; djpeg start = djpeg of the 227x149")
print("testorig.jpg (process start-up + a tiny decode); djpeg corr = raw - start. Ratio < 1: ImagePrep faster.")

// MARK: - PNG

print("")
if let png = try? ImageFile.read(pngPath) {
    do {
        _ = try ImageDecoder.decode(png)
        var ours: [Sample] = []
        for _ in 0..<runs { ours.append(try timeInProcess { _ = try ImageDecoder.decode(png) }) }
        let o = Summary(ours)
        let name = pngPath.split(separator: "/").last!
        if let p = try? pillow(pngPath, scale: 1, runs: runs) {
            print("PNG decode \(name): ImagePrep wall \(ms(o.wall)) CPU \(ms(o.cpu)); Pillow wall \(ms(p.wall)) CPU \(ms(p.cpu));"
                  + " IP/Pillow wall \(ratio(o.wall, p.wall)) CPU \(ratio(o.cpu, p.cpu))")
        } else {
            print("PNG decode \(name): ImagePrep wall \(ms(o.wall)) CPU \(ms(o.cpu)); Pillow n/a")
        }
    } catch {
        print("PNG decode: unavailable (\(error))")
    }
} else {
    print("PNG decode: unavailable (cannot read \(pngPath))")
}
