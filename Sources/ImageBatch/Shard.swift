import Foundation

/// One share of a manifest: shard `index` of `count` (0-based). An item belongs to the shard whose number is
/// its content hash's first 64 bits modulo `count`, so every item lands in exactly one shard whatever `count`
/// is, the same one on every machine and in every run, and files with equal content share a shard (they share
/// an output, see `OutputLayout.hashed`).
public struct Shard: Sendable, Hashable, CustomStringConvertible {
    /// 0-based: 0 ..< count.
    public let index: Int
    /// How many shards the work is split into (at least 1).
    public let count: Int

    /// - Throws: `ShardError` unless 0 <= index < count.
    public init(index: Int, count: Int) throws(ShardError) {
        guard count >= 1 else { throw ShardError("the shard count must be at least 1 (got \(count))") }
        guard (0..<count).contains(index) else { throw ShardError("shard index \(index) is outside 0..<\(count)") }
        self.index = index
        self.count = count
    }

    /// Parses `I/N` (0-based I), or `auto`: the engine's variables in `environment` (see
    /// `init(environment:count:)`); `count` is the `--shards` flag, used with `JOB_COMPLETION_INDEX`.
    ///
    /// - Throws: `ShardError` for a malformed value or when `auto` finds no engine's variables.
    public init(parsing text: String, environment: [String: String], count: Int? = nil) throws(ShardError) {
        if text == "auto" {
            try self.init(environment: environment, count: count)
            return
        }
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let i = Int(parts[0]), let n = Int(parts[1]) else {
            throw ShardError("--shard takes I/N (0-based, e.g. 0/7) or auto (got '\(text)')")
        }
        try self.init(index: i, count: n)
    }

    /// The shard the job engine assigned, from its environment, first match wins:
    /// Kubernetes Indexed Job `JOB_COMPLETION_INDEX` with the count from `count` (the `--shards` flag) or
    /// `IMAGEPREP_SHARDS`; AWS Batch `AWS_BATCH_JOB_ARRAY_INDEX` / `AWS_BATCH_JOB_ARRAY_SIZE`; Slurm
    /// `SLURM_ARRAY_TASK_ID` / `SLURM_ARRAY_TASK_COUNT` (less `SLURM_ARRAY_TASK_MIN`, default 0, so
    /// `--array=1-7` works too).
    ///
    /// - Throws: `ShardError` when none is set, a count is missing or a value is not a number.
    public init(environment env: [String: String], count: Int? = nil) throws(ShardError) {
        func number(_ name: String) throws(ShardError) -> Int? {
            guard let text = env[name] else { return nil }
            guard let value = Int(text.trimmingCharacters(in: .whitespaces)) else { throw ShardError("\(name) is not a number ('\(text)')") }
            return value
        }
        if let index = try number("JOB_COMPLETION_INDEX") {
            let given = try number("IMAGEPREP_SHARDS")
            guard let total = count ?? given else {
                throw ShardError("JOB_COMPLETION_INDEX is set but the shard count is not: pass --shards N or set IMAGEPREP_SHARDS (the Job's completions)")
            }
            try self.init(index: index, count: total)
        } else if let index = try number("AWS_BATCH_JOB_ARRAY_INDEX") {
            let size = try number("AWS_BATCH_JOB_ARRAY_SIZE")
            guard let total = size ?? count else { throw ShardError("AWS_BATCH_JOB_ARRAY_SIZE is not set") }
            try self.init(index: index, count: total)
        } else if let id = try number("SLURM_ARRAY_TASK_ID") {
            let size = try number("SLURM_ARRAY_TASK_COUNT"), first = try number("SLURM_ARRAY_TASK_MIN")
            guard let total = size ?? count else { throw ShardError("SLURM_ARRAY_TASK_COUNT is not set") }
            try self.init(index: id - (first ?? 0), count: total)
        } else {
            throw ShardError("--shard auto found no engine index (JOB_COMPLETION_INDEX, AWS_BATCH_JOB_ARRAY_INDEX or SLURM_ARRAY_TASK_ID)")
        }
    }

    /// The shard number (0 ..< count) of an item with this content hash.
    public static func number(of sha256: String, count: Int) -> Int {
        let key = UInt64(sha256.prefix(16), radix: 16) ?? UInt64(ContentHash.sha256(sha256).prefix(16), radix: 16)!
        return Int(key % UInt64(count))
    }

    /// Whether `item` belongs to this shard.
    public func contains(_ item: ManifestItem) -> Bool {
        contains(key: item.sha256)
    }

    /// Whether the item with this SHA-256 (hex) key belongs to this shard (a batch bundle's key, for example).
    public func contains(key sha256: String) -> Bool {
        Self.number(of: sha256, count: count) == index
    }

    /// `index/count`, as `--shard` takes it.
    public var description: String { "\(index)/\(count)" }

    /// The report file name for this shard: `shard-0003-of-0007.json`.
    public var reportName: String {
        func pad(_ n: Int) -> String { String(repeating: "0", count: max(0, 4 - String(n).count)) + String(n) }
        return "shard-\(pad(index))-of-\(pad(count)).json"
    }
}

/// A `--shard` value that cannot be used. Printed as `shard error: <message>`.
public struct ShardError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String

    public init(_ message: String) {
        self.message = message
    }

    public var description: String { "shard error: \(message)" }
}
