import Foundation
import ImageSandbox
import Testing

@Suite("Sandbox callbacks")
struct CallbackTests {
    static func createWithCallback(_ http: TestHTTP, _ url: String) async throws -> String {
        var body = GenerationTests.valid
        body["callback_url"] = url
        let reply = try await http.create(body)
        #expect(reply.status == 200)
        return try #require(reply.json["id"] as? String)
    }

    @Test func completedTaskIsPostedOnceWhenTheReceiverAccepts() async throws {
        let receiver = try await CallbackReceiver.start(statuses: [200])
        let clock = ManualClock()
        try await withSandbox(testConfiguration(clock: clock) { $0.allowInsecureCallbacks = true }) { sandbox, http in
            let id = try await Self.createWithCallback(http, receiver.url)
            try await Task.sleep(for: .milliseconds(50))
            #expect(receiver.received.isEmpty)          // nothing before the task ends
            clock.advance(by: 10)
            try await receiver.waitFor(1)
            try await Task.sleep(for: .milliseconds(100))  // a second delivery would have arrived by now
            #expect(receiver.received.count == 1)
            let delivered = try #require(receiver.received.first).json
            let fetched = try await http.get("/v1/tasks/\(id)").json
            #expect(delivered["id"] as? String == id)
            #expect(delivered["status"] as? String == "completed")
            #expect(NSDictionary(dictionary: delivered).isEqual(to: fetched))   // same shape as GET /v1/tasks/{id}
            #expect(sandbox.callbackAttempts.map(\.attempt) == [0])
            #expect(sandbox.callbackAttempts.first?.status == 200)
        }
        await receiver.stop()
    }

    @Test func failingReceiverGetsThreeRetriesAfterTheConfiguredDelays() async throws {
        let receiver = try await CallbackReceiver.start(statuses: [500])
        let clock = ManualClock()
        let delays: [Duration] = [.milliseconds(20), .milliseconds(40), .milliseconds(80)]
        try await withSandbox(testConfiguration(clock: clock) {
            $0.allowInsecureCallbacks = true
            $0.callbackRetryDelays = delays
            $0.faults.taskFailureCode = "generation_timeout"
        }) { sandbox, http in
            let id = try await Self.createWithCallback(http, receiver.url)
            clock.advance(by: 10)
            try await receiver.waitFor(4)
            try await Task.sleep(for: .milliseconds(200))
            let received = receiver.received
            #expect(received.count == 4)
            #expect(received.allSatisfy { $0.json["status"] as? String == "failed" })
            #expect(received.allSatisfy { ($0.json["error"] as? [String: Any])?["code"] as? String == "generation_timeout" })
            let attempts = sandbox.callbackAttempts.filter { $0.taskID == id }
            #expect(attempts.map(\.attempt) == [0, 1, 2, 3])
            #expect(attempts.map(\.delay) == [.zero] + delays)
            #expect(attempts.allSatisfy { $0.status == 500 && !$0.delivered })
            // Each retry waited at least its delay (a lower bound only: sleeping never ends early).
            for (index, delay) in delays.enumerated() {
                #expect(received[index].arrived.duration(to: received[index + 1].arrived) >= delay)
            }
        }
        await receiver.stop()
    }

    @Test func retriesStopAtTheFirst2xx() async throws {
        let receiver = try await CallbackReceiver.start(statuses: [503, 502, 204])
        let clock = ManualClock()
        try await withSandbox(testConfiguration(clock: clock) { $0.allowInsecureCallbacks = true }) { sandbox, http in
            _ = try await Self.createWithCallback(http, receiver.url)
            clock.advance(by: 10)
            try await receiver.waitFor(3)
            try await Task.sleep(for: .milliseconds(250))
            #expect(receiver.received.count == 3)
            #expect(sandbox.callbackAttempts.map(\.status) == [503, 502, 204])
        }
        await receiver.stop()
    }

    @Test func documentedDefaultsAreTenSecondsAndOneTwoFour() {
        let configuration = SandboxConfiguration()
        #expect(configuration.callbackTimeout == .seconds(10))
        #expect(configuration.callbackRetryDelays == [.seconds(1), .seconds(2), .seconds(4)])
        #expect(configuration.allowInsecureCallbacks == false)
    }

    @Test func unreachableReceiverIsRecordedAsFailedAttempts() async throws {
        let clock = ManualClock()
        try await withSandbox(testConfiguration(clock: clock) {
            $0.allowInsecureCallbacks = true
            $0.callbackTimeout = .milliseconds(200)   // the client keeps retrying a refused connect until the timeout
        }) { sandbox, http in
            _ = try await Self.createWithCallback(http, "http://127.0.0.1:9/hook")   // discard port: refused
            clock.advance(by: 10)
            for _ in 0..<500 where sandbox.callbackAttempts.count < 4 { try await Task.sleep(for: .milliseconds(10)) }
            #expect(sandbox.callbackAttempts.map(\.attempt) == [0, 1, 2, 3])
            #expect(sandbox.callbackAttempts.allSatisfy { $0.status == nil })
        }
    }
}
