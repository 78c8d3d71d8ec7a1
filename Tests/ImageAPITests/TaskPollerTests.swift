import Foundation
import ImageAPI
import Synchronization
import Testing

/// The batch's one poller: per-task pacing (first poll after `firstDelay`, then `minInterval`–`maxInterval`
/// after the previous answer), terminal outcomes, transient failures, refusals and timeouts.
@Suite struct TaskPollerTests {
    /// Answers polls from a script per task id and records when (virtual time) each task was polled.
    final class Server: Sendable {
        let sleeper: FakeSleeper
        let script: [String: [String]]
        let polled = Mutex<[String: [Duration]]>([:])

        init(sleeper: FakeSleeper, script: [String: [String]]) {
            self.sleeper = sleeper
            self.script = script
        }

        func answer(_ request: TransportRequest) -> TransportResponse {
            let id = String(request.url.split(separator: "/").last!)
            let count = polled.withLock { polled in
                polled[id, default: []].append(sleeper.elapsed())
                return polled[id]!.count
            }
            let steps = script[id]!
            let step = steps[min(count - 1, steps.count - 1)]
            switch step {
            case "503": return Fixture.json(503, #"{"error":{"code":503,"message":"busy"}}"#)
            case "404": return Fixture.json(404, #"{"error":{"code":404,"message":"Task not found or expired"}}"#)
            default: return Fixture.task(id, status: step, results: step == "completed" ? ["https://r/\(id).png"] : [])
            }
        }
    }

    static func outcomes(_ poller: TaskPoller) async -> [String: String] {
        var seen: [String: String] = [:]
        for await outcome in poller.outcomes {
            switch outcome {
            case .ended(let id, let task): seen["\(id)"] = task.status.rawValue
            case .timedOut(let id, _, _): seen["\(id)"] = "timed out"
            case .refused(let id, _, _): seen["\(id)"] = "refused"
            }
        }
        return seen
    }

    @Test func pollsEveryTaskAtItsOwnPaceUntilItEnds() async throws {
        let sleeper = FakeSleeper()
        let server = Server(sleeper: sleeper, script: ["a": ["pending", "processing", "completed"],
                                                        "b": ["processing", "503", "failed"],
                                                        "c": ["completed"]])
        let client = Fixture.client(InMemoryTransport { request, _ in server.answer(request) }, sleeper: sleeper)
        let updates = Mutex(0)
        let poller = TaskPoller(client: client, options: PollingOptions(), maxInFlight: 2) { _, _ in updates.withLock { $0 += 1 } }
        await poller.add(localID: 1, taskID: "a")
        await poller.add(localID: 2, taskID: "b")
        try await sleeper.sleep(for: .seconds(1))  // c is added a second later
        await poller.add(localID: 3, taskID: "c")
        await poller.finishAdding()
        async let seen = Self.outcomes(poller)
        await poller.run()
        #expect(await seen == ["1": "completed", "2": "failed", "3": "completed"])
        let polled = server.polled.withLock { $0 }
        #expect(polled["a"]?.count == 3 && polled["b"]?.count == 3 && polled["c"]?.count == 1)
        #expect(await poller.polls == 7)
        #expect(updates.withLock { $0 } == 6)  // every answer but the 503
        // First poll ≥ 3 s after the task was added; later ones ≥ 3 s (random 0.5: 4 s) after the previous one.
        #expect(polled["a"]![0] >= .seconds(3) && polled["b"]![0] >= .seconds(3) && polled["c"]![0] >= .seconds(4))
        for times in polled.values {
            for (earlier, later) in zip(times, times.dropFirst()) { #expect(later - earlier >= .seconds(3)) }
        }
    }

    @Test func aRefusedPollEndsTheTaskAndATimeoutLeavesItOpen() async throws {
        let sleeper = FakeSleeper()
        let server = Server(sleeper: sleeper, script: ["gone": ["404"], "slow": ["processing"]])
        let client = Fixture.client(InMemoryTransport { request, _ in server.answer(request) }, sleeper: sleeper)
        let poller = TaskPoller(client: client, options: PollingOptions(timeout: .seconds(20)))
        await poller.add(localID: 7, taskID: "gone")
        await poller.add(localID: 8, taskID: "slow")
        await poller.finishAdding()
        async let seen = Self.outcomes(poller)
        await poller.run()
        #expect(await seen == ["7": "refused", "8": "timed out"])
        #expect(server.polled.withLock { $0["gone"]?.count } == 1)
        #expect(sleeper.elapsed() <= .seconds(20))
    }

    @Test func waitsForTasksUntilAddingIsFinished() async throws {
        let sleeper = FakeSleeper()
        let server = Server(sleeper: sleeper, script: ["late": ["completed"]])
        let client = Fixture.client(InMemoryTransport { request, _ in server.answer(request) }, sleeper: sleeper)
        let poller = TaskPoller(client: client)
        async let seen = Self.outcomes(poller)
        async let loop: Void = poller.run()
        await poller.add(localID: 1, taskID: "late")
        await poller.finishAdding()
        await loop
        #expect(await seen == ["1": "completed"])
    }
}
