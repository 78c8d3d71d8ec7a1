import Foundation
import ImageAPI
import ImagePrep
import ImageRules
import ImageSandbox
import Testing

/// Every documented HTTP error, produced by the sandbox over loopback, arrives as its typed `APIError`.
@Suite struct SandboxErrorMappingTests {
    static func client(_ sandbox: RunningSandbox, key: String = SandboxClientTests.key) -> ImageAPIClient {
        ImageAPIClient(configuration: APIConfiguration(baseURL: sandbox.baseURL, filesURL: sandbox.baseURL, apiKey: APIKey(key)),
                       retryPolicy: .none)
    }

    static func error(_ body: () async throws -> Void) async -> APIError? {
        do {
            try await body()
            return nil
        } catch {
            return error as? APIError
        }
    }

    @Test func clientErrors() async throws {
        var configuration = SandboxConfiguration(initialCredits: 2)
        configuration.apiKey = SandboxClientTests.key
        let sandbox = try await Sandbox.start(configuration)
        let client = Self.client(sandbox)
        func create(_ request: GenerationRequest) async throws { _ = try await client.createTask(request, idempotencyKey: TaskRunner.newIdempotencyKey()) }

        let invalid = await Self.error { try await create(GenerationRequest(prompt: "x", n: 3)) }
        #expect(invalid?.kind == .invalidRequest)
        #expect(invalid?.param == "n")
        let badID = await Self.error { _ = try await client.task(id: "nope") }
        #expect(badID?.kind == .invalidRequest)
        #expect(badID?.code == "invalid_task_id")
        let auth = await Self.error { _ = try await Self.client(sandbox, key: "sk-evo-wrong").task(id: "task-unified-1-abcdefgh") }
        #expect(auth?.kind == .authentication)
        #expect(auth?.type == "authentication_error")
        let quota = await Self.error { try await create(GenerationRequest(prompt: "x", n: 2)) }
        #expect(quota?.kind == .insufficientQuota)
        let permission = await Self.error { try await create(GenerationRequest(model: "gpt-image-1", prompt: "x")) }
        #expect(permission?.kind == .permission)
        let unknownModel = await Self.error { try await create(GenerationRequest(model: "no-such-model", prompt: "x")) }
        #expect(unknownModel?.kind == .notFound)
        let missing = await Self.error { _ = try await client.task(id: "task-unified-1700000000-abcdefgh") }
        #expect(missing?.kind == .notFound)
        let tooLarge = await Self.error { try await create(GenerationRequest(prompt: String(repeating: "x", count: 1_100_000))) }
        #expect(tooLarge?.kind == .requestTooLarge)
        #expect(tooLarge?.status == 413)
        try await sandbox.shutdown()
    }

    @Test func rateLimitAndServerErrors() async throws {
        // A stopped clock keeps every request in the same one-second window, however slow the machine.
        var limited = SandboxConfiguration(faults: .init(rateLimit: 1), clock: .manual(ManualClock()))
        limited.apiKey = SandboxClientTests.key
        let sandbox = try await Sandbox.start(limited)
        let client = Self.client(sandbox)
        var kinds: [APIError.Kind] = []
        for _ in 0..<3 {
            if let error = await Self.error({ _ = try await client.task(id: "task-unified-1700000000-abcdefgh") }) { kinds.append(error.kind) }
        }
        try await sandbox.shutdown()
        #expect(kinds.contains(.rateLimited))

        var failing = SandboxConfiguration(faults: .init(seed: 3, failRate: 1))
        failing.apiKey = SandboxClientTests.key
        let broken = try await Sandbox.start(failing)
        var seen: [Int: APIError] = [:]
        for _ in 0..<30 {
            if let error = await Self.error({ _ = try await Self.client(broken).task(id: "task-unified-1700000000-abcdefgh") }) {
                seen[error.status] = error
            }
        }
        try await broken.shutdown()
        #expect(seen[500]?.kind == .internalServer)
        #expect(seen[502]?.kind == .upstream)
        #expect(seen[503]?.kind == .serviceUnavailable)
        #expect(seen[503]?.retryAfter == .seconds(1))
    }
}
