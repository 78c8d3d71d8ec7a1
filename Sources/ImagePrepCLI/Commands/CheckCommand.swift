import ArgumentParser
import ImageCore
import ImagePrep

extension ImagePrepCommand {
    /// `imageprep check`: validates a bundle (manifest and/or command-line parts) against a model's rules.
    struct Check: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check a bundle against the model's documented limits before anything is uploaded.",
            discussion: """
                Reads BUNDLE.json (schema: docs/BUNDLE.md) and/or the parts given as options; options override the \
                manifest's fields (--image replaces its images). Files are judged by content: sniffed format, \
                header (full decode with --deep), sizes, mask alpha. URLs are checked for syntax only, never fetched.
                Rules and limits per model: docs/RULES.md. Exit status: 0 no errors, 1 errors found, 2 usage or I/O error.
                """)

        @Argument(help: "A bundle manifest (JSON).")
        var bundle: String?

        @Option(name: .customLong("image"), help: "A reference image: local file or URL (repeatable).")
        var images: [String] = []

        @Option(help: "The edit mask: PNG file or URL.")
        var mask: String?

        @Option(help: "The prompt.")
        var prompt: String?

        @Option(help: "Output size: 1024x1024, 1536x1024, 3:2, auto, … (values per model).")
        var size: String?

        @Option(name: .customLong("n"), help: "Number of images to generate.")
        var n: String?

        @Option(name: .customLong("callback-url"), help: "HTTPS URL the API calls when the task finishes.")
        var callbackURL: String?

        @Option(help: "Model (default: the manifest's, else gpt-4o-image).")
        var model: String?

        @Option(help: "A JSON rules file adding or overriding model profiles (schema: docs/RULES.md).")
        var rules: String?

        @Option(help: "Output: text, json, junit or github.")
        var format: String = "text"

        @Flag(help: "Treat warnings as errors.")
        var strict = false

        @Flag(help: "Decode every image fully, not only its header.")
        var deep = false

        @OptionGroup var decoding: DecodeOptionGroup

        mutating func run() async throws {
            guard let output = OutputFormat(rawValue: format) else {
                throw usage("--format must be text, json, junit or github, got `\(format)`")
            }
            var parsedN: Int?
            if let n {
                guard let value = Int(n) else { throw usage("--n must be an integer, got `\(n)`") }
                parsedN = value
            }
            if bundle == nil && images.isEmpty && mask == nil && prompt == nil {
                throw usage("nothing to check: give a BUNDLE.json or --image/--mask/--prompt")
            }

            var manifest: BundleManifest
            if let bundle {
                do {
                    manifest = try BundleManifest.load(bundle)
                } catch {
                    throw failure(error.description, code: 2)
                }
            } else {
                manifest = BundleManifest()
            }
            if !images.isEmpty { manifest.images = images.map { BundleInput(parsing: $0) } }
            if let mask { manifest.mask = BundleInput(parsing: mask) }
            if let prompt { manifest.prompt = prompt }
            if let size { manifest.size = size }
            if let parsedN { manifest.n = parsedN }
            if let callbackURL { manifest.callbackURL = callbackURL }
            if let model { manifest.model = model }

            var profiles = ProfileSet.builtIn
            if let rules {
                do {
                    profiles = try profiles.adding(rulesFile: rules)
                } catch {
                    throw failure(error.description, code: 2)
                }
            }

            let issues = BundleRules.check(manifest, profiles: profiles, options: .init(deep: deep, limits: decoding.limits, lenient: decoding.lenient))
            let report = CheckReport(bundle: manifest, issues: issues, strict: strict)
            switch output {
            case .text: print(report.text(), terminator: "")
            case .json: print(String(decoding: report.json(), as: UTF8.self), terminator: "")
            case .junit: print(report.junit(), terminator: "")
            case .github: print(report.github(), terminator: "")
            }
            if issues.contains(where: { $0.rule.hasSuffix(".unreadable") }) { throw ExitCode.usage }
            if !report.ok { throw ExitCode.fileFailed }
        }

        enum OutputFormat: String {
            case text, json, junit, github
        }

        private func usage(_ message: String) -> ExitCode {
            failure("\(message)\nusage: \(Self.usageString())\nsee: imageprep check --help", code: 2)
        }

        private func failure(_ message: String, code: Int32) -> ExitCode {
            Terminal.error("imageprep check: \(message)")
            return ExitCode(code)
        }
    }
}
