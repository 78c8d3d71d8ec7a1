import Foundation
import ImageAPI
import Testing

/// The batch's shared, adaptive rate: spacing of slots, one decrease per burst, the Retry-After hold that
/// every slot waits out, additive increase, and the transport that reports answers to it.
@Suite struct RateLimiterTests {
    static func seconds(_ d: Duration) -> Double {
        Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
    }

    @Test func slotsAreSpacedByTheRate() async throws {
        let sleeper = FakeSleeper()
        let limiter = AdaptiveRateLimiter(options: .init(initialRate: 10, maximumRate: 10), sleeper: sleeper)
        for _ in 0..<5 { _ = try await limiter.acquire() }
        #expect(sleeper.sleeps.count == 4)
        #expect(sleeper.sleeps.allSatisfy { abs(Self.seconds($0) - 0.1) < 1e-9 })
        #expect(abs(Self.seconds(sleeper.elapsed()) - 0.4) < 1e-9)
    }

    @Test func aBurstOfThrottlesHalvesOnceAndHoldsEverySlot() async throws {
        let sleeper = FakeSleeper()
        let limiter = AdaptiveRateLimiter(options: .init(initialRate: 8, maximumRate: 8), sleeper: sleeper)
        let first = try await limiter.acquire(), second = try await limiter.acquire(), third = try await limiter.acquire()
        let beforeThrottle = sleeper.elapsed()
        await limiter.throttled(first, retryAfter: .seconds(2))
        await limiter.throttled(second, retryAfter: .seconds(2))  // same burst: no second decrease
        await limiter.throttled(third, retryAfter: nil)
        #expect(await limiter.rate == 4)
        #expect(await limiter.throttles == 3)
        #expect(await limiter.decreases == 1)
        // The next slot, whoever asks, waits out the server's Retry-After.
        let later = try await limiter.acquire()
        #expect(sleeper.elapsed() - beforeThrottle >= .seconds(2))
        // A throttle of a request admitted after the decrease decreases again.
        await limiter.throttled(later, retryAfter: .seconds(1))
        #expect(await limiter.rate == 2)
        #expect(await limiter.decreases == 2)
    }

    @Test func successesRaiseTheRateUpToTheCeilingAndThrottlesStopAtTheFloor() async throws {
        let sleeper = FakeSleeper()
        let limiter = AdaptiveRateLimiter(options: .init(initialRate: 1, minimumRate: 0.5, maximumRate: 3, increase: 0.5),
                                          sleeper: sleeper)
        await limiter.succeeded()
        #expect(await limiter.rate == 1.5)
        for _ in 0..<10 { await limiter.succeeded() }
        #expect(await limiter.rate == 3)
        for _ in 0..<10 { await limiter.throttled(try await limiter.acquire(), retryAfter: .zero) }
        #expect(await limiter.rate == 0.5)
    }

    @Test func theTransportReportsThrottlesAndSuccesses() async throws {
        let answers = [Fixture.json(429, #"{"error":{"code":429,"message":"slow down"}}"#, headers: ["Retry-After": "3"]),
                       Fixture.json(503, #"{"error":{"code":503,"message":"busy"}}"#, headers: ["Retry-After": "1"]),
                       Fixture.json(500, #"{"error":{"code":500,"message":"oops"}}"#),
                       Fixture.json("{}")]
        let inner = InMemoryTransport { _, index in answers[index] }
        let sleeper = FakeSleeper()
        let limiter = AdaptiveRateLimiter(options: .init(initialRate: 4, maximumRate: 4, increase: 0.25), sleeper: sleeper)
        let transport = RateLimitedTransport(inner, limiter: limiter)
        let request = TransportRequest(method: "GET", url: Fixture.base + "/v1/tasks/x")
        #expect(try await transport.send(request).status == 429)
        #expect(await limiter.rate == 2)
        let held = sleeper.elapsed()
        #expect(try await transport.send(request).status == 503)  // sent only after the 3 s hold
        #expect(sleeper.elapsed() - held >= .seconds(3))
        #expect(await limiter.throttles == 2)
        #expect(await limiter.rate == 2)  // a 503 with Retry-After holds every slot but does not decrease
        let heldAgain = sleeper.elapsed()
        #expect(try await transport.send(request).status == 500)  // no Retry-After: no change
        #expect(sleeper.elapsed() - heldAgain >= .seconds(1))
        #expect(await limiter.rate == 2)
        #expect(try await transport.send(request).status == 200)
        #expect(await limiter.rate == 2.25)
        #expect(inner.requests.count == 4)
    }
}
