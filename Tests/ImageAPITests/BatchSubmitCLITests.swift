#if canImport(Glibc)
import Glibc
#endif
import Foundation
import ImageAPI
import ImagePrepTestSupport
import Testing

/// `imageprep submit --batch` against `imageprep sandbox` run as a separate process with faults (20 % 503,
/// 5 % dropped responses, bursts of 429), 300 bundles, `--concurrency 16`, killed with SIGKILL mid-way, then
/// resumed by `tasks wait --all` and by rerunning the same batch. The sandbox's own state must show 300 tasks,
/// one per bundle; every result must be saved; the summaries must add up.
@Suite(.serialized) struct BatchSubmitCLITests {
    static let bundles = 300
    /// Generous limit for each run under a loaded CI machine; the runs take seconds when idle.
    static let patience: Duration = .seconds(300)

    struct Summary: Decodable {
        struct Item: Decodable {
            var key: String
            var source: String
            var state: String
            var skipped: Bool
            var task_id: String?
            var saved_paths: [String]
        }
        var total, done, failed, open, skipped, created, reconciled, throttles: Int
        var items: [Item]
    }

    /// The sandbox's own record of what it created (`--data DIR/state.json`).
    struct SandboxState: Decodable {
        struct Task: Decodable {
            var prompt: String
            var idempotencyKey: String?
        }
        var tasks: [String: Task]
        var nextTaskSequence: Int
    }

    static func sandboxState(_ dir: String) -> SandboxState? {
        guard let data = FileManager.default.contents(atPath: dir + "/state.json") else { return nil }
        return try? JSONDecoder().decode(SandboxState.self, from: data)
    }

    /// Polls `condition` every 20 ms until it holds; false after `patience`.
    static func eventually(_ condition: () throws -> Bool) async throws -> Bool {
        let deadline = ContinuousClock.now + patience
        while ContinuousClock.now < deadline {
            if try condition() { return true }
            try await Task.sleep(for: .milliseconds(20))
        }
        return false
    }

    /// Runs `imageprep` to its end (killed after `patience`) and decodes its `--json` summary.
    static func runToEnd(_ arguments: [String], environment: [String: String], dir: String, name: String) async throws -> (Int32, Summary?) {
        let process = try SandboxCLITests.launch(arguments, environment: environment, dir: dir, name: name)
        let ended = try await eventually { !process.isRunning }
        if !ended { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        let stdout = FileManager.default.contents(atPath: "\(dir)/\(name).out") ?? Data()
        let stderr = String(decoding: FileManager.default.contents(atPath: "\(dir)/\(name).err") ?? Data(), as: UTF8.self)
        if process.terminationStatus != 0 { Issue.record("\(name) exited \(process.terminationStatus): \(stderr.suffix(2000))") }
        return (process.terminationStatus, try? JSONDecoder().decode(Summary.self, from: stdout))
    }

    static func writeJobs(_ dir: String, count: Int = bundles) throws -> String {
        // Two tiny distinct inputs; every bundle has its own prompt, so `count` distinct keys.
        try Data(SandboxClientTests.png(width: 8, height: 8, seed: 1)).write(to: URL(fileURLWithPath: dir + "/a.png"))
        try Data(SandboxClientTests.png(width: 8, height: 8, seed: 2)).write(to: URL(fileURLWithPath: dir + "/b.png"))
        let lines = (0..<count).map { #"{"prompt": "batch job \#($0)", "images": ["\#($0 % 2 == 0 ? "a" : "b").png"]}"# }
        let path = dir + "/jobs.jsonl"
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test func killedBatchResumesAndCreatesEveryTaskExactlyOnce() async throws {
        let dir = try CommandRunner.temporaryDirectory()
        let jobs = try Self.writeJobs(dir)
        let data = dir + "/sandbox", out = dir + "/out", store = dir + "/tasks.sqlite"
        let sandbox = try SandboxCLITests.launch(["sandbox", "--data", data, "--task-duration", "0.5", "--seed", "15",
                                       "--fail-rate", "0.2", "--fail-status", "503", "--drop-rate", "0.05",
                                       "--throttle-bursts", "100:5", "--max-files", "5000", "--credits", "100000"],
                                      environment: [:], dir: dir, name: "sandbox")
        defer { if sandbox.isRunning { kill(sandbox.processIdentifier, SIGKILL) } }
        var baseURL = ""
        #expect(try await Self.eventually {
            let banner = String(decoding: FileManager.default.contents(atPath: dir + "/sandbox.out") ?? Data(), as: UTF8.self)
            baseURL = banner.split(separator: "\n").first { $0.hasPrefix("IMAGEPREP_BASE_URL=") }.map { String($0.dropFirst(19)) } ?? ""
            return !baseURL.isEmpty
        })
        let env = ["IMAGEPREP_API_KEY": "sk-evo-sandbox", "IMAGEPREP_BASE_URL": baseURL, "IMAGEPREP_FILES_URL": baseURL,
                   "IMAGEPREP_TIME_SCALE": "0.05", "HOME": dir, "XDG_CONFIG_HOME": dir, "XDG_DATA_HOME": dir]
        // Poll timeout 3000 s of client time (150 s real at scale 0.05): generous for a loaded machine.
        let batch = ["submit", "--batch", jobs, "--concurrency", "16", "-o", out, "--store", store, "--timeout", "3000", "--json"]

        // 1. Killed with SIGKILL once the sandbox has created a third of the tasks.
        let first = try SandboxCLITests.launch(batch, environment: env, dir: dir, name: "first")
        #expect(try await Self.eventually { (Self.sandboxState(data)?.tasks.count ?? 0) >= Self.bundles / 3 || !first.isRunning })
        kill(first.processIdentifier, SIGKILL)
        first.waitUntilExit()
        #expect(first.terminationReason == .uncaughtSignal)
        let createdAtKill = Self.sandboxState(data)?.tasks.count ?? 0
        #expect(createdAtKill > 0 && createdAtKill < Self.bundles)

        // 2. `tasks wait --all` finishes what the killed run had recorded, submitting nothing new.
        let (waitStatus, waited) = try await Self.runToEnd(["tasks", "wait", "--all", "--concurrency", "16", "--store", store,
                                                            "--timeout", "3000", "--json"],
                                                           environment: env, dir: dir, name: "wait")
        #expect(waitStatus == 0)
        let resumed = try #require(waited)
        #expect(resumed.failed == 0 && resumed.open == 0 && resumed.done == resumed.total)
        let afterWait = Self.sandboxState(data)?.tasks.count ?? -1
        // Every bundle recorded before the kill has exactly one task now; no unrecorded one has any.
        #expect(try TaskHistory(path: store).batchItems().count == afterWait)
        #expect(afterWait >= createdAtKill)

        // 3. Rerunning the same batch skips what is done (by the killed run or by `tasks wait --all`: every
        //    bundle recorded before the kill, one task each) and submits the rest.
        let (rerunStatus, rerun) = try await Self.runToEnd(batch, environment: env, dir: dir, name: "rerun")
        #expect(rerunStatus == 0)
        let summary = try #require(rerun)
        #expect(summary.total == Self.bundles && summary.done == Self.bundles && summary.failed == 0 && summary.open == 0)
        #expect(summary.skipped == afterWait && summary.skipped >= resumed.done)
        #expect(summary.created == Self.bundles - afterWait)
        // Not a terminal: no progress bar (no carriage returns, no escape sequences) on stderr.
        let rerunErr = String(decoding: FileManager.default.contents(atPath: dir + "/rerun.err") ?? Data(), as: UTF8.self)
        #expect(!rerunErr.contains("\u{1B}[") && !rerunErr.contains("\r"))
        #expect(summary.items.filter(\.skipped).count == summary.skipped)

        // The sandbox's own count: 300 tasks, one per bundle (prompt), each with its own idempotency key.
        kill(sandbox.processIdentifier, SIGTERM)
        sandbox.waitUntilExit()
        let state = try #require(Self.sandboxState(data))
        #expect(state.tasks.count == Self.bundles)
        #expect(state.nextTaskSequence == Self.bundles)
        #expect(Set(state.tasks.values.map(\.prompt)).symmetricDifference((0..<Self.bundles).map { "batch job \($0)" }).isEmpty)
        #expect(Set(state.tasks.values.compactMap(\.idempotencyKey)).count == Self.bundles)

        // Every result saved once, named after its task, as a real image.
        let saved = summary.items.flatMap(\.saved_paths)
        #expect(saved.count == Self.bundles && Set(saved).count == Self.bundles)
        let savedTaskIDs = saved.map { path in String((path as NSString).lastPathComponent.split(separator: ".")[0].dropLast(2)) }
        #expect(Set(savedTaskIDs).symmetricDifference(state.tasks.keys).isEmpty)
        let files = try FileManager.default.contentsOfDirectory(atPath: out).filter { !$0.hasPrefix(".") }
        #expect(files.count == Self.bundles)
        for path in saved {
            let bytes = try #require(FileManager.default.contents(atPath: path), "\(path) missing")
            #expect(bytes.starts(with: [0x89, 0x50, 0x4E, 0x47]) || bytes.starts(with: [0xFF, 0xD8, 0xFF]) || bytes.starts(with: Array("RIFF".utf8)))
        }
    }

    /// `submit --batch --shard` (issue 15): three shards run at once (Kubernetes, AWS Batch and Slurm index
    /// variables, one shared history) submit every bundle exactly once between them, each only its own.
    @Test func threeShardsSubmitEveryBundleOnceBetweenThem() async throws {
        let dir = try CommandRunner.temporaryDirectory()
        let count = 30
        let jobs = try Self.writeJobs(dir, count: count)
        let data = dir + "/sandbox", store = dir + "/tasks.sqlite"
        let sandbox = try SandboxCLITests.launch(["sandbox", "--data", data, "--task-duration", "0.5", "--max-files", "500"],
                                                 environment: [:], dir: dir, name: "sandbox")
        defer { if sandbox.isRunning { kill(sandbox.processIdentifier, SIGKILL) } }
        var baseURL = ""
        #expect(try await Self.eventually {
            let banner = String(decoding: FileManager.default.contents(atPath: dir + "/sandbox.out") ?? Data(), as: UTF8.self)
            baseURL = banner.split(separator: "\n").first { $0.hasPrefix("IMAGEPREP_BASE_URL=") }.map { String($0.dropFirst(19)) } ?? ""
            return !baseURL.isEmpty
        })
        let env = ["IMAGEPREP_API_KEY": "sk-evo-sandbox", "IMAGEPREP_BASE_URL": baseURL, "IMAGEPREP_FILES_URL": baseURL,
                   "IMAGEPREP_TIME_SCALE": "0.05", "HOME": dir, "XDG_CONFIG_HOME": dir, "XDG_DATA_HOME": dir]
        let engines = [["JOB_COMPLETION_INDEX": "0", "IMAGEPREP_SHARDS": "3"],
                       ["AWS_BATCH_JOB_ARRAY_INDEX": "1", "AWS_BATCH_JOB_ARRAY_SIZE": "3"],
                       ["SLURM_ARRAY_TASK_ID": "3", "SLURM_ARRAY_TASK_MIN": "1", "SLURM_ARRAY_TASK_COUNT": "3"]]
        let summaries = try await withThrowingTaskGroup(of: Summary?.self) { group in
            for (index, engine) in engines.enumerated() {
                group.addTask {
                    try await Self.runToEnd(["submit", "--batch", jobs, "--shard", "auto", "-o", dir + "/out", "--store", store,
                                             "--timeout", "3000", "--json"],
                                            environment: env.merging(engine) { _, new in new }, dir: dir, name: "shard\(index)").1
                }
            }
            return try await group.reduce(into: [Summary]()) { if let summary = $1 { $0.append(summary) } }
        }
        #expect(summaries.count == 3)
        let sources = summaries.map { Set($0.items.map(\.source)) }
        #expect(summaries.allSatisfy { $0.total > 0 && $0.done == $0.total && $0.created == $0.total })
        #expect(summaries.map(\.total).reduce(0, +) == count)
        #expect(sources.reduce(Set<String>()) { $0.union($1) }.count == count)

        kill(sandbox.processIdentifier, SIGTERM)
        sandbox.waitUntilExit()
        let state = try #require(Self.sandboxState(data))
        #expect(state.tasks.count == count)
        #expect(Set(state.tasks.values.map(\.prompt)) == Set((0..<count).map { "batch job \($0)" }))

        let withoutBatch = try CommandRunner.run(["submit", "--shard", "0/3", "--prompt", "x"], environment: env)
        #expect(withoutBatch.status == 2 && withoutBatch.stderr.contains("--shard needs --batch"))
    }
}
