import Foundation
import ImageAPI
import ImagePrep
import ImageRules
import ImageCodecs
import ImageCore
import ImageSandbox
import Synchronization
import Testing

/// A real clock (optionally scaled) that records every wait the client asks for.
final class RecordingSleeper: Sleeper {
    private let base: SystemSleeper
    private let log = Mutex<[Duration]>([])
    /// A sandbox clock moved forward by every requested sleep, so waits count in the sandbox's time.
    private let clock: ManualClock?

    init(scale: Double = 1, advancing clock: ManualClock? = nil) {
        base = SystemSleeper(scale: scale)
        self.clock = clock
    }

    var sleeps: [Duration] { log.withLock { $0 } }

    func sleep(for duration: Duration) async throws {
        log.withLock { $0.append(duration) }
        let (seconds, attoseconds) = duration.components
        clock?.advance(by: Double(seconds) + Double(attoseconds) * 1e-18)
        try await base.sleep(for: duration)
    }

    func elapsed() -> Duration { base.elapsed() }
}

/// Client tests over real loopback HTTP against the in-process sandbox.
@Suite(.serialized) struct SandboxClientTests {
    static let key = "sk-evo-SANDBOX-SECRET-7q2w9e"

    /// Starts a sandbox, runs `body` with a runner talking to it, and always shuts the sandbox down.
    static func withSandbox<T>(_ configuration: SandboxConfiguration = SandboxConfiguration(),
                               history: TaskHistory? = nil, sleeper: any Sleeper = SystemSleeper(scale: 0.05),
                               trace: (@Sendable (String) -> Void)? = nil,
                               _ body: (RunningSandbox, TaskRunner) async throws -> T) async throws -> T {
        var configuration = configuration
        configuration.apiKey = key
        let sandbox = try await Sandbox.start(configuration)
        do {
            let client = ImageAPIClient(
                configuration: APIConfiguration(baseURL: sandbox.baseURL, filesURL: sandbox.baseURL, apiKey: APIKey(key)),
                sleeper: sleeper, trace: trace)
            let runner = TaskRunner(client: client, history: try history ?? TaskHistory(path: try Fixture.tempDir() + "/tasks.sqlite"),
                                    checker: BundleRulesChecker(allowInsecureCallbacks: true))
            let result = try await body(sandbox, runner)
            try await sandbox.shutdown()
            return result
        } catch {
            try? await sandbox.shutdown()
            throw error
        }
    }

    static func png(width: Int, height: Int, seed: UInt8 = 0, alpha: (Int, Int) -> UInt8 = { _, _ in 255 }) throws -> [UInt8] {
        var pixels: [UInt8] = []
        pixels.reserveCapacity(width * height * 4)
        for y in 0..<height {
            for x in 0..<width { pixels += [UInt8((x + Int(seed) * 40) % 256), UInt8(y % 256), 200 &- seed, alpha(x, y)] }
        }
        return try ImageEncoder.encode(Image(width: width, height: height, layout: .rgba, pixels: pixels), as: .png())
    }

    static func decoded(_ path: String) throws -> DecodedImage {
        try ImageDecoder.decode(try ImageFile.read(path))
    }

    static func credits(_ sandbox: RunningSandbox) async throws -> [String: Any] {
        let response = try await AsyncHTTPTransport().send(TransportRequest(
            method: "GET", url: sandbox.baseURL + "/v1/credits", headers: ["Authorization": "Bearer \(key)"]))
        return try JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any] ?? [:]
    }

    @Test func textToImage() async throws {
        let out = try Fixture.tempDir()
        try await Self.withSandbox(SandboxConfiguration(taskDuration: 0.5)) { _, runner in
            let (record, saved) = try await runner.run(BundleManifest(prompt: "a lighthouse at dusk", size: "3:2", n: 2), outputDir: out)
            let taskID = try #require(record.taskID)
            #expect(record.status == "completed")
            #expect(saved.map(\.path) == ["\(out)/\(taskID)-1.png", "\(out)/\(taskID)-2.png"])
            for path in saved.compactMap(\.path) {
                let image = try Self.decoded(path)
                #expect(image.image.width == 1536 && image.image.height == 1024)
            }
        }
    }

    @Test func fiveReferenceImageToImage() async throws {
        let dir = try Fixture.tempDir()
        let refs = try (0..<5).map { i in try Fixture.write(try Self.png(width: 96, height: 64, seed: UInt8(i)), "\(dir)/ref\(i).png") }
        try await Self.withSandbox(SandboxConfiguration(taskDuration: 0.5)) { _, runner in
            let (record, saved) = try await runner.run(BundleManifest(prompt: "blend these", images: refs.map { .file($0) }),
                                                       outputDir: dir + "/out")
            #expect(record.request.imageURLs?.count == 5)
            #expect(record.request.imageURLs?.allSatisfy { $0.hasPrefix(runner.client.configuration.filesURL) } == true)
            #expect(saved.count == 1)
            _ = try Self.decoded(try #require(saved.first?.path))
        }
    }

    @Test func maskedEditChangesOnlyTheMaskedHalf() async throws {
        let dir = try Fixture.tempDir()
        let photo = try Fixture.write(try Self.png(width: 128, height: 128), dir + "/photo.png")
        // Transparent (alpha 0) = edit: the left half.
        let mask = try Fixture.write(try Self.png(width: 128, height: 128) { x, _ in x < 64 ? 0 : 255 }, dir + "/mask.png")
        try await Self.withSandbox(SandboxConfiguration(taskDuration: 0.5)) { _, runner in
            let (record, saved) = try await runner.run(
                BundleManifest(prompt: "paint the left half", images: [.file(photo)], mask: .file(mask)), outputDir: dir + "/out")
            #expect(record.request.maskURL != nil)
            let result = try Self.decoded(try #require(saved.first?.path)).image.converted(to: .rgba)
            #expect(result.width == 1024 && result.height == 1024)
            // The sandbox scales the reference to the result size; an edit inverts/tints only the masked side.
            let original = try Self.decoded(photo).image.converted(to: .rgba)
            func pixel(_ image: Image, _ x: Int, _ y: Int) -> [UInt8] {
                let i = y * image.rowStride + x * 4
                return Array(image.pixels[i..<(i + 3)])
            }
            // Opaque mask (right half): the scaled reference, unchanged. Transparent (left half): inverted.
            #expect(pixel(result, 960, 512) == pixel(original, 120, 64))
            #expect(pixel(result, 64, 512) == pixel(original, 8, 64).map { 255 - $0 })
        }
    }

    @Test func rateLimitRetryAfterIsHonoured() async throws {
        // The sandbox's clock moves only when the client waits: every request before a wait falls in one
        // rate-limit window however slow the machine, and each wait opens the next window.
        let clock = ManualClock()
        let sleeper = RecordingSleeper(scale: 0.05, advancing: clock)
        let lines = LinesBox()
        try await Self.withSandbox(SandboxConfiguration(taskDuration: 30, faults: .init(rateLimit: 1), clock: .manual(clock)), sleeper: sleeper,
                                   trace: { lines.append($0) }) { _, runner in
            let record = try await runner.submit(BundleManifest(prompt: "x"))
            for _ in 0..<3 { _ = try await runner.client.task(id: try #require(record.taskID)) }
        }
        let statuses = lines.all.filter { $0.hasPrefix("← ") }.map { $0.split(separator: " ")[1] }
        #expect(statuses.contains("429"))
        #expect(statuses.filter { $0 == "200" }.count == 4)
        #expect(!sleeper.sleeps.isEmpty)
        #expect(sleeper.sleeps.allSatisfy { $0 >= .seconds(1) })
    }

    @Test func serviceUnavailableRetryAfterIsHonoured() async throws {
        let sleeper = RecordingSleeper(scale: 0.02)
        let lines = LinesBox()
        var faults = SandboxConfiguration.Faults(seed: 7, failRate: 0.6)
        faults.seed = 7
        try await Self.withSandbox(SandboxConfiguration(taskDuration: 30, faults: faults), sleeper: sleeper,
                                   trace: { lines.append($0) }) { _, runner in
            var client = runner.client
            client.retryPolicy = RetryPolicy(maxAttempts: 12)
            let task = try await client.createTask(GenerationRequest(prompt: "x"), idempotencyKey: TaskRunner.newIdempotencyKey())
            for _ in 0..<6 { _ = try await client.task(id: task.id) }
        }
        // Pair each error answer with the wait that followed it.
        var waits: [(String, Duration)] = []
        var pending: String?
        var sleepIndex = 0
        for line in lines.all {
            if line.hasPrefix("← 5") { pending = String(line.split(separator: " ")[1]) }
            if line.hasPrefix("… retrying"), let status = pending {
                waits.append((status, sleeper.sleeps[sleepIndex]))
                pending = nil
            }
            if line.hasPrefix("… retrying") { sleepIndex += 1 }
        }
        #expect(waits.contains { $0.0 == "503" })
        #expect(waits.filter { $0.0 == "503" }.allSatisfy { $0.1 >= .seconds(1) })
    }

    @Test func droppedCreateIsNotResentAndReconcilesToTheSameTask() async throws {
        let data = try Fixture.tempDir()
        let history = try TaskHistory(path: try Fixture.tempDir() + "/tasks.sqlite")
        // Every API response is cut off mid-body: the create IS handled, the client never sees the answer.
        let dropping = SandboxConfiguration(dataDirectory: data, taskDuration: 0.5, faults: .init(dropRate: 1))
        let localID = try await Self.withSandbox(dropping, history: history) { _, runner in
            let error = try await #require(throws: ClientError.self) { try await runner.submit(BundleManifest(prompt: "once only")) }
            #expect(error.kind == .unknownOutcome)
            return try #require(error.localID)
        }
        let record = try #require(try history.find(String(localID)))
        #expect(record.status == TaskRecord.unknown)

        // The same state, no faults: `tasks wait` resends with the same key and gets the original task.
        try await Self.withSandbox(SandboxConfiguration(dataDirectory: data, taskDuration: 0.5), history: history) { sandbox, runner in
            let done = try await runner.wait(record)
            #expect(done.status == "completed")
            let credits = try await Self.credits(sandbox)
            #expect(credits["used_credits"] as? Double == 1.5)      // one task charged, not two
            #expect(credits["reserved_credits"] as? Double == 0)
        }
    }
}
