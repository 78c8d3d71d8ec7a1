import Foundation
import ImageAPI
import Testing

@Suite struct PollingTests {
    @Test func pollsUntilCompletedWithDocumentedPacing() async throws {
        let statuses = ["pending", "processing", "processing", "completed"]
        let transport = InMemoryTransport { _, index in
            Fixture.task(status: statuses[index], progress: index * 33, results: index == 3 ? ["https://r/1.png"] : [])
        }
        let sleeper = FakeSleeper()
        let seen = LinesBox()
        let client = ImageAPIClient(configuration: Fixture.configuration(), transport: transport, sleeper: sleeper,
                                    random: { 0.25 })
        let task = try await client.waitForTask(id: "task-unified-1757156493-imcg5zqt") { seen.append("\($0.progress)") }
        #expect(task.status == .completed)
        #expect(task.results == ["https://r/1.png"])
        #expect(seen.all == ["0", "33", "66", "99"])
        #expect(transport.requests.count == 4)
        // First poll after 3 s, then 3 + 2 × 0.25 = 3.5 s.
        #expect(sleeper.sleeps == [.seconds(3), .milliseconds(3500), .milliseconds(3500), .milliseconds(3500)])
    }

    @Test(arguments: ["failed", "cancelled"])
    func endsOnFailedOrCancelled(status: String) async throws {
        let transport = InMemoryTransport { _, _ in Fixture.task(status: status, error: "service_error") }
        let task = try await Fixture.client(transport).waitForTask(id: "t")
        #expect(task.status.rawValue == status)
        #expect(transport.requests.count == 1)
    }

    @Test func timesOut() async throws {
        let transport = InMemoryTransport { _, _ in Fixture.task(status: "processing") }
        let sleeper = FakeSleeper()
        let options = PollingOptions(timeout: .seconds(20))
        let error = try await #require(throws: ClientError.self) {
            try await Fixture.client(transport, sleeper: sleeper).waitForTask(id: "t", options: options)
        }
        #expect(error.kind == .pollTimeout)
        #expect(error.taskID == "t")
        #expect(sleeper.elapsed() <= .seconds(20))
        #expect(transport.requests.count == 5)   // at 3, 7, 11, 15, 19 s
    }

    @Test func transientPollFailuresDoNotEndTheWait() async throws {
        let transport = InMemoryTransport { _, index in
            switch index {
            case 0: throw TransportError(.connectionLost, mayHaveBeenDelivered: true)
            case 1...4: return Fixture.json(502, #"{"error":{"code":502,"message":"upstream"}}"#)
            default: return Fixture.task(status: "completed", results: ["https://r/1.png"])
            }
        }
        let task = try await Fixture.client(transport, retry: RetryPolicy(maxAttempts: 2)).waitForTask(id: "t")
        #expect(task.status == .completed)
    }

    @Test func notFoundEndsTheWait() async throws {
        let transport = InMemoryTransport { _, _ in Fixture.json(404, #"{"error":{"code":404,"message":"Task not found or expired","type":"not_found_error"}}"#) }
        let error = try await #require(throws: APIError.self) { try await Fixture.client(transport).waitForTask(id: "t") }
        #expect(error.kind == .notFound)
    }

    @Test func scaledSystemSleeperScalesWaitsAndElapsed() async throws {
        let sleeper = SystemSleeper(scale: 0.001)
        try await sleeper.sleep(for: .seconds(5))
        #expect(sleeper.elapsed() >= .seconds(5))
    }
}
