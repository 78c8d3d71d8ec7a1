import ArgumentParser
import ImageCore
import ImagePrep
import ImageRules

extension ImagePrepCommand {
    /// `imageprep check`: validates a bundle (manifest and/or command-line parts) against a model's rules.
    struct Check: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "check",
            abstract: "Check a bundle against the model's documented limits before anything is uploaded.",
            discussion: """
                Reads BUNDLE.json (schema: docs/BUNDLE.md) and/or the parts given as options; options override the \
                manifest's fields (--image replaces its images). Files are judged by content: sniffed format, \
                header (full decode with --deep), sizes, mask alpha. URLs are checked for syntax only, never fetched.
                Rules and limits per model: docs/RULES.md. Exit status: 0 no errors, 1 errors found, 2 usage or I/O error.
                """)

        @OptionGroup var request: BundleOptionGroup

        @Option(help: "A JSON rules file adding or overriding model profiles (schema: docs/RULES.md).")
        var rules: String?

        @Option(help: "Output: text, json, junit or github.")
        var format: String = "text"

        @Flag(help: "Decode every image fully, not only its header.")
        var deep = false

        @OptionGroup var decoding: DecodeOptionGroup

        mutating func run() async throws {
            guard let output = OutputFormat(rawValue: format) else {
                throw usage("--format must be text, json, junit or github, got `\(format)`")
            }
            if request.bundle == nil && request.image.isEmpty && request.mask == nil && request.prompt == nil {
                throw usage("nothing to check: give a BUNDLE.json or --image/--mask/--prompt")
            }
            let manifest: BundleManifest
            do {
                manifest = try request.manifest()
            } catch {
                throw failure("\(error)", code: 2)
            }

            var profiles = ProfileSet.builtIn
            if let rules {
                do {
                    profiles = try profiles.adding(rulesFile: rules)
                } catch {
                    throw failure(error.description, code: 2)
                }
            }

            let issues = BundleRules.check(manifest, profiles: profiles, options: .init(deep: deep, limits: decoding.limits, strictness: decoding.reportingStrictness))
            let report = CheckReport(bundle: manifest, issues: issues.map(FixCommandLine.phrased), strict: decoding.strict)
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
