import ArgumentParser
import ImageAPI
import ImagePrep
import ImageRules

extension ImagePrepCommand {
    /// `imageprep edit PHOTO --shapes FILE --prompt P -o DIR`: prepare → check → upload → submit → wait → download.
    struct Edit: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "edit",
            abstract: "Edit a photo where the shapes say: prepare, check, upload, submit, wait and download in one command.",
            discussion: """
                Writes DIR/base.png, mask.png, preview.png and bundle.json as `prepare` does (shapes in the original \
                photo's frame), checks the bundle against the model's rules (nothing is sent when a rule fails), \
                uploads base and mask, creates the task, waits for it and saves every result as DIR/<task-id>-<i>.png. \
                With --sandbox everything runs offline against a local sandbox.
                Exit codes: 0 results saved, 1 the photo, shapes, a rule, the task or a download failed, 2 usage, \
                configuration or network error.
                """)

        @Argument(help: "The photo (JPEG, PNG, WebP, HEIC/HEIF, AVIF, GIF or TIFF).")
        var photo: String

        @OptionGroup var mask: MaskOptionGroup

        @Option(help: "The edit instruction.")
        var prompt: String

        @Option(help: "Images to generate: 1, 2 or 4.")
        var n: Int?

        @OptionGroup var normalize: NormalizeOptionGroup

        @Option(name: .shortAndLong, help: ArgumentHelp("The folder for the prepared files and the results.", valueName: "DIR"))
        var output: String

        @Flag(name: .customLong("retry-failed"), help: "Resubmit once when the task fails with a retryable code.")
        var retryFailed = false

        @Flag(help: "Print the task record as JSON on standard output.")
        var json = false

        @OptionGroup var fidelity: FidelityOptionGroup
        @OptionGroup var decoding: DecodeOptionGroup

        @OptionGroup var routing: RoutingOptionGroup

        @OptionGroup var api: APIOptionGroup

        func validate() throws {
            guard mask.hasShapes else { throw ValidationError("give the edit region: --shapes FILE, --rect, --ellipse or --polygon") }
        }

        func run() async throws {
            let prepared: PrepareResult
            do {
                prepared = try await Prepare.prepare(photo: photo, mask: mask, normalize: normalize, decoding: decoding,
                                                     prompt: prompt, n: n, into: output)
                if routing.dryRun && json { Terminal.error(Prepare.summary(prepared)) } else { print(Prepare.summary(prepared)) }
            } catch {
                throw Prepare.exitCode(reporting: error, directory: output)
            }
            do {
                try await Submission(bundle: prepared.manifest, api: api, routing: routing,
                                     checker: BundleRulesChecker(allowInsecureCallbacks: api.sandbox), output: output,
                                     json: json, retryFailed: retryFailed, fidelity: fidelity.options).run()
            } catch {
                throw TaskOutput.exitCode(reporting: error)
            }
        }
    }
}
