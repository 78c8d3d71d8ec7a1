// CodecBench: ImagePrep's decoders side by side with libjpeg-turbo's djpeg and Pillow.
//
//   swift build -c release --product CodecBench && .build/release/CodecBench [--runs N] [--corpora DIR]
//
// ImagePrep decodes in-process from bytes already in memory; djpeg runs as a process (its wall time includes
// process start-up, file reading and writing PPM to /dev/null, so a tiny file's djpeg time is measured too and
// subtracted for a start-up-corrected ratio); Pillow is timed in-process by Python (`Image.open(...).load()`
// from bytes in memory, `draft()` for the 1/4 DCT-scaled decode). Medians over N runs, runs interleaved so
// that machine noise hits every contender alike. Timings never appear in tests; this is the place for them.

import Foundation
import ImageCodecs

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

// MARK: - Timing helpers

func seconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
}

func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    return sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
}

func timeInProcess(_ body: () throws -> Void) rethrows -> Double {
    let clock = ContinuousClock()
    let start = clock.now
    try body()
    return seconds(clock.now - start)
}

func executable(_ name: String) -> String? {
    ["/usr/bin/\(name)", "/usr/local/bin/\(name)", "/bin/\(name)"].first { FileManager.default.isExecutableFile(atPath: $0) }
}

/// Wall time of one process run, from spawn to exit (posix_spawn + waitpid: Foundation's Process adds tens of
/// milliseconds of run-loop latency to waitUntilExit, which would swamp a 15 ms djpeg run).
func timeProcess(_ tool: String, _ args: [String]) throws -> Double {
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
    let argv: [UnsafeMutablePointer<CChar>?] = ([tool] + args).map { strdup($0) } + [nil]
    defer { for pointer in argv { free(pointer) } }
    var pid: pid_t = 0
    let clock = ContinuousClock()
    let start = clock.now
    guard posix_spawn(&pid, tool, &actions, nil, argv, environ) == 0 else { throw BenchError("cannot start \(tool)") }
    var status: Int32 = 0
    while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
    let elapsed = seconds(clock.now - start)
    guard status == 0 else { throw BenchError("\(tool) \(args.joined(separator: " ")) failed (status \(status))") }
    return elapsed
}

/// Pillow's in-process median decode time for `path` (seconds), `scale` > 1 via draft().
func pillowMedian(_ path: String, scale: Int, runs: Int) throws -> Double {
    guard let python = executable("python3") else { throw BenchError("python3 not found") }
    let script = """
        import io, sys, time, statistics
        from PIL import Image
        data = open(sys.argv[1], 'rb').read()
        scale, runs = int(sys.argv[2]), int(sys.argv[3])
        def once():
            t = time.perf_counter()
            im = Image.open(io.BytesIO(data))
            if scale > 1:
                im.draft('RGB', (im.width // scale, im.height // scale))
            im.load()
            return time.perf_counter() - t
        once()
        print(statistics.median(once() for _ in range(runs)))
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
    guard process.terminationStatus == 0,
          let value = Double(String(decoding: output, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
    else { throw BenchError("Pillow timing failed (is python3-pil installed?)") }
    return value
}

struct BenchError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

func ms(_ s: Double) -> String { String(format: "%8.2f ms", s * 1000) }
func ratio(_ a: Double, _ b: Double) -> String { String(format: "%6.2fx", a / b) }

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
print("CodecBench: \(runs) runs each, medians; machine: \(ProcessInfo.processInfo.activeProcessorCount) cores")
print("JPEG \(jpegPath.split(separator: "/").last!) \(info.width)x\(info.height), \(jpeg.count) bytes")
print("")
print("scale  ImagePrep     djpeg(raw)   djpeg-startup  djpeg(corr)   Pillow      IP/djpeg raw  IP/djpeg corr  IP/Pillow")

for scale in [1, 4] {
    let options = DecodeOptions(shrink: scale)
    _ = try ImageDecoder.decode(jpeg, options: options)               // warm-up
    _ = try timeProcess(djpeg, ["-scale", "1/\(scale)", "-outfile", "/dev/null", jpegPath])
    var ours: [Double] = [], theirs: [Double] = [], startup: [Double] = []
    for _ in 0..<runs {
        ours.append(try timeInProcess { _ = try ImageDecoder.decode(jpeg, options: options) })
        theirs.append(try timeProcess(djpeg, ["-scale", "1/\(scale)", "-outfile", "/dev/null", jpegPath]))
        startup.append(try timeProcess(djpeg, ["-outfile", "/dev/null", tinyJPEGPath]))
    }
    let pillow = try? pillowMedian(jpegPath, scale: scale, runs: runs)
    let o = median(ours), d = median(theirs), s = median(startup), c = max(d - s, 1e-6)
    let p = pillow.map(ms) ?? "     n/a   "
    let pr = pillow.map { ratio(o, $0) } ?? "   n/a"
    print("1/\(scale)  \(ms(o))  \(ms(d))  \(ms(s))     \(ms(c))  \(p)   \(ratio(o, d))        \(ratio(o, c))        \(pr)")
}
print("")
print("IP = ImagePrep in-process from memory; djpeg(raw) = process wall time; djpeg-startup = djpeg of the")
print("227x149 testorig.jpg (process start + tiny decode); djpeg(corr) = raw - startup. Ratio < 1 = ImagePrep faster.")

// MARK: - PNG

print("")
if let png = try? ImageFile.read(pngPath) {
    do {
        _ = try ImageDecoder.decode(png)
        var ours: [Double] = []
        for _ in 0..<runs { ours.append(try timeInProcess { _ = try ImageDecoder.decode(png) }) }
        let o = median(ours)
        if let p = try? pillowMedian(pngPath, scale: 1, runs: runs) {
            print("PNG decode \(pngPath.split(separator: "/").last!): ImagePrep \(ms(o))  Pillow \(ms(p))  IP/Pillow \(ratio(o, p))")
        } else {
            print("PNG decode \(pngPath.split(separator: "/").last!): ImagePrep \(ms(o))  Pillow n/a")
        }
    } catch {
        print("PNG decode: unavailable (\(error))")
    }
} else {
    print("PNG decode: unavailable (cannot read \(pngPath))")
}
