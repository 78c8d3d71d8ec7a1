import Foundation
import ImageAPI
import ImageRules
import Synchronization
import Testing

/// `BatchSubmitter` over the in-memory fake API: a lost create answer is resent with its own key (one task),
/// a bad bundle fails alone, a duplicate is followed once, and a rerun sends nothing for what is done.
@Suite struct BatchSubmitterTests {
    @Test func aLostCreateIsResentWithItsKeyAndARerunSkipsWhatIsDone() async throws {
        let api = FakeAPI(failCreateWith: TransportError(.connectionLost, mayHaveBeenDelivered: true))
        let history = try TaskRunnerTests.history()
        let out = try Fixture.tempDir()
        let jobs = [BatchJob(source: "j:1", bundle: BundleManifest(prompt: "one")),
                    BatchJob(source: "j:2", bundle: BundleManifest(prompt: nil)),
                    BatchJob(source: "j:3", bundle: BundleManifest(prompt: "three")),
                    BatchJob(source: "j:4", bundle: BundleManifest(prompt: "one"))]  // the same request as j:1
        let last = Mutex<BatchProgress?>(nil)
        let submitter = BatchSubmitter(runner: TaskRunnerTests.runner(api, history: history),
                                       options: BatchOptions(concurrency: 2, outputDir: out)) { progress in
            last.withLock { $0 = progress }
        }
        let first = try await submitter.run(jobs)
        #expect(first.total == 3 && first.duplicates == 1)
        #expect(first.done == 2 && first.failed == 1 && first.open == 0 && first.skipped == 0)
        #expect(first.created == 2 && first.reconciled == 1)
        #expect(api.taskCount == 2)
        #expect(api.creates.count == 3 && Set(api.creates).count == 2)  // the lost create, its resend (same key), the other
        #expect(last.withLock { $0 } == BatchProgress(total: 3, done: 2, failed: 1, running: 0))
        let bad = try #require(first.items.first { $0.source == "j:2" })
        #expect(bad.state == "failed" && bad.error?.contains("prompt") == true && bad.taskID == nil)
        for item in first.items where item.state == "done" {
            #expect(item.savedPaths.count == 2)
            #expect(item.savedPaths.allSatisfy { FileManager.default.fileExists(atPath: $0) && $0.hasPrefix(out + "/") })
        }
        #expect(try history.batchItems().map(\.state).sorted { $0.rawValue < $1.rawValue } == [.done, .done, .failed])

        let again = try await BatchSubmitter(runner: TaskRunnerTests.runner(api, history: history),
                                             options: BatchOptions(concurrency: 2, outputDir: out)).run(jobs)
        #expect(again.skipped == 2 && again.done == 2 && again.failed == 1 && again.created == 0 && again.polls == 0)
        #expect(api.creates.count == 3 && api.taskCount == 2)
    }
}
