import Foundation
import ImageBatch
import ImagePrep
import ImagePrepTestSupport
import Testing

/// The runner with the real normalize work, in process: skip-on-rerun, hash checks, duplicates, merge.
@Suite struct ShardRunnerTests {
    static let options = JobOptions(["size": "1:1", "format": "png"])

    /// `count` distinct small PNGs in `folder`, planned.
    static func plan(_ folder: String, count: Int) throws -> [ManifestItem] {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        for i in 0..<count {
            let image = Image(width: 16, height: 16, layout: .rgb, filledWith: UInt8(i * 7 % 256))
            try Data(try ImageEncoder.encode(image, as: .png())).write(to: URL(fileURLWithPath: "\(folder)/\(i).png"))
        }
        return try ManifestPlanner(options: options, maxBytes: 1 << 20) { $0.hasSuffix(".png") }.plan([folder])
    }

    static func work() -> ShardRunner.Work {
        var normalize = NormalizeOptions()
        normalize.size = TargetSize(parsing: "1:1")!
        normalize.format = .png
        return ShardWork.normalize(normalize)
    }

    @Test func rerunSkipsWhatIsDoneAndMergeCountsEachItemOnce() async throws {
        let dir = try CommandRunner.temporaryDirectory()
        let items = try Self.plan(dir + "/in", count: 6)
        #expect(items.count == 6 && Set(items.map(\.sha256)).count == 6)
        var reports: [ShardReport] = []
        for index in 0..<2 {
            let runner = try ShardRunner(manifest: items, shard: try Shard(index: index, count: 2), outputFolder: dir + "/out", layout: .hashed,
                                         kind: ShardWork.normalizeOutput, maxInputBytes: 1 << 20)
            let report = try await runner.run(jobs: 2, work: Self.work())
            #expect(report.complete && report.counts.written == runner.items.count && report.exitStatus == 0)
            reports.append(report)
        }
        let outputs = try FileManager.default.contentsOfDirectory(atPath: dir + "/out").filter { $0.hasSuffix(".png") }
        #expect(outputs.count == 6)
        // A rerun with another shard count finds every output and writes nothing.
        let again = try ShardRunner(manifest: items, shard: nil, outputFolder: dir + "/out", layout: .hashed, kind: ShardWork.normalizeOutput,
                                    maxInputBytes: 1 << 20)
        let rerun = try await again.run(jobs: 1, work: Self.work())
        #expect(rerun.counts.skipped == 6 && rerun.counts.written == 0)
        let onDisk = try ShardReport.read(dir + "/out/_reports/all.json")
        #expect(onDisk == rerun)
        let (summary, retry) = ReportSummary.merge(reports + [rerun])
        #expect(summary.items == 6 && summary.done == 6 && summary.writes == 6 && summary.skips == 6 && summary.outputs == 6)
        #expect(retry.isEmpty && summary.exitStatus == 0)
    }

    @Test func mirrorLayoutNeedsAReportEntryAndAChangedFileIsBadInput() async throws {
        let dir = try CommandRunner.temporaryDirectory()
        var items = try Self.plan(dir + "/in", count: 3)
        let runner = try ShardRunner(manifest: items, shard: nil, outputFolder: dir + "/out", layout: .mirror, kind: ShardWork.normalizeOutput,
                                     maxInputBytes: 1 << 20)
        #expect(try await runner.run(jobs: 1, work: Self.work()).counts.written == 3)
        #expect(FileManager.default.fileExists(atPath: dir + "/out/0.png"))
        // Without the report, an output under a mirrored name proves nothing: it is made again.
        try FileManager.default.removeItem(atPath: dir + "/out/_reports")
        #expect(try await runner.run(jobs: 1, work: Self.work()).counts.written == 3)
        #expect(try await runner.run(jobs: 1, work: Self.work()).counts.skipped == 3)
        // A file that no longer has its planned content fails as bad input, naming the file.
        items[0].sha256 = ContentHash.sha256("something else")
        let changed = try ShardRunner(manifest: items, shard: nil, outputFolder: dir + "/out2", layout: .hashed, kind: ShardWork.normalizeOutput,
                                      maxInputBytes: 1 << 20)
        let report = try await changed.run(jobs: 1, work: Self.work())
        let failed = try #require(report.entries.first { $0.status == .failed })
        #expect(failed.failure == .badInput && failed.error?.contains("changed since it was planned") == true && report.exitStatus == 1)
    }

    @Test func equalContentSharesOneOutput() async throws {
        let dir = try CommandRunner.temporaryDirectory()
        _ = try Self.plan(dir + "/in", count: 1)
        try FileManager.default.copyItem(atPath: dir + "/in/0.png", toPath: dir + "/in/copy.png")
        let items = try ManifestPlanner(options: Self.options, maxBytes: 1 << 20) { $0.hasSuffix(".png") }.plan([dir + "/in"])
        let runner = try ShardRunner(manifest: items, shard: nil, outputFolder: dir + "/out", layout: .hashed, kind: ShardWork.normalizeOutput,
                                     maxInputBytes: 1 << 20)
        let report = try await runner.run(jobs: 2, work: Self.work())
        #expect(report.counts.written == 1 && report.counts.skipped == 1)
        #expect(Set(report.entries.compactMap(\.output)).count == 1)
    }
}
