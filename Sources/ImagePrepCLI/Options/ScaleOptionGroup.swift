public import ArgumentParser
import Foundation
public import ImageBatch

/// `--manifest`, `--shard`, `--shards`, `--layout`, `--report`: running one share of a planned job (issue 15,
/// docs/SCALE.md).
struct ScaleOptionGroup: ParsableArguments {
    @Option(help: ArgumentHelp("Take the inputs (and their options) from a manifest written by `imageprep plan`.", valueName: "plan.jsonl"))
    var manifest: String?

    @Option(help: ArgumentHelp("Do only shard I of N (0-based), or auto: the engine's index (JOB_COMPLETION_INDEX, AWS_BATCH_JOB_ARRAY_INDEX, SLURM_ARRAY_TASK_ID).", valueName: "I/N|auto"))
    var shard: String?

    @Option(help: "The shard count for --shard auto with JOB_COMPLETION_INDEX (default: IMAGEPREP_SHARDS).")
    var shards: Int?

    @Option(help: "Output names with --manifest: hashed (content hash + options hash) or mirror (the input tree).")
    var layout: OutputLayout = .hashed

    @Option(help: ArgumentHelp("The shard's JSON report (default: OUT/_reports/shard-I-of-N.json).", valueName: "file"))
    var report: String?

    func validate() throws {
        if manifest == nil, shard != nil || report != nil { throw ValidationError("--shard and --report need --manifest") }
        if let shards, shards < 1 { throw ValidationError("--shards must be at least 1") }
    }

    /// The shard to run, from `--shard` and the environment.
    func resolvedShard() throws -> Shard? {
        try ShardOption.resolve(shard, count: shards)
    }
}

/// `--shard I/N|auto` with `--shards N`, as `normalize`, `prepare` and `submit --batch` take it.
enum ShardOption {
    /// The shard `text` names (nil for none), reading the engine's index variables for `auto`.
    ///
    /// - Throws: `ValidationError` with the shard error's message.
    static func resolve(_ text: String?, count: Int?) throws -> Shard? {
        guard let text else { return nil }
        do {
            return try Shard(parsing: text, environment: ProcessInfo.processInfo.environment, count: count)
        } catch {
            throw ValidationError(error.message)
        }
    }
}

extension OutputLayout: ExpressibleByArgument {}
