import ArgumentParser
import Foundation
import ImageBatch
import SystemIO

extension ImagePrepCommand {
    /// `imageprep report merge REPORTS... -o summary.json [--failed-manifest retry.jsonl]`.
    struct Report: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "report",
            abstract: "Work with the JSON reports that shard runs write.",
            subcommands: [Merge.self])

        struct Merge: AsyncParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "merge",
                abstract: "Merge shard reports into one summary, and list the failed items as a manifest to retry.",
                discussion: """
                    Arguments are report files or folders of them (OUT/_reports). An item is done when any report has \\
                    it written or skipped. Exit codes: 0 merged (whatever the items' outcomes: see exitStatus in the \\
                    summary), 2 a report could not be read or the outputs could not be written.
                    """)

            @Argument(help: "Shard reports (*.json) or folders of them.")
            var reports: [String]

            @Option(name: .shortAndLong, help: ArgumentHelp("The merged summary (JSON; - for standard output).", valueName: "summary.json"))
            var output: String = "-"

            @Option(help: ArgumentHelp("Write the failed items here as a manifest, for `--manifest` in a retry.", valueName: "retry.jsonl"))
            var failedManifest: String?

            func run() async throws {
                var loaded: [ShardReport] = []
                do {
                    for path in reports {
                        if ManifestPlanner.isFolder(path) { loaded += ShardReport.readAll(in: path) } else { loaded.append(try ShardReport.read(path)) }
                    }
                    let (summary, retry) = ReportSummary.merge(loaded)
                    let encoder = JSONEncoder()
                    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
                    try LocalFile.writeAtomically(Array(try encoder.encode(summary)) + [0x0A], to: output)
                    if let failedManifest { try Manifest.write(retry, to: failedManifest) }
                    Terminal.error("imageprep: \(summary.reports) reports, \(summary.items) items: \(summary.done) done, "
                                   + "\(summary.badInput) bad input, \(summary.transient) transient; \(summary.writes) writes")
                } catch {
                    Terminal.report(error)
                    throw ExitCode.usage
                }
            }
        }
    }
}
