import Foundation
@testable import ImageSandbox
import NIOHTTP1
import Testing

/// The faults batch submit is tested against: every injected failure as one status, and 429 bursts by
/// request sequence number.
@Suite("Sandbox faults for batches")
struct BatchFaultTests {
    @Test func failStatusAnswersEveryInjectedFailureWithThatStatus() async throws {
        var faults = SandboxConfiguration.Faults(seed: 7, failRate: 0.4)
        faults.failStatus = 503
        let statuses = try await FaultTests.statuses(testConfiguration { $0.faults = faults }, count: 30)
        let expected = (0..<30).map { SeededDecision.unit(seed: 7, salt: .fail, index: $0) < 0.4 ? 503 : 200 }
        #expect(statuses == expected)
        #expect(statuses.contains(503) && statuses.contains(200))
    }

    @Test func throttleBurstsRefuseTheFirstRequestsOfEachCycle() async throws {
        var faults = SandboxConfiguration.Faults()
        faults.throttleBursts = .init(period: 5, length: 2)
        try await withSandbox(testConfiguration { $0.faults = faults }) { _, http in
            var statuses: [Int] = []
            for _ in 0..<10 {
                let reply = try await http.get("/v1/credits")
                statuses.append(reply.status)
                if reply.status == 429 { #expect(reply.headers.first(name: "Retry-After") == "1") }
            }
            #expect(statuses == [429, 429, 200, 200, 200, 429, 429, 200, 200, 200])
        }
    }
}
