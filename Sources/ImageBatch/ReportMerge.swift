/// The reports of every shard (and every rerun) merged into one account of the job: an item is done when any
/// report has it written or skipped, failed when every report that has it failed (the last failure is kept).
public struct ReportSummary: Sendable, Hashable, Codable {
    /// Reports merged; of them, those a killed run left incomplete.
    public var reports = 0, incompleteReports = 0
    /// Distinct items (content hash and path) seen.
    public var items = 0
    /// Items done; failed (bad input, transient).
    public var done = 0, failed = 0, badInput = 0, transient = 0
    /// Entries across all reports that wrote an output, and that skipped one: with equal inputs deduplicated,
    /// `writes` equals the distinct outputs when nothing was written twice.
    public var writes = 0, skips = 0
    /// Distinct outputs of the done items.
    public var outputs = 0
    /// The failed items' last entries, in path order.
    public var failures: [ShardReport.Entry] = []
    /// The exit status that fits: 0, 1 (only bad inputs failed) or 75 (something transient failed).
    public var exitStatus: Int32 = 0

    public init() {}

    /// Merges `reports`. Also returns the failed items as manifest items (with their report's options), for
    /// `--failed-manifest`.
    public static func merge(_ reports: [ShardReport]) -> (summary: ReportSummary, retry: [ManifestItem]) {
        var summary = ReportSummary()
        summary.reports = reports.count
        var done: [String: ShardReport.Entry] = [:]
        var failed: [String: (entry: ShardReport.Entry, options: JobOptions)] = [:]
        for report in reports {
            if !report.complete { summary.incompleteReports += 1 }
            for entry in report.entries {
                let key = report.optionsHash + " " + entry.key
                switch entry.status {
                case .written, .skipped:
                    if entry.status == .written { summary.writes += 1 } else { summary.skips += 1 }
                    done[key] = entry
                case .failed:
                    failed[key] = (entry, report.options)
                }
            }
        }
        for key in done.keys { failed[key] = nil }
        summary.items = done.count + failed.count
        summary.done = done.count
        summary.outputs = Set(done.values.compactMap(\.output)).count
        let failures = failed.values.sorted { $0.entry.path < $1.entry.path }
        summary.failures = failures.map(\.entry)
        summary.failed = failures.count
        summary.transient = failures.filter { $0.entry.failure == .transient }.count
        summary.badInput = summary.failed - summary.transient
        summary.exitStatus = BatchExitStatus.of(failures.compactMap(\.entry.failure)).rawValue
        let retry = failures.map {
            ManifestItem(path: $0.entry.path, bytes: $0.entry.bytes, sha256: $0.entry.sha256,
                         relativePath: $0.entry.relativePath, options: $0.options)
        }
        return (summary, retry)
    }
}
