import Foundation
public import SystemIO

/// Runs one shard of a manifest: picks the shard's items, skips those whose output is already there, runs
/// `work` on the rest (`jobs` at once), and keeps a `ShardReport` up to date on disk. What `work` does (normalize,
/// prepare) is the caller's; this type owns the contract the job engines rely on (docs/SCALE.md).
public struct ShardRunner: Sendable {
    /// Makes one item's output. Given the item, its bytes (read and checked against the manifest's hash) and
    /// the output path without extension (`<folder>/<stem>`), it writes the output atomically and returns the
    /// path written (a file `<destination>.<ext>` or the folder `<destination>`).
    public typealias Work = @Sendable (_ item: ManifestItem, _ bytes: [UInt8], _ destination: String) async throws -> String

    /// The whole manifest (every shard's items: mirror-name collisions are found across all of them).
    public var manifest: [ManifestItem]
    /// This run's shard, or nil for all items.
    public var shard: Shard?
    public var outputFolder: String
    public var layout: OutputLayout
    public var kind: OutputKind
    /// The report file (default: `<output>/_reports/<shard-I-of-N or all>.json`).
    public var reportPath: String
    /// Inputs larger than this are refused before they are read whole.
    public var maxInputBytes: Int

    /// - Throws: `ManifestError` when the manifest is empty or its lines carry different options.
    public init(manifest: [ManifestItem], shard: Shard?, outputFolder: String, layout: OutputLayout, kind: OutputKind,
                reportPath: String? = nil, maxInputBytes: Int) throws(ManifestError) {
        guard let first = manifest.first else { throw ManifestError(file: nil, message: "the manifest has no items") }
        if let other = manifest.first(where: { $0.options != first.options }) {
            throw ManifestError(file: other.path, message: "manifest lines carry different options; plan one job per set of options")
        }
        self.manifest = manifest
        self.shard = shard
        self.outputFolder = outputFolder.hasSuffix("/") && outputFolder.count > 1 ? String(outputFolder.dropLast()) : outputFolder
        self.layout = layout
        self.kind = kind
        self.reportPath = reportPath ?? self.outputFolder + "/_reports/" + (shard?.reportName ?? "all.json")
        self.maxInputBytes = maxInputBytes
    }

    /// This run's items, in manifest order.
    public var items: [ManifestItem] { shard.map { s in manifest.filter(s.contains) } ?? manifest }

    /// Runs the shard: `jobs` items at once (at least 1), `each` called on the calling task per finished entry.
    /// The report is rewritten (atomically) at most every `flushInterval` while running and at the end.
    ///
    /// - Returns: the final report; its `exitStatus` is 0, 1 or 75 (`BatchExitStatus`).
    /// - Throws: `FileIOError` when the output or report folder cannot be made, or the final report cannot be
    ///   written (both transient: exit 75).
    public func run(jobs: Int, flushInterval: Duration = .milliseconds(250), work: @escaping Work,
                    each: (ShardReport.Entry) -> Void = { _ in }) async throws(FileIOError) -> ShardReport {
        try LocalFile.makeDirectories(outputFolder)
        try LocalFile.makeDirectories(LocalFile.parentDirectory(of: reportPath))
        let mine = items
        let options = manifest[0].options
        var report = ShardReport(shard: shard?.description ?? "all", planned: mine.count, options: options, layout: layout,
                                 outputFolder: outputFolder)
        let groups = groupByOutput(mine)
        let done = layout == .mirror ? priorOutputs() : [:]
        let collisions = layout == .mirror ? mirrorCollisions() : [:]
        let context = Context(folder: outputFolder, layout: layout, kind: kind, maxInputBytes: maxInputBytes, done: done,
                              collisions: collisions, work: work)
        let clock = ContinuousClock()
        var lastFlush = clock.now
        await withTaskGroup(of: [ShardReport.Entry].self) { group in
            var next = 0
            func add() {
                guard next < groups.count else { return }
                let items = groups[next]
                next += 1
                group.addTask { await context.process(items) }
            }
            for _ in 0..<max(1, jobs) { add() }
            for await entries in group {
                for entry in entries { report.entries.append(entry); each(entry) }
                if clock.now - lastFlush >= flushInterval {
                    try? report.write(to: reportPath)
                    lastFlush = clock.now
                }
                add()
            }
        }
        report.complete = true
        report.exitStatus = BatchExitStatus.of(report.entries.compactMap(\.failure)).rawValue
        try report.write(to: reportPath)
        report.counts = ShardReport.Counts(report.entries)
        return report
    }

    /// Items grouped by output stem (equal content under `hashed` shares one output), in first-seen order.
    func groupByOutput(_ items: [ManifestItem]) -> [[ManifestItem]] {
        var order: [String] = []
        var groups: [String: [ManifestItem]] = [:]
        for item in items {
            let stem = layout.stem(for: item)
            if groups[stem] == nil { order.append(stem) }
            groups[stem, default: []].append(item)
        }
        return order.map { groups[$0]! }
    }

    /// Under `mirror`: item key → output recorded as done by any earlier report in the report folder.
    func priorOutputs() -> [String: String] {
        var done: [String: String] = [:]
        for report in ShardReport.readAll(in: LocalFile.parentDirectory(of: reportPath)) where report.optionsHash == manifest[0].options.hash {
            for entry in report.entries where entry.status != .failed {
                if let output = entry.output { done[entry.key] = output }
            }
        }
        return done
    }

    /// Under `mirror`: item key → the path of the earlier item (manifest order) that has the same output stem.
    func mirrorCollisions() -> [String: String] {
        var owner: [String: ManifestItem] = [:]
        var collisions: [String: String] = [:]
        for item in manifest {
            let stem = layout.stem(for: item)
            if let first = owner[stem], first.sha256 != item.sha256 { collisions[item.key] = first.path } else if owner[stem] == nil { owner[stem] = item }
        }
        return collisions
    }
}
