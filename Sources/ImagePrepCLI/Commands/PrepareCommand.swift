import ArgumentParser
import ImageBatch
import ImageCodecs
import ImageCore
import ImageMasks
import ImagePrep
import ImageRules
import SystemIO

extension ImagePrepCommand {
    /// `imageprep prepare PHOTO [shapes…] [--size …] [--fit …] -o DIR`: base, mask, preview and bundle in one run.
    struct Prepare: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "prepare",
            abstract: "Normalize a photo and draw its edit mask in one run: DIR/base.png, mask.png, preview.png, bundle.json.",
            discussion: """
                Shapes are in the ORIGINAL photo's frame, upright as viewers show it (EXIF orientation applied) at its \
                full pixel size: draw them on the photo you have, and they follow the crop, scale and pad onto the \
                normalized base. The base is PNG (the API wants base and mask as PNG of the same size); the mask has the \
                base's exact size and is at most 4 MB. bundle.json is what `imageprep check` and `imageprep submit` read. \
                Without shapes, only base.png and bundle.json are written.
                With --manifest (from `imageprep plan`) every photo of the manifest (or of one --shard of it) is \
                prepared with the same shapes into a folder of its own under DIR, named from the photo's content hash \
                and the options (the mask flags, prompt and n included); folders that exist are skipped and a JSON \
                report is kept (docs/SCALE.md).
                Exit codes: 0 ok, 1 the photo or shapes could not be used, 2 usage error or outputs not writable; with \
                --manifest 0 all done, 1 bad inputs, 75 transient failure.
                """)

        @Argument(help: "The photo (JPEG, PNG, WebP, HEIC/HEIF, AVIF, GIF or TIFF); leave it out with --manifest.")
        var photo: String?

        @OptionGroup var mask: MaskOptionGroup

        @OptionGroup var normalize: NormalizeOptionGroup

        @Option(help: "The edit instruction to record in bundle.json.")
        var prompt: String?

        @Option(help: "Images to generate, recorded in bundle.json: 1, 2 or 4.")
        var n: Int?

        @Option(name: .shortAndLong, help: ArgumentHelp("The folder to write (created if missing).", valueName: "DIR"))
        var output: String

        @OptionGroup var decoding: DecodeOptionGroup

        @OptionGroup var scale: ScaleOptionGroup

        @Option(help: "With --manifest: photos prepared at once (default: the processor count).")
        var jobs: Int?

        func validate() throws {
            if (photo == nil) == (scale.manifest == nil) { throw ValidationError("give a photo or --manifest (one of them)") }
            if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1") }
        }

        func run() async throws {
            guard let photo else { return try await runManifest(scale.manifest!) }
            do {
                let result = try await Self.prepare(photo: photo, mask: mask, normalize: normalize, decoding: decoding,
                                                    prompt: prompt, n: n, into: output)
                print(Self.summary(result))
            } catch {
                throw Self.exitCode(reporting: error, directory: output)
            }
        }

        /// `--manifest`: one shard of a planned job; every photo gets these shapes, prompt and n, and the manifest's
        /// shaping options (flags that differ are refused).
        func runManifest(_ path: String) async throws {
            var bundleValues = mask.jobValues
            if let prompt { bundleValues["bundle-prompt"] = prompt }
            if let n { bundleValues["bundle-n"] = String(n) }
            let items = try ShardRun.manifest(path, extraOptions: bundleValues)
            guard let recorded = items.first?.options else { throw ValidationError("\(path) has no items") }
            let given = JobOptionsArguments.jobOptions(shaping: normalize, decoding: decoding)
            if given != JobOptionsArguments.defaults && given != JobOptionsArguments.shapingOnly(recorded) {
                throw ValidationError("\(path) records the job's options; leave the shaping flags out (or plan again with them)")
            }
            let job = try JobOptionsArguments.parsing(recorded)
            let (shapes, importWarnings, _) = try mask.allShapes(frame: .original)
            for warning in importWarnings { Terminal.error("imageprep: \(warning)") }
            let options = PrepareOptions(normalize: try job.normalizeOptions(defaultFormat: .png), mask: mask.renderOptions,
                                         prompt: prompt, n: n)
            let runner = try ShardRunner(manifest: items, shard: scale.resolvedShard(), outputFolder: output, layout: scale.layout,
                                         kind: .folder, reportPath: scale.report, maxInputBytes: job.decoding.maxInputBytes)
            try await ShardRun.run(runner, jobs: jobs, json: false, work: ShardWork.prepare(options, shapes: shapes))
        }

        /// Runs the library's `Preparer` with these options (shared with `edit`).
        static func prepare(photo: String, mask: MaskOptionGroup, normalize: NormalizeOptionGroup, decoding: DecodeOptionGroup,
                            prompt: String?, n: Int?, into directory: String) async throws -> PrepareResult {
            let (shapes, importWarnings, _) = try mask.allShapes(frame: .original)
            for warning in importWarnings { Terminal.error("imageprep: \(warning)") }
            let options = PrepareOptions(
                normalize: try normalize.normalizeOptions(limits: decoding.limits, strictness: decoding.strictness, defaultFormat: .png),
                mask: mask.renderOptions, prompt: prompt, n: n)
            let result = try await Preparer(options).prepare(photo: photo, shapes: shapes, into: directory)
            for warning in result.warnings { Terminal.error("imageprep: warning: \(warning)") }
            return result
        }

        /// One line per file written.
        static func summary(_ result: PrepareResult) -> String {
            var lines: [String] = []
            let report = result.base.report
            lines.append("\(result.manifest.prepared!.base): \(report.width)x\(report.height) png, \(report.bytes) bytes")
            if let rendering = result.mask, let path = result.manifest.prepared?.mask {
                let counts = rendering.pixelCounts
                lines.append("\(path): \(rendering.size) \(rendering.polarity.rawValue) mask, edit \(counts.edit) px, soft \(counts.partial) px")
            }
            if let preview = result.manifest.prepared?.preview { lines.append(preview) }
            lines.append(result.manifestPath)
            return lines.joined(separator: "\n")
        }

        /// Reports `error` and maps it to the exit code: 2 when a file in `directory` could not be written, 1 else.
        static func exitCode(reporting error: any Error, directory: String) -> ExitCode {
            if let code = error as? ExitCode { return code }
            Terminal.report(error)
            if error is ValidationError { return .usage }
            if let io = error as? FileIOError, io.file?.hasPrefix(directory) == true { return .usage }
            return .fileFailed
        }
    }
}
