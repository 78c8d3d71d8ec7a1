import ArgumentParser
import ImageAPI
import ImagePrep

extension ImagePrepCommand {
    /// `imageprep submit`: check, upload, create, wait, download.
    struct Submit: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Submit an image task (text-to-image, up to 5 references, or a masked edit) and save its results.",
            discussion: """
                Inputs come from the options or from a bundle manifest (options override the bundle's fields). \
                The inputs are checked first and nothing is sent when a rule fails. Local files are uploaded to the \
                file service; URLs are passed through. The task is recorded in the history before it is sent, then \
                polled until it ends, and every result is saved as DIR/<task-id>-<i>.<ext>.
                Exit codes: 0 saved, 1 a rule, the task or a download failed (or the create's outcome is unknown: \
                reconcile with `imageprep tasks wait ID`), 2 usage, configuration or network error.
                """)

        @Argument(help: ArgumentHelp("A bundle manifest (bundle.json) describing the request.", valueName: "BUNDLE.json"))
        var bundle: String?

        @Option(name: .long, help: ArgumentHelp("A reference image: local file or http(s) URL; repeat up to 5 times.", valueName: "FILE|URL"))
        var image: [String] = []

        @Option(help: ArgumentHelp("The edit mask (PNG with alpha; with exactly one --image).", valueName: "FILE|URL"))
        var mask: String?

        @Option(help: "The prompt or edit instruction (at most 1000 characters).")
        var prompt: String?

        @Option(help: "Output size: 1:1, 2:3, 3:2, 1024x1024, 1024x1536 or 1536x1024.")
        var size: String?

        @Option(help: "Number of images: 1, 2 or 4.")
        var n: Int?

        @Option(help: "The model. Default gpt-4o-image.")
        var model: String?

        @Option(name: .customLong("callback-url"), help: ArgumentHelp("An https URL the API calls when the task ends.", valueName: "URL"))
        var callbackURL: String?

        @Flag(name: .customLong("no-wait"), help: "Print the task id and exit without waiting.")
        var noWait = false

        @Flag(name: .customLong("retry-failed"), help: "Resubmit once when the task fails with a retryable code.")
        var retryFailed = false

        @Option(name: [.customShort("o"), .customLong("output")], help: ArgumentHelp("Where results are saved.", valueName: "DIR"))
        var output = "."

        @Flag(help: "Print the task record as JSON on standard output.")
        var json = false

        @OptionGroup var api: APIOptionGroup

        func run() async throws {
            do {
                let bundle = try makeBundle()
                if noWait && api.sandbox {
                    Terminal.error("imageprep: --no-wait with --sandbox: the sandbox stops when submit exits, so the task cannot be followed later")
                }
                try await api.withRunner { runner in
                    if noWait {
                        let record = try await runner.submit(bundle, outputDir: output)
                        if json { try JSONOutput.print(TaskOutput.RecordJSON(record)) } else { print(record.taskID ?? record.displayID) }
                        return
                    }
                    let progress = TaskProgress()
                    let (record, saved) = try await runner.run(bundle, outputDir: output, retryFailed: retryFailed) {
                        progress.update($0)
                    }
                    guard try TaskOutput.reportSaved(record, saved, json: json) else { throw ExitCode.fileFailed }
                }
            } catch {
                throw TaskOutput.exitCode(reporting: error)
            }
        }

        private func makeBundle() throws -> BundleManifest {
            var manifest: BundleManifest
            if let bundle {
                manifest = try BundleManifest.load(bundle)
            } else {
                manifest = BundleManifest()
            }
            if let model { manifest.model = model }
            if let prompt { manifest.prompt = prompt }
            if !image.isEmpty {
                manifest.images = image.map { BundleInput(parsing: $0) }
                manifest.prepared = nil
            }
            if let mask {
                manifest.mask = BundleInput(parsing: mask)
                manifest.prepared?.mask = nil
            }
            if let size { manifest.size = size }
            if let n { manifest.n = n }
            if let callbackURL { manifest.callbackURL = callbackURL }
            guard manifest.prompt != nil else {
                Terminal.error("imageprep: submit needs --prompt or a bundle with a prompt")
                throw ExitCode.usage
            }
            return manifest
        }
    }
}
