import Foundation
import ImageCodecs
import ImageCore
import ImageAPI
import ImagePrep
import ImageRules
import Synchronization
import Testing

/// A fake API server in one closure: uploads, creates (idempotent by key), task reads and result files.
final class FakeAPI: Sendable {
    struct State {
        var creates: [String] = []            // idempotency keys received
        var tasks: [String: String] = [:]     // key → task id
    }

    final class Core: Sendable {
        let state = Mutex(State())
        let failCreateWith: TransportError?
        let finalStatus: @Sendable (Int) -> String
        let resultBody: [UInt8]

        init(failCreateWith: TransportError?, finalStatus: @escaping @Sendable (Int) -> String, resultBody: [UInt8]) {
            self.failCreateWith = failCreateWith
            self.finalStatus = finalStatus
            self.resultBody = resultBody
        }

        func handle(_ request: TransportRequest) throws -> TransportResponse {
            let path = Fixture.path(of: request)
            if path.hasPrefix("/api/v1/files/upload/") {
                return Fixture.uploaded("https://files.test.example/u/\(UUID().uuidString).png")
            }
            if path == "/v1/images/generations" {
                let key = request.header("Idempotency-Key") ?? ""
                let (id, count) = state.withLock { s -> (String, Int) in
                    s.creates.append(key)
                    if s.tasks[key] == nil { s.tasks[key] = "task-unified-1757156493-\(String(format: "%08d", s.tasks.count))" }
                    return (s.tasks[key]!, s.creates.count)
                }
                if count == 1, let failCreateWith { throw failCreateWith }
                return Fixture.task(id, status: "pending")
            }
            if path.hasPrefix("/v1/tasks/") {
                let id = String(path.dropFirst("/v1/tasks/".count))
                let ordinal = state.withLock { s in s.tasks.values.sorted().firstIndex(of: id) ?? 0 }
                let status = finalStatus(ordinal)
                return status == "completed"
                    ? Fixture.task(id, status: status, progress: 100,
                                   results: ["https://cdn.test.example/\(id)/0.png", "https://cdn.test.example/\(id)/1.png"])
                    : Fixture.task(id, status: status, progress: 100, error: "service_error")
            }
            if request.url.hasPrefix("https://cdn.test.example/") {
                return TransportResponse(status: 200, body: resultBody)
            }
            return Fixture.json(404, #"{"error":{"code":404,"message":"no route"}}"#)
        }
    }

    let core: Core
    let transport: InMemoryTransport

    init(failCreateWith: TransportError? = nil, resultBody: [UInt8] = Fixture.pngLike,
         finalStatus: @escaping @Sendable (Int) -> String = { _ in "completed" }) {
        let core = Core(failCreateWith: failCreateWith, finalStatus: finalStatus, resultBody: resultBody)
        self.core = core
        self.transport = InMemoryTransport { request, _ in try core.handle(request) }
    }

    var creates: [String] { core.state.withLock { $0.creates } }
    var taskCount: Int { core.state.withLock { $0.tasks.count } }
}

@Suite struct TaskRunnerTests {
    static func runner(_ api: FakeAPI, history: TaskHistory) -> TaskRunner {
        // The fixtures' image bytes are signatures only, so the bundle rules (which read headers) are off
        // here; the rule tests below turn them on.
        TaskRunner(client: Fixture.client(api.transport), history: history, checker: NoSubmissionChecks(),
                   inspector: .signature)
    }

    static func history() throws -> TaskHistory { try TaskHistory(path: try Fixture.tempDir() + "/tasks.sqlite") }

    @Test func runUploadsSubmitsWaitsAndDownloads() async throws {
        let dir = try Fixture.tempDir()
        let photo = try Fixture.write(Fixture.jpegLike, dir + "/photo.jpg")
        let mask = try Fixture.write(Fixture.pngLike, dir + "/mask.png")
        let api = FakeAPI()
        let history = try Self.history()
        let (record, saved) = try await Self.runner(api, history: history).run(
            BundleManifest(prompt: "paint it blue", images: [.file(photo)], mask: .file(mask), size: "1:1"), outputDir: dir + "/out")
        let taskID = try #require(record.taskID)
        #expect(record.status == "completed")
        #expect(saved.map(\.path) == ["\(dir)/out/\(taskID)-1.png", "\(dir)/out/\(taskID)-2.png"])
        #expect(record.savedPaths == saved.compactMap(\.path))
        #expect(try Data(contentsOf: URL(fileURLWithPath: saved[0].path!)) == Data(Fixture.pngLike))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir + "/out").count == 2)   // no temp files left

        let create = try #require(api.transport.requests.first { Fixture.path(of: $0) == "/v1/images/generations" })
        let json = try Fixture.bodyJSON(create)
        #expect((json["image_urls"] as? [String])?.count == 1)
        #expect((json["mask_url"] as? String)?.hasPrefix("https://files.test.example/u/") == true)
        #expect(json["size"] as? String == "1:1")
        #expect(create.header("Idempotency-Key") == record.idempotencyKey)
        #expect(try history.find(taskID)?.status == "completed")
    }

    @Test func ruleFailureSendsNothing() async throws {
        let api = FakeAPI()
        var runner = Self.runner(api, history: try Self.history())
        runner.checker = BundleRulesChecker()
        let images = (0..<6).map { BundleInput.url("https://cdn.example.com/\($0).png") }
        let error = try await #require(throws: ClientError.self) {
            try await runner.submit(BundleManifest(prompt: "", images: images, mask: .url("https://cdn.example.com/m.png"),
                                               size: "999x1", n: 3))
        }
        #expect(error.kind == .rulesFailed)
        #expect(error.issues.contains { $0.option == "n" })
        #expect(error.issues.contains { $0.rule.hasPrefix("size.") })
        #expect(error.issues.contains { $0.rule.hasPrefix("prompt.") })
        #expect(api.transport.requests.isEmpty)
    }

    @Test func checkerSeamRunsBeforeAnythingIsSent() async throws {
        struct Refuse: SubmissionChecker {
            func issues(for bundle: BundleManifest) -> [RuleIssue] {
                [RuleIssue(rule: "bundle.masked", severity: .error, message: "expected a masked bundle, got none")]
            }
        }
        let api = FakeAPI()
        var runner = Self.runner(api, history: try Self.history())
        runner.checker = Refuse()
        let error = try await #require(throws: ClientError.self) { try await runner.submit(BundleManifest(prompt: "x")) }
        #expect(error.issues.map(\.message) == ["expected a masked bundle, got none"])
        #expect(api.transport.requests.isEmpty)
    }

    @Test(arguments: ["https://10.0.0.1/cb", "http://hooks.example.com/cb", "https://localhost/cb"])
    func invalidCallbackSendsNothing(url: String) async throws {
        let api = FakeAPI()
        var runner = Self.runner(api, history: try Self.history())
        runner.checker = BundleRulesChecker()
        let error = try await #require(throws: ClientError.self) {
            try await runner.submit(BundleManifest(prompt: "x", callbackURL: url))
        }
        #expect(error.issues.contains { $0.rule.hasPrefix("callback.") })
        #expect(api.transport.requests.isEmpty)
        runner.checker = BundleRulesChecker(allowInsecureCallbacks: true)
        if url.hasPrefix("https://10.") || url.hasPrefix("https://localhost") {
            _ = try await runner.submit(BundleManifest(prompt: "x", callbackURL: url))
            #expect(api.creates.count == 1)
        }
    }

    @Test func unknownOutcomeIsRecordedNotResentThenReconciledWithSameKey() async throws {
        let api = FakeAPI(failCreateWith: TransportError(.connectionLost, mayHaveBeenDelivered: true))
        let history = try Self.history()
        let runner = Self.runner(api, history: history)
        let error = try await #require(throws: ClientError.self) { try await runner.submit(BundleManifest(prompt: "x")) }
        #expect(error.kind == .unknownOutcome)
        #expect(api.creates.count == 1)
        let localID = try #require(error.localID)
        let pending = try #require(try history.find(String(localID)))
        #expect(pending.status == TaskRecord.unknown)
        #expect(pending.taskID == nil)
        #expect(pending.needsReconcile)

        let done = try await runner.wait(pending)
        #expect(api.creates == [pending.idempotencyKey, pending.idempotencyKey])
        #expect(done.status == "completed")
        #expect(done.taskID != nil)
        #expect(api.taskCount == 1)
    }

    @Test func recordIsWrittenBeforeCreateIsSent() async throws {
        let history = try Self.history()
        let seenBeforeSend = Mutex<TaskRecord?>(nil)
        let transport = InMemoryTransport { request, _ in
            let key = try #require(request.header("Idempotency-Key"))
            seenBeforeSend.withLock { $0 = try? history.find(key) }
            return Fixture.task(status: "pending")
        }
        let runner = TaskRunner(client: Fixture.client(transport), history: history)
        _ = try await runner.submit(BundleManifest(prompt: "x"))
        let early = try #require(seenBeforeSend.withLock { $0 })
        #expect(early.status == TaskRecord.sending)
    }

    @Test func rejectedCreateIsRecorded() async throws {
        let history = try Self.history()
        let transport = InMemoryTransport { _, _ in
            Fixture.json(402, #"{"error":{"code":402,"message":"Insufficient quota","type":"insufficient_quota_error"}}"#)
        }
        let error = try await #require(throws: APIError.self) {
            try await TaskRunner(client: Fixture.client(transport), history: history).submit(BundleManifest(prompt: "x"))
        }
        #expect(error.kind == .insufficientQuota)
        let record = try #require(try history.list().first)
        #expect(record.status == TaskRecord.rejected)
        #expect(record.error?.contains("Insufficient quota") == true)
    }

    @Test func retryFailedResubmitsARetryableFailureOnce() async throws {
        let api = FakeAPI(finalStatus: { $0 == 0 ? "failed" : "completed" })
        let history = try Self.history()
        let dir = try Fixture.tempDir()
        let (record, saved) = try await Self.runner(api, history: history).run(
            BundleManifest(prompt: "x"), outputDir: dir, retryFailed: true)
        #expect(api.creates.count == 2)
        #expect(Set(api.creates).count == 2)
        #expect(record.status == "completed")
        #expect(record.retryOf != nil)
        #expect(saved.count == 2)
        let first = try #require(try history.find(String(record.retryOf!)))
        #expect(first.status == "failed")
        #expect(first.errorCode == "service_error")
    }

    @Test func failureWithoutRetryFlagIsReported() async throws {
        let api = FakeAPI(finalStatus: { _ in "failed" })
        let error = try await #require(throws: ClientError.self) {
            try await Self.runner(api, history: try Self.history()).run(BundleManifest(prompt: "x"), outputDir: try Fixture.tempDir())
        }
        #expect(error.kind == .taskFailed)
        #expect(error.code == "service_error")
        #expect(error.isRetryableFailure)
        #expect(api.creates.count == 1)
    }

    @Test func invalidResultIsRetriedThenReportedPerFile() async throws {
        let api = FakeAPI(resultBody: Array("<html>expired</html>".utf8))
        let dir = try Fixture.tempDir()
        let history = try Self.history()
        let runner = Self.runner(api, history: history)
        let record = try await runner.wait(try await runner.submit(BundleManifest(prompt: "x")))
        let (updated, saved) = try await runner.download(record, to: dir)
        #expect(saved.count == 2)
        #expect(saved.allSatisfy { $0.path == nil && $0.failure != nil })
        #expect(updated.savedPaths.isEmpty)
        #expect(updated.error?.contains("result 1") == true)
        let downloads = api.transport.requests.filter { $0.url.hasPrefix("https://cdn.test.example/") }
        #expect(downloads.count == 6)   // 3 attempts per file
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).isEmpty)
    }

    @Test func headerInspectorRejectsNonImages() throws {
        #expect(throws: (any Error).self) { _ = try ResultInspector.header.inspect(Array("GIF89a....".utf8), "r") }
        #expect(throws: (any Error).self) { _ = try ResultInspector.signature.inspect([], "r") }
        #expect(try ResultInspector.signature.inspect(Fixture.jpegLike, "r") == .jpeg)
    }
}

@Suite struct RealImageRunnerTests {
    static func png(width: Int, height: Int, alpha: UInt8 = 255) throws -> [UInt8] {
        var pixels: [UInt8] = []
        for y in 0..<height {
            for x in 0..<width { pixels += [UInt8(x % 256), UInt8(y % 256), 90, alpha] }
        }
        return try ImageEncoder.encode(Image(width: width, height: height, layout: .rgba, pixels: pixels), as: .png())
    }

    @Test func realImagesPassTheRulesAndResultsPassTheHeaderCheck() async throws {
        let dir = try Fixture.tempDir()
        let photo = try Fixture.write(try Self.png(width: 64, height: 64), dir + "/photo.png")
        let result = try Self.png(width: 32, height: 48)
        let api = FakeAPI(resultBody: result)
        let runner = TaskRunner(client: Fixture.client(api.transport), history: try TaskRunnerTests.history())
        let (record, saved) = try await runner.run(BundleManifest(prompt: "make it blue", images: [.file(photo)]),
                                                   outputDir: dir + "/out")
        #expect(record.status == "completed")
        let path = try #require(saved.first?.path)
        let info = try ImageDecoder.info(try ImageFile.read(path))
        #expect(info.format == .png)
        #expect(info.width == 32 && info.height == 48)
    }
}
