import ArgumentParser
import Foundation
import ImageCodecs
import ImageCore
import ImagePrep

extension ImagePrepCommand {
    /// `imageprep normalize IN... -o OUT`: orient, convert to sRGB, fit to an API size, encode under a byte cap.
    struct Normalize: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "normalize",
            abstract: "Make images the edit API accepts: upright, sRGB, 1024x1024/1024x1536/1536x1024, best quality under the byte cap.",
            discussion: """
                One input with -o FILE writes that file (format from --format, else the extension). Several inputs or \
                folders need -o DIR (created if missing); each output is named after its input with the format's \
                extension. Outputs are written atomically. A file that fails is reported and the others still run; \
                the exit code is then 1. --json prints one JSON report per file (one per line) on standard output.
                With --manifest (from `imageprep plan`) the inputs and options come from the manifest, --shard picks \
                one share, outputs are named by content and options hash (or mirror the input tree), existing outputs \
                are skipped and a JSON report is kept; exit 0 all done, 1 bad inputs, 75 transient failure (docs/SCALE.md).
                """)

        @Argument(help: "Input images (JPEG, PNG, WebP, HEIC/HEIF, AVIF, GIF, TIFF) or folders of them.")
        var inputs: [String] = []

        @OptionGroup var scale: ScaleOptionGroup

        @Option(name: .shortAndLong, help: "Output file (one input) or folder.")
        var output: String

        @OptionGroup var shaping: NormalizeOptionGroup

        @Option(help: "Images processed at once (default: the number of processors).")
        var jobs: Int?

        @Flag(help: "Print one JSON report per file on standard output.")
        var json = false

        @OptionGroup var decoding: DecodeOptionGroup

        func validate() throws {
            if inputs.isEmpty && scale.manifest == nil { throw ValidationError("give at least one input file or folder, or --manifest") }
            if !inputs.isEmpty && scale.manifest != nil { throw ValidationError("give inputs or --manifest, not both") }
            if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1") }
        }

        func run() async throws {
            if let manifest = scale.manifest { return try await runManifest(manifest) }
            let batch: NormalizeBatch
            do {
                batch = try NormalizeBatch(inputs: inputs, output: output, formatGiven: shaping.format != nil)
            } catch {
                Terminal.error("imageprep: \(error.message)")
                throw error.kind == .noImages ? ExitCode.fileFailed : ExitCode.usage
            }
            let options = try shaping.normalizeOptions(
                limits: decoding.limits, strictness: decoding.strictness,
                defaultFormat: batch.outputFolder == nil ? ImageFormat(path: output).flatMap { OutputFormat(parsing: $0.rawValue) } : nil)
            let total = batch.items.count
            let progress = Progress(total: total, enabled: Terminal.stderrIsTTY && total > 1)
            var failures = 0
            do {
                try await batch.run(options, jobs: jobs) { outcome in
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
                }
            } catch {
                Terminal.report(error)
                throw ExitCode.usage
            }
            progress.finish()
            if failures > 0 {
                if total > 1 { Terminal.error("imageprep: \(failures) of \(total) files failed") }
                throw ExitCode.fileFailed
            }
        }

        /// `--manifest`: one shard of a planned job, with the manifest's options (flags that differ are refused).
        func runManifest(_ path: String) async throws {
            let items = try ShardRun.manifest(path)
            guard let recorded = items.first?.options else { throw ValidationError("\(path) has no items") }
            let given = JobOptionsArguments.jobOptions(shaping: shaping, decoding: decoding)
            if given != JobOptionsArguments.defaults && given != recorded {
                throw ValidationError("\(path) records the job's options; leave the shaping flags out (or plan again with them)")
            }
            let job = try JobOptionsArguments.parsing(recorded)
            let runner = try ShardRunner(manifest: items, shard: scale.resolvedShard(), outputFolder: output, layout: scale.layout,
                                         kind: ShardWork.normalizeOutput, reportPath: scale.report,
                                         maxInputBytes: job.decoding.maxInputBytes)
            try await ShardRun.run(runner, jobs: jobs, json: json, work: ShardWork.normalize(try job.normalizeOptions()))
        }

        struct FailureReport: Encodable {
            var input: String
            var error: String
        }

        static func summary(_ r: NormalizeReport) -> String {
            var text = "\(r.input ?? "-") → \(r.output ?? "-"): \(r.width)x\(r.height) \(r.format.rawValue.uppercased())"
            if let q = r.quality { text += " q\(q)" }
            if let level = r.compressionLevel { text += " deflate \(level)" }
            text += ", \(ByteCount.format(r.bytes)), \(r.encodes) encode\(r.encodes == 1 ? "" : "s")"
            if let c = r.colorConversion { text += ", \(c)" }
            return text
        }
    }
}

extension ImagePrepCommand.Normalize {
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
