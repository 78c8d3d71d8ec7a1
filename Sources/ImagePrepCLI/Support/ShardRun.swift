import ArgumentParser
import ImageBatch
import ImageCore
import ImagePrep
import SystemIO

/// Runs one shard of a manifest for `normalize` and `prepare`: prints one line (or JSON object) per item and
/// a summary on standard error, and maps the outcome to the engines' exit codes (0, 1, 75).
enum ShardRun {
    /// Reads the manifest, applying `extraOptions` (the `mask-` keys of `prepare`) to every line.
    static func manifest(_ path: String, extraOptions: [String: String] = [:]) throws -> [ManifestItem] {
        do {
            var items = try Manifest.read(path)
            if !extraOptions.isEmpty {
                for i in items.indices { items[i].options.values.merge(extraOptions) { _, new in new } }
            }
            return items
        } catch {
            Terminal.report(error)
            throw ExitCode.usage
        }
    }

    /// Runs `runner` with `work`; throws the exit code unless every item is done.
    static func run(_ runner: ShardRunner, jobs: Int?, json: Bool, work: @escaping ShardRunner.Work) async throws {
        let report: ShardReport
        do {
            report = try await runner.run(jobs: jobs ?? Resampler.processorCount, work: work) { entry in
                if json {
                    try? JSONOutput.print(entry, pretty: false)
                } else if entry.status == .failed {
                    Terminal.error("imageprep: \(entry.error ?? entry.path) [\(entry.failure?.rawValue ?? "")]")
                } else {
                    print("\(entry.path) → \(entry.output ?? "-") (\(entry.status.rawValue))")
                }
            }
        } catch {
            Terminal.report(error)
            throw ExitCode.tempFail
        }
        let c = report.counts
        Terminal.error("imageprep: shard \(report.shard): \(c.items) items, \(c.written) written, \(c.skipped) skipped, "
                       + "\(c.badInput) bad input, \(c.transient) transient failures; report \(runner.reportPath)")
        switch BatchExitStatus(rawValue: report.exitStatus ?? 0) ?? .done {
        case .done: return
        case .badInput: throw ExitCode.fileFailed
        case .transient: throw ExitCode.tempFail
        }
    }
}
