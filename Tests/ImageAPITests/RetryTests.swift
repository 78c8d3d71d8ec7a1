import Foundation
import ImageAPI
import Testing

@Suite struct RetryTests {
    @Test func retryAfterHeaderIsHonoured() async throws {
        let transport = InMemoryTransport { _, index in
            index == 0
                ? Fixture.json(429, #"{"error":{"code":429,"message":"Rate limit exceeded","type":"rate_limit_error"}}"#, headers: ["Retry-After": "7"])
                : Fixture.task(status: "pending")
        }
        let sleeper = FakeSleeper()
        _ = try await Fixture.client(transport, sleeper: sleeper).createTask(GenerationRequest(prompt: "p"), idempotencyKey: "k1")
        #expect(transport.requests.count == 2)
        #expect(transport.requests.map { $0.header("Idempotency-Key") } == ["k1", "k1"])
        #expect(sleeper.sleeps.count == 1)
        #expect(sleeper.sleeps[0] >= .seconds(7))
        #expect(sleeper.sleeps[0] <= .seconds(8))
    }

    @Test func retryAfterInMessageIsHonoured() async throws {
        let transport = InMemoryTransport { _, index in
            index == 0
                ? Fixture.json(503, #"{"error":{"code":503,"message":"Service unavailable","type":"service_unavailable_error","fallback_suggestion":"retry after 30 seconds"}}"#)
                : Fixture.task(status: "processing")
        }
        let sleeper = FakeSleeper()
        _ = try await Fixture.client(transport, sleeper: sleeper).task(id: "task-unified-1-abcdefgh")
        #expect(sleeper.sleeps.count == 1)
        #expect(sleeper.sleeps[0] >= .seconds(30))
    }

    @Test func exponentialBackoffThenGivesUp() async throws {
        let transport = InMemoryTransport { _, _ in Fixture.json(500, #"{"error":{"code":500,"message":"boom"}}"#) }
        let sleeper = FakeSleeper()
        let policy = RetryPolicy(maxAttempts: 4, baseDelay: .seconds(1), maxDelay: .seconds(30), jitter: 0.25)
        let error = try await #require(throws: APIError.self) {
            try await Fixture.client(transport, sleeper: sleeper, retry: policy).task(id: "task-unified-1-abcdefgh")
        }
        #expect(error.kind == .internalServer)
        #expect(transport.requests.count == 4)
        // random() is 0.5 in the fixture: no jitter offset, pure doubling.
        #expect(sleeper.sleeps == [.seconds(1), .seconds(2), .seconds(4)])
    }

    @Test func jitterStaysWithinBounds() {
        let policy = RetryPolicy(baseDelay: .seconds(2), jitter: 0.25)
        #expect(policy.delay(beforeRetry: 1, serverDelay: nil, random: 0) == .milliseconds(1500))
        #expect(policy.delay(beforeRetry: 1, serverDelay: nil, random: 0.999_999)! > .milliseconds(2499))
        #expect(policy.delay(beforeRetry: 3, serverDelay: nil, random: 0.5) == .seconds(8))
        #expect(RetryPolicy(baseDelay: .seconds(2), maxDelay: .seconds(5)).delay(beforeRetry: 3, serverDelay: nil, random: 0.5) == .seconds(5))
        #expect(policy.delay(beforeRetry: 4, serverDelay: nil, random: 0.5) == nil)
        #expect(policy.delay(beforeRetry: 1, serverDelay: .seconds(500), random: 0.5) == nil)
    }

    @Test(arguments: [400, 401, 402, 403, 404, 413])
    func permanentErrorsAreNotRetried(status: Int) async throws {
        let transport = InMemoryTransport { _, _ in Fixture.json(status, #"{"error":{"code":\#(status),"message":"no"}}"#) }
        let sleeper = FakeSleeper()
        await #expect(throws: APIError.self) {
            try await Fixture.client(transport, sleeper: sleeper).createTask(GenerationRequest(prompt: "p"), idempotencyKey: "k")
        }
        #expect(transport.requests.count == 1)
        #expect(sleeper.sleeps.isEmpty)
    }

    @Test func createWithUnknownOutcomeIsNotResent() async throws {
        let transport = InMemoryTransport { _, _ in
            throw TransportError(.connectionLost, mayHaveBeenDelivered: true)
        }
        let error = try await #require(throws: TransportError.self) {
            try await Fixture.client(transport).createTask(GenerationRequest(prompt: "p"), idempotencyKey: "k")
        }
        #expect(error.mayHaveBeenDelivered)
        #expect(transport.requests.count == 1)
    }

    @Test func createNeverDeliveredIsRetriedWithSameKey() async throws {
        let transport = InMemoryTransport { _, index in
            if index < 2 { throw TransportError(.connectFailed, mayHaveBeenDelivered: false) }
            return Fixture.task(status: "pending")
        }
        _ = try await Fixture.client(transport).createTask(GenerationRequest(prompt: "p"), idempotencyKey: "same")
        #expect(transport.requests.count == 3)
        #expect(Set(transport.requests.map { $0.header("Idempotency-Key") }) == ["same"])
    }

    @Test func readsAreRetriedAfterTimeouts() async throws {
        let transport = InMemoryTransport { _, index in
            if index == 0 { throw TransportError(.timedOut, mayHaveBeenDelivered: true) }
            return Fixture.task(status: "processing")
        }
        let task = try await Fixture.client(transport).task(id: "task-unified-1-abcdefgh")
        #expect(task.status == .processing)
        #expect(transport.requests.count == 2)
    }

    @Test func retryAfterParsing() {
        #expect(RetryAfter.parse(header: "12") == .seconds(12))
        #expect(RetryAfter.parse(header: "0.5") == .milliseconds(500))
        #expect(RetryAfter.parse(header: "soon") == nil)
        let now = Date(timeIntervalSince1970: 1_700_000_000)
        #expect(RetryAfter.parse(header: "Tue, 14 Nov 2023 22:13:20 GMT", now: now) == .seconds(0))
        #expect(RetryAfter.parse(header: "Tue, 14 Nov 2023 22:14:20 GMT", now: now) == .seconds(60))
        #expect(RetryAfter.parse(message: "Rate limit exceeded, retry after 60 seconds") == .seconds(60))
        #expect(RetryAfter.parse(message: "Please Retry After 5s") == .seconds(5))
        #expect(RetryAfter.parse(message: "try again later") == nil)
    }
}
