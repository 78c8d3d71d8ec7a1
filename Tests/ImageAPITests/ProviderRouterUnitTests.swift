import Foundation
import ImageAPI
import ImagePrepTestSupport
import ImageRules
import Testing

/// The router against scripted providers (`InMemoryTransport`): the outcomes a sandbox cannot stage on
/// demand (an unknown outcome that reconciling cannot resolve), 401/403 until the configuration changes,
/// and the config file's provider entries.
@Suite struct ProviderRouterUnitTests {
    static func config(_ text: String) throws -> (path: String, home: String) {
        let home = try Fixture.tempDir()
        let path = try Fixture.write(Array(text.utf8), home + "/config.json")
        chmod(path, 0o600)
        return (path, home)
    }

    static let twoProviders = #"""
        {"providers": [
          {"name": "a", "base_url": "https://a.test", "api_key_env": "A_KEY", "models": {"gpt-4o-image": {"credits_per_image": 1, "usd_per_image": 0.01}}},
          {"name": "b", "base_url": "https://b.test", "files_url": "https://files.b.test", "api_key_env": "B_KEY", "priority": 1,
           "models": {"gpt-4o-image": {"credits_per_image": 3, "usd_per_image": 0.02}}}]}
        """#

    /// A router over `twoProviders` whose requests `handler` answers.
    static func router(env extra: [String: String] = [:], failoverUnknown: Bool = false,
                       _ handler: @escaping InMemoryTransport.Handler) throws -> (ProviderRouter, InMemoryTransport) {
        let (path, home) = try config(twoProviders)
        let env = ["IMAGEPREP_CONFIG": path, "A_KEY": "sk-a-secret-1111", "B_KEY": "sk-b-secret-2222"].merging(extra) { $1 }
        let transport = InMemoryTransport(handler: handler)
        let router = ProviderRouter(providers: try ProviderSet.load(environment: env),
                                    history: try TaskHistory(path: home + "/tasks.sqlite"), transport: transport,
                                    sleeper: FakeSleeper(), failoverUnknown: failoverUnknown)
        return (router, transport)
    }

    static func host(_ request: TransportRequest) -> String { URLComponents(string: request.url)?.host ?? "" }

    static let bundle = BundleManifest(prompt: "scripted", n: 1)

    static func outcomes(_ router: ProviderRouter, _ localID: Int64) throws -> [String] {
        try router.history.attempts(of: localID).map { "\($0.provider):\($0.outcome)" }
    }

    @Test func anUnresolvedUnknownOutcomeStopsAndNeverReachesTheNextProvider() async throws {
        let (router, transport) = try Self.router { request, _ in
            if Fixture.path(of: request) == "/v1/credits" { return Fixture.json(404, #"{"error":{"code":404,"message":"no"}}"#) }
            if Self.host(request) == "a.test" { throw TransportError(.connectionLost, mayHaveBeenDelivered: true) }
            return Fixture.task(status: "pending")
        }
        let error = await #expect(throws: ClientError.self) { try await router.submit(Self.bundle) }
        #expect(error?.kind == .unknownOutcome)
        let record = try #require(try router.history.list().first)
        #expect(record.status == TaskRecord.unknown)
        #expect(try Self.outcomes(router, record.localID!) == ["a:unknown", "a:unknown"])
        #expect(!transport.requests.contains { Self.host($0) == "b.test" })
        // Both creates to a carried the same idempotency key.
        let keys = transport.requests.filter { $0.method == "POST" }.compactMap { $0.header("Idempotency-Key") }
        #expect(keys.count == 2 && Set(keys).count == 1)
        #expect(try router.history.provider(of: record.localID!) == "a")
    }

    @Test func failoverUnknownIsTheExplicitOptIn() async throws {
        let (router, _) = try Self.router(failoverUnknown: true) { request, _ in
            if Fixture.path(of: request) == "/v1/credits" { return Fixture.json(404, #"{"error":{"code":404,"message":"no"}}"#) }
            if Self.host(request) == "a.test" { throw TransportError(.timedOut, mayHaveBeenDelivered: true) }
            return Fixture.task(status: "pending")
        }
        let (record, provider) = try await router.submit(Self.bundle)
        #expect(provider.name == "b")
        #expect(try Self.outcomes(router, record.localID!) == ["a:unknown", "a:failed-over", "b:created"])
        #expect(try router.history.attempts(of: record.localID!)[1].reason?.contains("a second task may exist") == true)
    }

    @Test func aDefiniteRefusalOfTheReconcileProvesNoTask() async throws {
        let (router, _) = try Self.router { request, index in
            if Fixture.path(of: request) == "/v1/credits" { return Fixture.json(404, #"{"error":{"code":404,"message":"no"}}"#) }
            guard Self.host(request) == "a.test" else { return Fixture.task(status: "pending") }
            // Request 0 is a's balance check, 1 its create (lost), 2 the reconcile (refused with 402).
            if index <= 1 { throw TransportError(.connectionLost, mayHaveBeenDelivered: true) }
            return Fixture.json(402, #"{"error":{"code":402,"message":"Insufficient quota","type":"insufficient_quota_error"}}"#)
        }
        let (record, provider) = try await router.submit(Self.bundle)
        #expect(provider.name == "b")
        #expect(try Self.outcomes(router, record.localID!) == ["a:unknown", "a:failed-over", "b:created"])
        #expect(try router.history.attempts(of: record.localID!)[1].reason?.hasPrefix("reconciled, no task: HTTP 402") == true)
    }

    @Test func unauthorizedMarksMisconfiguredUntilTheKeyChanges() async throws {
        let handler: InMemoryTransport.Handler = { request, index in
            if Self.host(request) == "a.test" { return Fixture.json(401, #"{"error":{"code":401,"message":"Invalid or expired token"}}"#) }
            if Fixture.path(of: request) == "/v1/credits" { return Fixture.json(#"{"remaining_credits": 50}"#) }
            return Fixture.task("task-unified-1757156493-req\(index)", status: "pending")
        }
        let (router, _) = try Self.router(handler)
        let (first, _) = try await router.submit(Self.bundle)
        #expect(try Self.outcomes(router, first.localID!) == ["a:failed-over", "b:created"])
        #expect(try router.history.health(of: "a").state == ProviderHealth.misconfigured)
        let (second, _) = try await router.submit(Self.bundle)
        #expect(try Self.outcomes(router, second.localID!) == ["a:skipped", "b:created"])

        // A new key for a: its digest changes, so it is tried again.
        var fixed = router
        fixed.providers = try ProviderSet.load(environment: ["IMAGEPREP_CONFIG": router.history.path.replacingOccurrences(of: "tasks.sqlite", with: "config.json"),
                                                             "A_KEY": "sk-a-new-secret-3333", "B_KEY": "sk-b-secret-2222"])
        #expect(try fixed.plan(model: "gpt-4o-image", n: 1).order.map(\.provider) == ["a", "b"])
        let dbBytes = try Data(contentsOf: URL(fileURLWithPath: router.history.path))
        for key in ["sk-a-secret-1111", "sk-b-secret-2222"] { #expect(dbBytes.range(of: Data(key.utf8)) == nil) }
    }

    @Test func providerEntriesAreValidatedAndKeysComeOnlyFromTheEnvironment() throws {
        let inline = try Self.config(#"{"providers":[{"name":"a","base_url":"https://a.test","api_key_env":"A_KEY","api_key":"sk-x","models":{"m":{"credits_per_image":1,"usd_per_image":0.1}}}]}"#)
        let error = #expect(throws: ClientError.self) { try ProviderSet.load(environment: ["IMAGEPREP_CONFIG": inline.path, "A_KEY": "k"]) }
        #expect(error?.kind == .configuration && error?.message.contains("api_key_env") == true)
        let noPrice = try Self.config(#"{"providers":[{"name":"a","base_url":"https://a.test","api_key_env":"A_KEY","models":{"m":{"credits_per_image":1}}}]}"#)
        #expect(throws: ClientError.self) { try ProviderSet.load(environment: ["IMAGEPREP_CONFIG": noPrice.path]) }

        let (path, _) = try Self.config(Self.twoProviders)
        let set = try ProviderSet.load(environment: ["IMAGEPREP_CONFIG": path, "A_KEY": "sk-a"])
        #expect(set.providers.map(\.name) == ["a", "b"])
        #expect(set.provider(named: "b")?.problem == "B_KEY is not set")
        #expect(set.provider(named: "b")?.configuration == nil)
        #expect(set.provider(named: "a")?.configuration?.filesURL == "https://a.test")
        #expect(set.provider(named: "b")?.priority == 1)

        let legacy = try Self.config(#"{"base_url":"https://legacy.test"}"#)
        let single = try ProviderSet.load(environment: ["IMAGEPREP_CONFIG": legacy.path, "IMAGEPREP_API_KEY": "sk-legacy"])
        #expect(single.isDefaultOnly && single.providers.map(\.name) == ["default"])
        #expect(single.providers[0].configuration?.baseURL == "https://legacy.test")
    }

    @Test func cooldownsGrowExponentiallyAreCappedAndHonourRetryAfter() {
        let policy = ProviderHealthPolicy()
        #expect(policy.cooldown(failures: 1, retryAfter: nil) == .seconds(30))
        #expect(policy.cooldown(failures: 3, retryAfter: nil) == .seconds(120))
        #expect(policy.cooldown(failures: 10, retryAfter: nil) == .seconds(900))
        #expect(policy.cooldown(failures: 1, retryAfter: .seconds(600)) == .seconds(600))
    }
}
