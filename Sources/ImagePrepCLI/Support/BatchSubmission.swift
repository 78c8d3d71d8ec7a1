import ArgumentParser
import Foundation
import ImageAPI
import ImageBatch
import ImageRules

/// `submit --batch` and `tasks wait --all`: builds a `BatchSubmitter` over the configured runner, draws the
/// progress bar, prints the summary. Exit 0 when every bundle's results are saved, 1 otherwise, 2 usage.
struct BatchSubmission {
    /// The jobs file or folder; nil for `tasks wait --all` (finish what is open, submit nothing).
    var path: String?
    /// With a jobs file: the share of its bundles to submit (by key); nil for all.
    var shard: Shard? = nil
    var concurrency: Int
    /// Where results go; nil: where each task's submit asked (`tasks wait --all`).
    var output: String?
    var json: Bool
    var api: APIOptionGroup

    func run(checker: any SubmissionChecker = BundleRulesChecker()) async throws {
        do {
            let jobs = try path.map { try BatchJob.load($0).filter { shard?.contains(key: $0.key) ?? true } }
            let bar = BatchProgressBar()
            let summary = try await api.withRunner(checker: checker) { runner in
                let submitter = BatchSubmitter(runner: runner, options: BatchOptions(concurrency: concurrency, outputDir: output)) {
                    bar.update($0)
                }
                if let jobs { return try await submitter.run(jobs) }
                return try await submitter.resumeOpen()
            }
            bar.finish()
            try report(summary)
            guard summary.isComplete else { throw ExitCode.fileFailed }
        } catch {
            throw TaskOutput.exitCode(reporting: error)
        }
    }

    private func report(_ summary: BatchSummary) throws {
        if json { return try JSONOutput.print(summary) }
        print("\(summary.total) bundles: \(summary.done) done (\(summary.skipped) skipped), \(summary.failed) failed, "
              + "\(summary.open) open · \(summary.created) created, \(summary.reconciled) reconciled · \(summary.throttles) throttled")
        for item in summary.items where item.state != "done" {
            Terminal.error("imageprep: \(item.source): \(item.state)\(item.error.map { ": \($0)" } ?? "")")
        }
        if summary.open > 0 { Terminal.error("imageprep: resume with `imageprep tasks wait --all` or rerun the same batch") }
    }
}

/// A one-line batch progress bar on standard error, drawn only when it is a terminal.
struct BatchProgressBar: Sendable {
    let enabled: Bool

    init(enabled: Bool = Terminal.stderrIsTTY) {
        self.enabled = enabled
    }

    /// `[########------------]  120/300 done · 2 failed · 16 running`.
    func update(_ progress: BatchProgress) {
        guard enabled, progress.total > 0 else { return }
        let width = 24
        let filled = min(width, (progress.done + progress.failed) * width / progress.total)
        let bar = String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled)
        FileHandle.standardError.write(Data(("\r\u{1B}[2K[\(bar)] \(progress.done)/\(progress.total) done · "
                                             + "\(progress.failed) failed · \(progress.running) running").utf8))
    }

    /// Ends the bar's line.
    func finish() {
        if enabled { FileHandle.standardError.write(Data("\n".utf8)) }
    }
}
