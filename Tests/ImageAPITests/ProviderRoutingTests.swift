import Foundation
import ImageAPI
import ImagePrepTestSupport
import ImageRules
import ImageSandbox
import Synchronization
import Testing

/// Three in-process sandboxes on loopback ports, at three prices, as three providers: routing, health,
/// fail-over without a second task, the journal, balance and cost checks, and the keys in no output.
@Suite(.serialized) struct ProviderRoutingTests {
    /// A clock the tests move by hand (cooldowns without sleeps).
    final class TestClock: Sendable {
        private let time = Mutex(Date(timeIntervalSince1970: 1_800_000_000))
        var now: Date { time.withLock { $0 } }
        func advance(_ seconds: Double) { time.withLock { $0 = $0.addingTimeInterval(seconds) } }
    }

    /// Trace lines collected from every client.
    final class Lines: Sendable {
        private let lines = Mutex<[String]>([])
        func append(_ line: String) { lines.withLock { $0.append(line) } }
        var all: [String] { lines.withLock { $0 } }
    }

    /// Providers a (1 credit, $0.01), b (1.5, $0.02), c (2, $0.03), each a sandbox with its own key.
    struct World {
        var sandboxes: [String: RunningSandbox]
        var keys: [String: String]
        var home: String
        var history: TaskHistory
        let clock = TestClock()
        let traces = Lines()

        static let prices: [(name: String, credits: Double, usd: Double)] = [("a", 1, 0.01), ("b", 1.5, 0.02), ("c", 2, 0.03)]

        var environment: [String: String] {
            var env = ["IMAGEPREP_CONFIG": home + "/config.json", "HOME": home, "XDG_DATA_HOME": home, "XDG_CONFIG_HOME": home,
                       "IMAGEPREP_TIME_SCALE": "0.01"]
            for (name, key) in keys { env[name.uppercased() + "_KEY"] = key }
            return env
        }

        func router(maxCost: Double? = nil, failoverUnknown: Bool = false) throws -> ProviderRouter {
            let traces = traces
            return ProviderRouter(providers: try ProviderSet.load(environment: environment), history: history,
                                  checker: BundleRulesChecker(allowInsecureCallbacks: true), sleeper: FakeSleeper(),
                                  now: { [clock] in clock.now }, failoverUnknown: failoverUnknown, maxCostUSD: maxCost,
                                  trace: { line in traces.append(line) })
        }

        func counts() async -> [String: Int] {
            var out: [String: Int] = [:]
            for (name, sandbox) in sandboxes { out[name] = await sandbox.taskCount() }
            return out
        }

        func uploads() async -> [String: Int] {
            var out: [String: Int] = [:]
            for (name, sandbox) in sandboxes { out[name] = await sandbox.uploadCount() }
            return out
        }

        func bundle(_ prompt: String, n: Int = 1) throws -> BundleManifest {
            let photo = try Fixture.write(try SandboxClientTests.png(width: 32, height: 32), home + "/photo-\(UUID().uuidString).png")
            return BundleManifest(prompt: prompt, images: [.file(photo)], n: n)
        }

        func shutdown() async {
            for sandbox in sandboxes.values { try? await sandbox.shutdown() }
        }
    }

    static func world(credits: [String: Double] = [:], faults: [String: SandboxConfiguration.ProviderFaults] = [:],
                      taskFaults: [String: SandboxConfiguration.Faults] = [:]) async throws -> World {
        let home = try CommandRunner.temporaryDirectory()
        var sandboxes: [String: RunningSandbox] = [:], keys: [String: String] = [:], entries: [String] = []
        for price in World.prices {
            let key = "sk-evo-PROVIDER-\(price.name.uppercased())-SECRET-\(UUID().uuidString.prefix(8))"
            var configuration = SandboxConfiguration(apiKey: key, taskDuration: 0, allowInsecureCallbacks: true,
                                                     initialCredits: credits[price.name] ?? 1000, creditsPerImage: price.credits)
            configuration.providerFaults = faults[price.name] ?? .init()
            if let taskFaults = taskFaults[price.name] { configuration.faults = taskFaults }
            let sandbox = try await Sandbox.start(configuration)
            sandboxes[price.name] = sandbox
            keys[price.name] = key
            entries.append(#"{"name":"\#(price.name)","base_url":"\#(sandbox.baseURL)","files_url":"\#(sandbox.baseURL)","api_key_env":"\#(price.name.uppercased())_KEY","models":{"gpt-4o-image":{"credits_per_image":\#(price.credits),"usd_per_image":\#(price.usd)}}}"#)
        }
        let config = home + "/config.json"
        // An hour's cooldown: a provider cooled by one command is still cooling for the next, however slow the machine.
        _ = try Fixture.write(Array(#"{"cooldown":{"base_seconds":3600},"providers":[\#(entries.reversed().joined(separator: ","))]}"#.utf8), config)
        chmod(config, 0o600)
        return World(sandboxes: sandboxes, keys: keys, home: home, history: try TaskHistory(path: home + "/tasks.sqlite"))
    }

    static func outcomes(_ world: World, _ record: TaskRecord) throws -> [String] {
        try world.history.attempts(of: record.localID!).map { "\($0.provider):\($0.outcome)" }
    }

    @Test func theConfigFileSetsTheCooldownsAndRefusesBadOnes() async throws {
        let world = try await Self.world()
        defer { Task { await world.shutdown() } }
        let policy = try ProviderSet.load(environment: world.environment).healthPolicy
        #expect(policy.baseCooldown == .seconds(3600))
        #expect(policy.maxCooldown == ProviderHealthPolicy().maxCooldown)
        let config = world.home + "/config.json"
        var text = try String(contentsOfFile: config, encoding: .utf8)
        text = text.replacingOccurrences(of: #""base_seconds":3600"#, with: #""base_seconds":-1"#)
        _ = try Fixture.write(Array(text.utf8), config)
        chmod(config, 0o600)
        #expect(throws: ClientError.self) { try ProviderSet.load(environment: world.environment) }
    }

    @Test func cheapestHealthyProviderGetsTheTaskAndTheChargeIsRecorded() async throws {
        let world = try await Self.world()
        defer { Task { await world.shutdown() } }
        let (record, saved) = try await world.router().run(try world.bundle("cheapest", n: 2), outputDir: world.home + "/out")
        #expect(record.status == "completed")
        #expect(saved.count == 2 && saved.allSatisfy { $0.path != nil })
        #expect(await world.counts() == ["a": 1, "b": 0, "c": 0])
        #expect(await world.uploads() == ["a": 1, "b": 0, "c": 0])
        let attempts = try world.history.attempts(of: record.localID!)
        #expect(attempts.map(\.outcome) == [TaskAttempt.created])
        #expect(attempts[0].provider == "a" && attempts[0].creditsReserved == 2 && attempts[0].creditsCharged == 2)
        #expect(try world.history.chargedCredits() == ["a": 2])
    }

    @Test func retryFailedRoutesARetryableFailureOnceMore() async throws {
        let world = try await Self.world(taskFaults: ["a": .init(taskFailureCode: "service_error")])
        defer { Task { await world.shutdown() } }
        let error = try await #require(throws: ClientError.self) {
            try await world.router().run(try world.bundle("retried"), outputDir: world.home + "/out", retryFailed: true)
        }
        #expect(error.kind == .taskFailed && error.code == "service_error")
        #expect(await world.counts() == ["a": 2, "b": 0, "c": 0])         // one retry, on the cheapest again
        let records = try world.history.list()
        #expect(records.count == 2)
        let retry = try #require(records.first { $0.retryOf != nil })
        let first = try #require(records.first { $0.retryOf == nil })
        #expect(retry.retryOf == first.localID && retry.idempotencyKey != first.idempotencyKey)
        #expect(records.allSatisfy { $0.errorCode == "service_error" })

        _ = try? await world.router().run(try world.bundle("not retried"), outputDir: world.home + "/out2")
        #expect(await world.counts() == ["a": 3, "b": 0, "c": 0])         // without the flag: one task
    }

    @Test func aDownProviderIsCooledAndSkippedUntilItsCooldownEnds() async throws {
        let world = try await Self.world()
        defer { Task { await world.shutdown() } }
        try await world.sandboxes["a"]!.shutdown()  // connections to a are refused from now on
        let router = try world.router()
        let (first, _) = try await router.run(try world.bundle("a is down"), outputDir: world.home + "/out")
        #expect(try Self.outcomes(world, first) == ["a:failed-over", "b:created"])
        #expect(try world.history.health(of: "a").state == ProviderHealth.cooling)

        let (second, _) = try await router.run(try world.bundle("a still cooling"), outputDir: world.home + "/out")
        #expect(try Self.outcomes(world, second) == ["a:skipped", "b:created"])
        #expect(try world.history.attempts(of: second.localID!)[0].reason?.contains("cooling") == true)

        world.clock.advance(31)  // past the first 30 s cooldown: a is tried again (and refused again)
        let (third, _) = try await router.run(try world.bundle("cooldown over"), outputDir: world.home + "/out")
        #expect(try Self.outcomes(world, third) == ["a:failed-over", "b:created"])
        #expect(try world.history.health(of: "a").failures == 2)  // the next cooldown doubles
        #expect(await world.counts() == ["a": 0, "b": 3, "c": 0])
    }

    @Test func aWrongRequestIsReportedNotSentElsewhere() async throws {
        let world = try await Self.world(faults: ["a": .init(failCreates: 400)])
        defer { Task { await world.shutdown() } }
        await #expect(throws: APIError.self) { try await world.router().run(try world.bundle("bad request"), outputDir: world.home) }
        let record = try #require(try world.history.list().first)
        #expect(record.status == TaskRecord.rejected)
        #expect(try Self.outcomes(world, record) == ["a:rejected"])
        #expect(await world.counts() == ["a": 0, "b": 0, "c": 0])
        #expect(await world.uploads() == ["a": 1, "b": 0, "c": 0])
        #expect(try world.history.health(of: "a").state == ProviderHealth.healthy)
    }

    @Test func insufficientCreditsMovesToTheNextProvider() async throws {
        let world = try await Self.world(faults: ["a": .init(failCreates: 402)])
        defer { Task { await world.shutdown() } }
        let (record, _) = try await world.router().run(try world.bundle("402 on a"), outputDir: world.home + "/out")
        #expect(try Self.outcomes(world, record) == ["a:failed-over", "b:created"])
        let health = try world.history.health(of: "a")
        #expect(health.state == ProviderHealth.cooling)
        #expect(health.until! >= world.clock.now.addingTimeInterval(3600))  // the long cooldown
        #expect(await world.counts() == ["a": 0, "b": 1, "c": 0])
    }

    @Test func acceptThenDropMakesExactlyOneTaskAcrossAllProviders() async throws {
        let world = try await Self.world(faults: ["a": .init(acceptThenDrop: true)])
        defer { Task { await world.shutdown() } }
        let (record, saved) = try await world.router().run(try world.bundle("dropped answer"), outputDir: world.home + "/out")
        #expect(record.status == "completed")
        #expect(saved.count == 1 && FileManager.default.fileExists(atPath: saved[0].path ?? "/nonexistent"))
        #expect(await world.counts() == ["a": 1, "b": 0, "c": 0])
        #expect(await world.uploads() == ["a": 1, "b": 0, "c": 0])
        #expect(try Self.outcomes(world, record) == ["a:unknown", "a:reconciled"])
    }

    @Test func tooSmallABalanceStopsBeforeAnyUpload() async throws {
        let world = try await Self.world(credits: ["a": 1, "b": 1, "c": 1])
        defer { Task { await world.shutdown() } }
        let error = await #expect(throws: ClientError.self) {
            try await world.router().run(try world.bundle("four images", n: 4), outputDir: world.home)
        }
        #expect(error?.kind == .insufficientBalance)
        #expect(await world.uploads() == ["a": 0, "b": 0, "c": 0])
        #expect(await world.counts() == ["a": 0, "b": 0, "c": 0])
        let record = try #require(try world.history.list().first)
        #expect(try Self.outcomes(world, record) == ["a:skipped", "b:skipped", "c:skipped"])
    }

    @Test func maxCostRefusesBeforeAnythingIsSent() async throws {
        let world = try await Self.world()
        defer { Task { await world.shutdown() } }
        let error = await #expect(throws: ClientError.self) {
            try await world.router(maxCost: 0.015).run(try world.bundle("too dear", n: 2), outputDir: world.home)
        }
        #expect(error?.kind == .costLimit)
        #expect(await world.uploads() == ["a": 0, "b": 0, "c": 0])
        // With one image, a fits under the limit and b, c are left out.
        let plan = try world.router(maxCost: 0.015).plan(model: "gpt-4o-image", n: 1)
        #expect(plan.order.map(\.provider) == ["a"])
        #expect(plan.skipped.map(\.provider).sorted() == ["b", "c"])
    }

    @Test func keysAreInNoOutputTraceOrDatabaseByte() async throws {
        let world = try await Self.world(faults: ["a": .init(acceptThenDrop: true), "b": .init(failCreates: 503)])
        defer { Task { await world.shutdown() } }
        let router = try world.router()
        _ = try await router.run(try world.bundle("keys"), outputDir: world.home + "/out")
        try await world.sandboxes["a"]!.shutdown()
        let (record, _) = try await router.run(try world.bundle("a down, b 503"), outputDir: world.home + "/out")
        #expect(try Self.outcomes(world, record) == ["a:failed-over", "b:failed-over", "c:created"])
        let journal = try JSONEncoder().encode(try world.history.attempts(of: record.localID!))
        var bytes = try SandboxCLITests.allBytes(under: world.home) + journal
        bytes += Data(world.traces.all.joined(separator: "\n").utf8)
        #expect(world.traces.all.contains { $0.contains("Bearer <redacted>") })
        for key in world.keys.values { #expect(bytes.range(of: Data(key.utf8)) == nil) }
    }
}
