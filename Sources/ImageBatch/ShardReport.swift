import Foundation
public import SystemIO

/// What one shard run did, item by item: written as JSON next to the outputs, atomically, while the run goes
/// (so a killed run leaves the entries it finished) and once more at the end with `complete` set.
/// `imageprep report merge` merges the reports of all shards.
public struct ShardReport: Sendable, Hashable, Codable {
    /// One item's outcome.
    public struct Entry: Sendable, Hashable, Codable {
        public enum Status: String, Sendable, Hashable, Codable {
            /// The output was made by this run.
            case written
            /// The output was already there (an earlier run, or an equal input earlier in this one).
            case skipped
            /// No output; see `failure` and `error`.
            case failed
        }

        public var path: String
        public var sha256: String
        public var bytes: Int
        public var relativePath: String
        public var status: Status
        /// The output file or folder, when done.
        public var output: String?
        /// The output's size in bytes (a folder: the sum of its files), when done.
        public var outputBytes: Int?
        public var failure: FailureKind?
        public var error: String?

        public init(item: ManifestItem, status: Status, output: String? = nil, outputBytes: Int? = nil,
                    failure: FailureKind? = nil, error: String? = nil) {
            path = item.path
            sha256 = item.sha256
            bytes = item.bytes
            relativePath = item.relativePath
            self.status = status
            self.output = output
            self.outputBytes = outputBytes
            self.failure = failure
            self.error = error
        }

        /// The item's identity: content hash and path (as `ManifestItem.key`).
        public var key: String { sha256 + " " + path }
    }

    /// Counts of the entries by outcome.
    public struct Counts: Sendable, Hashable, Codable {
        public var items = 0, written = 0, skipped = 0, failed = 0, badInput = 0, transient = 0

        public init() {}

        init(_ entries: [Entry]) {
            items = entries.count
            for entry in entries {
                switch entry.status {
                case .written: written += 1
                case .skipped: skipped += 1
                case .failed:
                    failed += 1
                    if entry.failure == .transient { transient += 1 } else { badInput += 1 }
                }
            }
        }
    }

    /// `I/N`, or `all` for a run without `--shard`.
    public var shard: String
    /// Items of the manifest this shard holds.
    public var planned: Int
    public var options: JobOptions
    public var optionsHash: String
    public var layout: OutputLayout
    public var outputFolder: String
    /// Whether the run got to the end (false in a report left by a killed run).
    public var complete: Bool
    /// The exit status the run ended with (nil until complete).
    public var exitStatus: Int32?
    public var counts: Counts
    public var entries: [Entry]

    public init(shard: String, planned: Int, options: JobOptions, layout: OutputLayout, outputFolder: String,
                entries: [Entry] = [], complete: Bool = false, exitStatus: Int32? = nil) {
        self.shard = shard
        self.planned = planned
        self.options = options
        optionsHash = options.hash
        self.layout = layout
        self.outputFolder = outputFolder
        self.complete = complete
        self.exitStatus = exitStatus
        counts = Counts(entries)
        self.entries = entries
    }

    /// Writes the report to `path` atomically (pretty-printed JSON, keys sorted), counts recomputed.
    ///
    /// - Throws: `FileIOError` naming the path.
    public func write(to path: String) throws(FileIOError) {
        var copy = self
        copy.counts = Counts(entries)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let bytes = (try? encoder.encode(copy)).map(Array.init) ?? []
        try LocalFile.writeAtomically(bytes, to: path)
    }

    /// Reads a report (at most 1 GiB).
    ///
    /// - Throws: `FileIOError`, or `ManifestError` when the file is not a shard report.
    public static func read(_ path: String) throws -> ShardReport {
        let bytes = try LocalFile.read(path, maxBytes: 1 << 30)
        do {
            return try JSONDecoder().decode(ShardReport.self, from: Data(bytes))
        } catch {
            throw ManifestError(file: path, message: "not a shard report: \(error)")
        }
    }

    /// Every report (`*.json`) in `folder`, skipping files that are not reports; an absent folder has none.
    public static func readAll(in folder: String) -> [ShardReport] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return names.sorted().filter { $0.hasSuffix(".json") && !$0.hasPrefix(".") }.compactMap { try? read(folder + "/" + $0) }
    }
}
