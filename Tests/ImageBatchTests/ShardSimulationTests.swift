import Foundation
import ImageBatch
import ImageCodecs
import ImageCore
import ImagePrepTestSupport
import Testing

/// The engines' contract, simulated locally with the built `imageprep` (issue 15): generated images (JPEG, PNG,
/// WebP, 16–200 px, 1 % corrupt), N = 7 shards as separate processes with the Kubernetes, AWS Batch and Slurm
/// index variables, one shard SIGKILLed mid-way and rerun, a run with N = 3 afterwards, a transient failure.
/// `IMAGEPREP_SCALE_IMAGES` sets the count (default 210: every shard gets work, ≥ 2 corrupt files).
@Suite(.serialized) struct ShardSimulationTests {
    static let count = Int(ProcessInfo.processInfo.environment["IMAGEPREP_SCALE_IMAGES"] ?? "") ?? 210
    static let engineVariables = ["JOB_COMPLETION_INDEX", "IMAGEPREP_SHARDS", "AWS_BATCH_JOB_ARRAY_INDEX", "AWS_BATCH_JOB_ARRAY_SIZE",
                                  "SLURM_ARRAY_TASK_ID", "SLURM_ARRAY_TASK_COUNT", "SLURM_ARRAY_TASK_MIN"]
    /// Fast options: the smallest API size, fixed quality (one encode), a cheap kernel.
    static let jobFlags = ["--size", "1:1", "--format", "jpeg", "--quality", "70", "--kernel", "linear"]

    /// Writes the inputs; returns the paths of the corrupt ones (every 100th, from the 57th).
    static func generate(into folder: String) throws -> Set<String> {
        var corrupt: Set<String> = []
        let formats: [ImageFormat] = [.jpeg, .png, .webp]
        for i in 0..<count {
            let sub = folder + "/" + ["shoes", "bags", "hats/summer"][i % 3]
            try FileManager.default.createDirectory(atPath: sub, withIntermediateDirectories: true)
            let format = formats[(i / 3) % 3]
            let path = "\(sub)/item-\(i).\(format.fileExtension)"
            if i % 100 == 57 || (count < 100 && i == count / 2) {
                // A real signature, then garbage: sniffed as the format, refused by its decoder.
                let head: [UInt8] = format == .jpeg ? [0xFF, 0xD8, 0xFF, 0xE0] : format == .png ? [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] : Array("RIFF\0\0\0\0WEBPVP8 ".utf8)
                try Data(head + [UInt8](repeating: UInt8(i % 251), count: 64 + i % 50)).write(to: URL(fileURLWithPath: path))
                corrupt.insert(path)
                continue
            }
            let w = 16 + (i * 37) % 185, h = 16 + (i * 53) % 185
            let image = Image(width: w, height: h, layout: .rgb) { d in
                for y in 0..<h { for x in 0..<w {
                    let o = (y * w + x) * 3
                    d[o] = UInt8(truncatingIfNeeded: x * 255 / w); d[o + 1] = UInt8(truncatingIfNeeded: y * 255 / h); d[o + 2] = UInt8(truncatingIfNeeded: i)
                } }
                d[0] = UInt8(truncatingIfNeeded: i >> 8)  // distinct content for every item
            }
            try Data(try ImageEncoder.encode(image, as: EncodeFormat(format, quality: 90))).write(to: URL(fileURLWithPath: path))
        }
        return corrupt
    }

    /// The engine's variables for shard `index` of 7: Kubernetes, AWS Batch and Slurm (1-based array) in turn.
    static func environment(shard index: Int) -> [String: String] {
        switch index % 3 {
        case 0: ["JOB_COMPLETION_INDEX": "\(index)", "IMAGEPREP_SHARDS": "7"]
        case 1: ["AWS_BATCH_JOB_ARRAY_INDEX": "\(index)", "AWS_BATCH_JOB_ARRAY_SIZE": "7"]
        default: ["SLURM_ARRAY_TASK_ID": "\(index + 1)", "SLURM_ARRAY_TASK_MIN": "1", "SLURM_ARRAY_TASK_COUNT": "7"]
        }
    }

    /// Starts `imageprep` without waiting (output to files, so no pipe can fill).
    static func start(_ arguments: [String], environment extra: [String: String], logs: String) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CommandRunner.executablePath)
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        for name in engineVariables { env[name] = nil }
        env.merge(extra) { _, new in new }
        process.environment = env
        _ = FileManager.default.createFile(atPath: logs + ".out", contents: nil)
        _ = FileManager.default.createFile(atPath: logs + ".err", contents: nil)
        process.standardOutput = FileHandle(forWritingAtPath: logs + ".out")
        process.standardError = FileHandle(forWritingAtPath: logs + ".err")
        try process.run()
        return process
    }

    /// Runs one shard to the end; returns its exit status.
    static func runShard(_ arguments: [String], environment: [String: String], logs: String) throws -> Int32 {
        let process = try start(arguments, environment: environment, logs: logs)
        process.waitUntilExit()
        return process.terminationStatus
    }

    /// Output file → inode, for every visible output (hidden temp files of a killed run are not outputs).
    static func outputs(_ folder: String) throws -> [String: UInt64] {
        var found: [String: UInt64] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: folder) where !name.hasPrefix(".") && name != "_reports" {
            let attributes = try FileManager.default.attributesOfItem(atPath: folder + "/" + name)
            found[name] = (attributes[.systemFileNumber] as? NSNumber)?.uint64Value ?? 0
        }
        return found
    }

    @Test func sevenShardsAKilledShardARerunAndAnotherShardCountMeetTheContract() throws {
        let dir = try CommandRunner.temporaryDirectory()
        let corrupt = try Self.generate(into: dir + "/in")
        let plan = try CommandRunner.run(["plan", dir + "/in", "-o", dir + "/plan.jsonl"] + Self.jobFlags)
        #expect(plan.status == 0, "\(plan.stderr)")
        let manifest = try Manifest.read(dir + "/plan.jsonl")
        #expect(manifest.count == Self.count && Set(manifest.map(\.sha256)).count == Self.count)
        let valid = manifest.filter { !corrupt.contains($0.path) }
        let stem = { (item: ManifestItem) in OutputLayout.hashed.stem(for: item) + ".jpg" }
        let out = dir + "/out"
        let shardArgs = ["normalize", "--manifest", dir + "/plan.jsonl", "-o", out, "--shard", "auto", "--jobs", "1"]

        // Seven shards at once; shard 3 is killed once a third of its items are in its report.
        let victim = 3
        let victimItems = manifest.filter { Shard.number(of: $0.sha256, count: 7) == victim }
        var processes: [Int: Process] = [:]
        for index in 0..<7 {
            processes[index] = try Self.start(shardArgs, environment: Self.environment(shard: index), logs: "\(dir)/shard-\(index)")
        }
        let victimReport = out + "/_reports/shard-0003-of-0007.json"
        var seen = 0
        while processes[victim]!.isRunning {
            seen = (try? ShardReport.read(victimReport))?.entries.count ?? 0
            if seen >= max(1, victimItems.count / 3) { break }
            usleep(10_000)
        }
        kill(processes[victim]!.processIdentifier, SIGKILL)
        processes[victim]!.waitUntilExit()
        #expect(processes[victim]!.terminationReason == .uncaughtSignal && processes[victim]!.terminationStatus == SIGKILL,
                "shard 3 finished (\(victimItems.count) items) before it could be killed")
        #expect((try? ShardReport.read(victimReport))?.complete == false)
        for index in 0..<7 where index != victim {
            processes[index]!.waitUntilExit()
            let hasCorrupt = manifest.contains { corrupt.contains($0.path) && Shard.number(of: $0.sha256, count: 7) == index }
            #expect(processes[index]!.terminationStatus == (hasCorrupt ? 1 : 0), "shard \(index)")
        }

        // The rerun of the killed shard does only the missing work, and rewrites nothing.
        let before = try Self.outputs(out)
        let victimDone = victimItems.filter { before[stem($0)] != nil }.count
        #expect(victimDone >= seen - victimItems.filter { corrupt.contains($0.path) }.count && victimDone < victimItems.count)
        let rerunStatus = try Self.runShard(shardArgs, environment: Self.environment(shard: victim), logs: "\(dir)/rerun")
        #expect(rerunStatus == (victimItems.contains { corrupt.contains($0.path) } ? 1 : 0))
        let rerun = try ShardReport.read(victimReport)
        #expect(rerun.complete && rerun.counts.skipped == victimDone)
        #expect(rerun.counts.written == victimItems.count - victimDone - victimItems.filter { corrupt.contains($0.path) }.count)
        let after = try Self.outputs(out)
        for (name, inode) in before { #expect(after[name] == inode, "\(name) was written again") }

        // Another shard count afterwards: everything valid is skipped, the corrupt files fail again with exit 1.
        for index in 0..<3 {
            let status = try Self.runShard(["normalize", "--manifest", dir + "/plan.jsonl", "-o", out, "--shard", "\(index)/3"],
                                           environment: [:], logs: "\(dir)/n3-\(index)")
            let report = try ShardReport.read(out + "/_reports/shard-\(String(format: "%04d", index))-of-0003.json")
            #expect(report.counts.written == 0 && report.counts.skipped == report.planned - report.counts.badInput)
            #expect(status == (report.counts.badInput > 0 ? 1 : 0))
        }
        #expect(try Self.outputs(out) == after)

        // Every valid input has exactly one output; the merged report is the ground truth.
        #expect(Set(after.keys) == Set(valid.map(stem)))
        let merge = try CommandRunner.run(["report", "merge", out + "/_reports", "-o", dir + "/summary.json", "--failed-manifest", dir + "/retry.jsonl"])
        #expect(merge.status == 0, "\(merge.stderr)")
        let summary = try JSONDecoder().decode(ReportSummary.self, from: Data(contentsOf: URL(fileURLWithPath: dir + "/summary.json")))
        #expect(summary.reports == 10 && summary.incompleteReports == 0)
        #expect(summary.items == Self.count && summary.done == valid.count && summary.outputs == valid.count)
        // The killed run's report is replaced by its rerun's, which counts the killed run's writes as skips.
        #expect(summary.writes + victimDone == valid.count, "an output was written twice (or a write went unreported)")
        #expect(summary.badInput == corrupt.count && summary.transient == 0 && summary.exitStatus == 1)
        let retry = try Manifest.read(dir + "/retry.jsonl")
        #expect(Set(retry.map(\.path)) == corrupt)
        // The retry manifest is a manifest: rerunning it fails the same files as bad input, exit 1.
        let again = try CommandRunner.run(["normalize", "--manifest", dir + "/retry.jsonl", "-o", out, "--report", dir + "/retry-report.json"])
        let retried = try ShardReport.read(dir + "/retry-report.json")
        #expect(again.status == 1 && retried.counts.badInput == corrupt.count)
    }

    @Test func aFullDiskIsTransientExit75AndTheRetryFinishes() throws {
        let dir = try CommandRunner.temporaryDirectory()
        let items = try Array(ShardRunnerInputs.make(dir + "/in", count: 4))
        try Manifest.write(items, to: dir + "/plan.jsonl")
        // A file size limit of 8 KiB (RLIMIT_FSIZE, with SIGXFSZ ignored so write(2) fails with EFBIG): the
        // outputs cannot be written, as on a full volume or an exhausted quota. Real and deterministic, root or not.
        let limited = "trap '' XFSZ; ulimit -f 8; exec \"$0\" \"$@\""
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = ["-c", limited, CommandRunner.executablePath, "normalize", "--manifest", dir + "/plan.jsonl", "-o", dir + "/out",
                             "--report", dir + "/report.json"]
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 75)
        let report = try ShardReport.read(dir + "/report.json")
        #expect(report.counts.transient == 4 && report.exitStatus == 75)
        #expect(report.entries.allSatisfy { $0.error?.contains("File too large") == true })
        #expect(try Self.outputs(dir + "/out").isEmpty)
        // The engine retries: the same command without the limit does the work.
        let retry = try CommandRunner.run(["normalize", "--manifest", dir + "/plan.jsonl", "-o", dir + "/out", "--report", dir + "/report.json"])
        #expect(retry.status == 0, "\(retry.stderr)")
        #expect(try ShardReport.read(dir + "/report.json").counts.written == 4 && (try Self.outputs(dir + "/out")).count == 4)
    }
}

/// Small planned inputs whose outputs are larger than 8 KiB (1024×1024 JPEG of noise-like gradients).
enum ShardRunnerInputs {
    static func make(_ folder: String, count: Int) throws -> [ManifestItem] {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        for i in 0..<count {
            let image = Image(width: 64, height: 64, layout: .rgb) { d in
                for o in 0..<d.count { d[o] = UInt8(truncatingIfNeeded: (o &* 2_654_435_761 &+ i) >> 7) }
            }
            try Data(try ImageEncoder.encode(image, as: .png())).write(to: URL(fileURLWithPath: "\(folder)/\(i).png"))
        }
        return try ManifestPlanner(options: JobOptions(["size": "1:1", "format": "jpeg", "quality": "90"]), maxBytes: 1 << 20) { _ in true }
            .plan([folder])
    }
}
