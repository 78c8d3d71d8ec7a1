import ArgumentParser
import ImageAPI
import ImageFidelity
import ImagePrep
import ImageRules

extension ImagePrepCommand {
    /// `imageprep submit`: check, upload, create, wait, download.
    struct Submit: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "submit",
            abstract: "Submit an image task (text-to-image, up to 5 references, or a masked edit) and save its results.",
            discussion: """
                Inputs come from the options or from a bundle manifest (options override the bundle's fields). \
                The inputs are checked first and nothing is sent when a rule fails. Local files are uploaded to the \
                file service; URLs are passed through. The task is recorded in the history before it is sent, then \
                polled until it ends, and every result is saved as DIR/<task-id>-<i>.<ext>.
                Exit codes: 0 saved, 1 a rule, the task or a download failed (or the create's outcome is unknown: \
                reconcile with `imageprep tasks wait ID`), 2 usage, configuration or network error.
                """)

        @OptionGroup var request: BundleOptionGroup

        @Option(help: ArgumentHelp("A JSON rules file adding or overriding model profiles (docs/RULES.md).", valueName: "FILE"))
        var rules: String?

        @Flag(help: "Treat rule warnings as errors.")
        var strict = false

        @Flag(name: .customLong("no-wait"), help: "Print the task id and exit without waiting.")
        var noWait = false

        @Flag(name: .customLong("retry-failed"), help: "Resubmit once when the task fails with a retryable code.")
        var retryFailed = false

        @Option(name: [.customShort("o"), .customLong("output")], help: ArgumentHelp("Where results are saved.", valueName: "DIR"))
        var output = "."

        @Flag(help: "Print the task record as JSON on standard output.")
        var json = false

        @Option(help: ArgumentHelp("Submit many bundles: a JSON Lines file (one bundle per line) or a folder of bundle.json files; resumable (docs/CLIENT.md).",
                                   valueName: "JOBS.jsonl|FOLDER"))
        var batch: String?

        @Option(help: "With --batch: bundles uploaded and created at once (also the most polls and downloads in flight).")
        var concurrency = 4

        @Option(help: ArgumentHelp("With --batch: submit only shard I of N (0-based, by each bundle's key), or auto: the engine's index (docs/SCALE.md).",
                                   valueName: "I/N|auto"))
        var shard: String?

        @Option(help: "The shard count for --shard auto with JOB_COMPLETION_INDEX (default: IMAGEPREP_SHARDS).")
        var shards: Int?

        @OptionGroup var routing: RoutingOptionGroup

        @OptionGroup var fidelity: FidelityOptionGroup
        @OptionGroup var api: APIOptionGroup

        func run() async throws {
            if let batch {
                return try await BatchSubmission(path: batch, shard: try ShardOption.resolve(shard, count: shards), concurrency: concurrency,
                                                  output: output, json: json, api: api).run(checker: checker())
            }
            do {
                let bundle = try makeBundle()
                if noWait && api.sandbox {
                    Terminal.error("imageprep: --no-wait with --sandbox: the sandbox stops when submit exits, so the task cannot be followed later")
                }
                try await Submission(bundle: bundle, api: api, routing: routing, checker: try checker(), output: output,
                                     json: json, retryFailed: retryFailed, noWait: noWait, fidelity: fidelity.options).run()
            } catch {
                throw TaskOutput.exitCode(reporting: error)
            }
        }

        func validate() throws {
            guard concurrency >= 1 else { throw ValidationError("expected a positive number for --concurrency, got \(concurrency)") }
            guard batch != nil else {
                if shard != nil { throw ValidationError("--shard needs --batch") }
                return
            }
            if request.bundle != nil || !request.image.isEmpty || request.mask != nil || request.prompt != nil || noWait || routing.dryRun {
                throw ValidationError("--batch takes its bundles from the jobs file or folder: no BUNDLE, --image, --mask, --prompt, --no-wait or --dry-run with it")
            }
        }

        private func makeBundle() throws -> BundleManifest {
            let manifest = try request.manifest()
            guard manifest.prompt != nil else {
                Terminal.error("imageprep: submit needs --prompt or a bundle with a prompt")
                throw ExitCode.usage
            }
            if fidelity.options.keepOutsideMask && FidelitySource(manifest: manifest) == nil {
                Terminal.error("imageprep: --keep-outside-mask needs a mask and a base that are local files")
                throw ExitCode.usage
            }
            return manifest
        }

        private func checker() throws -> BundleRulesChecker {
            let profiles = try rules.map { try ProfileSet.builtIn.adding(rulesFile: $0) } ?? .builtIn
            return BundleRulesChecker(profiles: profiles, strict: strict, allowInsecureCallbacks: api.sandbox)
        }
    }
}
