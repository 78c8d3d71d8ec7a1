import ArgumentParser
import Foundation
import ImageCodecs
import ImageCore
import ImagePrep

extension ImagePrepCommand {
    /// `imageprep normalize IN... -o OUT`: orient, convert to sRGB, fit to an API size, encode under a byte cap.
    struct Normalize: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Make images the edit API accepts: upright, sRGB, 1024x1024/1024x1536/1536x1024, best quality under the byte cap.",
            discussion: """
                One input with -o FILE writes that file (format from --format, else the extension). Several inputs or \
                folders need -o DIR (created if missing); each output is named after its input with the format's \
                extension. Outputs are written atomically. A file that fails is reported and the others still run; \
                the exit code is then 1. --json prints one JSON report per file (one per line) on standard output.
                """)

        @Argument(help: "Input images (JPEG, PNG, WebP) or folders of them.")
        var inputs: [String]

        @Option(name: .shortAndLong, help: "Output file (one input) or folder.")
        var output: String

        @OptionGroup var shaping: NormalizeOptionGroup

        @Option(help: "Images processed at once (default: the number of processors).")
        var jobs: Int?

        @Flag(help: "Print one JSON report per file on standard output.")
        var json = false

        @OptionGroup var decoding: DecodeOptionGroup

        func validate() throws {
            if inputs.isEmpty { throw ValidationError("give at least one input file or folder") }
            if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1") }
        }

        /// One unit of work: an input and where its output goes (nil = into `output` as a folder).
        struct Item: Sendable {
            var input: String
            var outputFile: String?
        }

        func run() async throws {
            let (items, folder) = try plan()
            let processors = Resampler.processorCount
            let jobCount = min(jobs ?? processors, max(items.count, 1))
            let singleFile = !folder
            var options = try shaping.normalizeOptions(
                limits: decoding.limits, strictness: decoding.strictness,
                defaultFormat: singleFile ? ImageFormat(path: output).flatMap { OutputFormat(parsing: $0.rawValue) } : nil)
            // Several images at once: each keeps to one thread; one image at a time may use every core.
            options.threadsPerImage = jobCount > 1 ? max(1, processors / jobCount) : nil
            if folder { try createFolder(output) }

            let normalizer = Normalizer(options)
            let progress = Progress(total: items.count, enabled: Terminal.stderrIsTTY && items.count > 1)
            let names = OutputNames()
            var failures = 0
            await withTaskGroup(of: Outcome.self) { group in
                var next = 0
                func add() {
                    guard next < items.count else { return }
                    let item = items[next]
                    next += 1
                    let target = folder ? output : nil
                    group.addTask {
                        // CPU-bound work runs on its own thread, not on Swift's cooperative pool (which has one
                        // thread per core and must stay free for the loop below), so --jobs N means N at once.
                        await withCheckedContinuation { done in
                            DispatchQueue.global(qos: .userInitiated).async {
                                done.resume(returning: Self.process(item, normalizer: normalizer, folder: target, names: names))
                            }
                        }
                    }
                }
                for _ in 0..<jobCount { add() }
                for await outcome in group {
                    progress.clear()
                    switch outcome {
                    case .success(let report):
                        for w in report.warnings { Terminal.error("\(report.input ?? "-"): \(w)") }
                        if json { try? JSONOutput.print(report, pretty: false) } else { print(Self.summary(report)) }
                    case .failure(let input, let error):
                        failures += 1
                        Terminal.error("imageprep: \(error)")
                        if json { try? JSONOutput.print(FailureReport(input: input, error: "\(error)"), pretty: false) }
                    }
                    progress.advance(last: outcome.input)
                    add()
                }
            }
            progress.finish()
            if failures > 0 {
                if items.count > 1 { Terminal.error("imageprep: \(failures) of \(items.count) files failed") }
                throw ExitCode.fileFailed
            }
        }

        enum Outcome: Sendable {
            case success(NormalizeReport)
            case failure(input: String, error: String)

            var input: String {
                switch self {
                case .success(let r): r.input ?? "-"
                case .failure(let input, _): input
                }
            }
        }

        struct FailureReport: Encodable {
            var input: String
            var error: String
        }

        static func process(_ item: Item, normalizer: Normalizer, folder: String?, names: OutputNames) -> Outcome {
            do {
                let bytes = try ImageFile.read(item.input, maxBytes: normalizer.options.limits.maxInputBytes)
                let result = try normalizer.normalizeNow(bytes, name: item.input)
                let path = item.outputFile ?? names.claim(folder: folder!, input: item.input, format: result.format)
                try ImageFile.writeAtomically(result.bytes, to: path)
                var report = result.report
                report.output = path
                return .success(report)
            } catch {
                return .failure(input: item.input, error: "\(error)")
            }
        }

        static func summary(_ r: NormalizeReport) -> String {
            var text = "\(r.input ?? "-") → \(r.output ?? "-"): \(r.width)x\(r.height) \(r.format.rawValue.uppercased())"
            if let q = r.quality { text += " q\(q)" }
            if let level = r.compressionLevel { text += " zlib \(level)" }
            text += ", \(ByteCount.format(r.bytes)), \(r.encodes) encode\(r.encodes == 1 ? "" : "s")"
            if let c = r.colorConversion { text += ", \(c)" }
            return text
        }

        /// The work list, and whether `output` is a folder.
        func plan() throws -> ([Item], Bool) {
            var files: [String] = []
            var sawFolder = false
            for input in inputs {
                var isDir: ObjCBool = false
                if input != "-", FileManager.default.fileExists(atPath: input, isDirectory: &isDir), isDir.boolValue {
                    sawFolder = true
                    let names = (try? FileManager.default.contentsOfDirectory(atPath: input)) ?? []
                    files += names.sorted().filter { !$0.hasPrefix(".") && ImageFormat(path: $0) != nil }
                        .map { input.hasSuffix("/") ? input + $0 : input + "/" + $0 }
                } else {
                    files.append(input)
                }
            }
            var isDir: ObjCBool = false
            let outputIsFolder = FileManager.default.fileExists(atPath: output, isDirectory: &isDir) && isDir.boolValue
            let folder = sawFolder || files.count > 1 || outputIsFolder || output.hasSuffix("/")
            if files.isEmpty {
                Terminal.error("imageprep: no JPEG, PNG or WebP files found in \(inputs.joined(separator: ", "))")
                throw ExitCode.fileFailed
            }
            if folder {
                if !outputIsFolder && ImageFormat(path: output) != nil {
                    Terminal.error("imageprep: several inputs need -o to be a folder, not '\(output)'")
                    throw ExitCode.usage
                }
                return (files.map { Item(input: $0, outputFile: nil) }, true)
            }
            if shaping.format == nil && ImageFormat(path: output) == nil && output != "-" {
                Terminal.error("imageprep: cannot tell the output format from '\(output)'; pass --format or use a .jpg/.png/.webp name")
                throw ExitCode.usage
            }
            return ([Item(input: files[0], outputFile: output)], false)
        }

        func createFolder(_ path: String) throws {
            do {
                try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
            } catch {
                Terminal.error("imageprep: cannot create the output folder \(path): \(error.localizedDescription)")
                throw ExitCode.usage
            }
        }
    }
}

extension ImagePrepCommand.Normalize {
    /// Picks unique output names in a folder: `photo.jpg`, then `photo-2.jpg` when two inputs share a stem.
    final class OutputNames: @unchecked Sendable {
        private let lock = NSLock()
        private var used: Set<String> = []

        func claim(folder: String, input: String, format: ImageFormat) -> String {
            let base = (input as NSString).lastPathComponent
            let stem = (base as NSString).deletingPathExtension.isEmpty ? "image" : (base as NSString).deletingPathExtension
            let dir = folder.hasSuffix("/") ? String(folder.dropLast()) : folder
            return lock.withLock {
                var n = 1
                while true {
                    let name = n == 1 ? "\(stem).\(format.fileExtension)" : "\(stem)-\(n).\(format.fileExtension)"
                    if !used.contains(name) {
                        used.insert(name)
                        return dir + "/" + name
                    }
                    n += 1
                }
            }
        }
    }

    /// A one-line progress bar on standard error (only when it is a terminal).
    final class Progress: @unchecked Sendable {
        let total: Int
        let enabled: Bool
        private var done = 0

        init(total: Int, enabled: Bool) {
            self.total = total
            self.enabled = enabled
            draw(last: nil)
        }

        func advance(last: String) {
            done += 1
            draw(last: last)
        }

        func clear() {
            if enabled { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
        }

        func finish() { clear() }

        private func draw(last: String?) {
            guard enabled else { return }
            let width = 30
            let filled = total == 0 ? width : done * width / total
            let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
            var name = last.map { ($0 as NSString).lastPathComponent } ?? ""
            if name.count > 40 { name = "…" + name.suffix(39) }
            FileHandle.standardError.write(Data("\r\u{1B}[K\(bar) \(done)/\(total) \(name)".utf8))
        }
    }
}
