import Foundation
@testable import ImageSandbox
import NIOHTTP1
import Testing

@Suite("Sandbox faults")
struct FaultTests {
    /// The status of `count` sequential GET /v1/credits calls (-1 when the connection was dropped).
    static func statuses(_ configuration: SandboxConfiguration, count: Int) async throws -> [Int] {
        try await withSandbox(configuration) { _, http in
            var statuses: [Int] = []
            for _ in 0..<count {
                do { statuses.append(try await http.get("/v1/credits").status) } catch { statuses.append(-1) }
            }
            return statuses
        }
    }

    @Test func failRateIsReproducibleUnderASeed() async throws {
        let a = try await Self.statuses(testConfiguration { $0.faults = .init(seed: 7, failRate: 0.4) }, count: 30)
        let b = try await Self.statuses(testConfiguration { $0.faults = .init(seed: 7, failRate: 0.4) }, count: 30)
        let c = try await Self.statuses(testConfiguration { $0.faults = .init(seed: 8, failRate: 0.4) }, count: 30)
        #expect(a == b)
        #expect(a != c)
        #expect(a.contains(200))
        #expect(a.contains { [500, 502, 503].contains($0) })
        #expect(a.allSatisfy { [200, 500, 502, 503].contains($0) })
        // The pattern is the seeded decision, request by request.
        let expected = (0..<30).map { SeededDecision.unit(seed: 7, salt: .fail, index: $0) < 0.4 }
        #expect(a.map { $0 != 200 } == expected)
    }

    @Test func injectedServerErrorsUseTheDocumentedBodies() async throws {
        try await withSandbox(testConfiguration { $0.faults = .init(seed: 1, failRate: 1) }) { _, http in
            var seen: Set<Int> = []
            for _ in 0..<30 {
                let reply = try await http.create(GenerationTests.valid)
                seen.insert(reply.status)
                let type = reply.error["type"] as? String
                switch reply.status {
                case 500: #expect(type == "internal_server_error")
                case 502: #expect(type == "upstream_error")
                case 503:
                    #expect(type == "service_unavailable_error")
                    #expect(reply.headers.first(name: "Retry-After") == "1")
                default: Issue.record("unexpected status \(reply.status)")
                }
                #expect(reply.error["code"] as? Int == reply.status)
            }
            #expect(seen == [500, 502, 503])
            // Failed before handling: nothing was created or reserved.
        }
        try await withSandbox(testConfiguration { $0.faults = .init(seed: 1, failRate: 1) }) { _, http in
            let files = try await http.get("/api/v1/files/quota")
            #expect(files.json["success"] as? Bool == false)
            #expect([500, 502, 503].contains(files.json["code"] as? Int ?? 0))
        }
    }

    @Test func rateLimitAnswers429WithRetryAfterPerClockSecond() async throws {
        let clock = ManualClock(start: 1_800_000_000.25)
        try await withSandbox(testConfiguration(clock: clock) { $0.faults = .init(rateLimit: 3) }) { _, http in
            for _ in 0..<3 { #expect(try await http.get("/v1/credits").status == 200) }
            let limited = try await http.get("/v1/credits")
            #expect(limited.status == 429)
            #expect(limited.error["type"] as? String == "rate_limit_error")
            #expect(limited.error["code"] as? Int == 429)
            #expect(limited.headers.first(name: "Retry-After") == "1")
            clock.advance(by: 0.75)
            #expect(try await http.get("/v1/credits").status == 200)
        }
    }

    @Test func droppedResponsesAreReproducibleAndTheRequestWasHandled() async throws {
        let configuration = { testConfiguration { $0.faults = .init(seed: 11, dropRate: 0.5) } }
        let a = try await Self.statuses(configuration(), count: 20)
        let b = try await Self.statuses(configuration(), count: 20)
        #expect(a == b)
        #expect(a.contains(-1) && a.contains(200))
        #expect(a.map { $0 == -1 } == (0..<20).map { SeededDecision.unit(seed: 11, salt: .drop, index: $0) < 0.5 })

        // A create whose response was cut off still made its task: retrying with the same key finds it.
        let firstDrop = try #require((0..<50).first { SeededDecision.unit(seed: 11, salt: .drop, index: $0) < 0.5 })
        try await withSandbox(configuration()) { _, http in
            for _ in 0..<firstDrop { _ = try? await http.get("/v1/credits") }
            var ids: Set<String> = []
            var drops = 0
            for _ in 0..<8 {
                do {
                    let reply = try await http.create(GenerationTests.valid, headers: [("Idempotency-Key", "retry-me")])
                    if let id = reply.json["id"] as? String { ids.insert(id) }
                } catch {
                    drops += 1
                }
            }
            #expect(drops >= 1)
            #expect(ids.count == 1)
            var credits: TestHTTP.Reply?
            while credits == nil { credits = try? await http.get("/v1/credits") }
            #expect(credits?.json["reserved_credits"] as? Double == 1.5)
        }
    }

    @Test func latencyDelaysEveryResponse() async throws {
        try await withSandbox(testConfiguration { $0.faults = .init(latency: 0.05...0.05) }) { _, http throws in
            let start = ContinuousClock.now
            #expect(try await http.get("/v1/credits").status == 200)
            #expect(start.duration(to: .now) >= .milliseconds(50))   // lower bound only
        }
        let picks = (0..<5).map { 0.1 + 0.4 * SeededDecision.unit(seed: 3, salt: .latency, index: $0) }
        #expect(Set(picks).count == 5)
        #expect(picks.allSatisfy { (0.1...0.5).contains($0) })
    }

    @Test func taskFailureIsReproducibleAndCostsNothing() async throws {
        func outcomes(seed: UInt64) async throws -> [String] {
            let clock = ManualClock()
            return try await withSandbox(testConfiguration(clock: clock) {
                $0.faults = .init(seed: seed, taskFailureCode: "content_policy_violation", taskFailureRate: 0.5)
            }) { _, http in
                var ids: [String] = []
                for _ in 0..<12 { ids.append(try #require(try await http.create(GenerationTests.valid).json["id"] as? String)) }
                clock.advance(by: 10)
                var statuses: [String] = []
                for id in ids {
                    let task = try await http.get("/v1/tasks/\(id)").json
                    let status = try #require(task["status"] as? String)
                    statuses.append(status)
                    if status == "failed" {
                        #expect((task["error"] as? [String: Any])?["code"] as? String == "content_policy_violation")
                        #expect(task["results"] == nil)
                        #expect((task["usage"] as? [String: Any])?["credits_used"] as? Double == 0)
                    }
                }
                let failed = statuses.filter { $0 == "failed" }.count
                #expect(try await http.get("/v1/credits").json["used_credits"] as? Double == Double(12 - failed) * 1.5)
                return statuses
            }
        }
        let a = try await outcomes(seed: 5)
        #expect(a == (try await outcomes(seed: 5)))
        #expect(a.contains("failed") && a.contains("completed"))
    }
}
