import Foundation
import ImageSandbox
import Testing

@Suite("Sandbox callbacks")
struct CallbackTests {
    /// Waits until the sandbox has started `count` deliveries' worth of attempts and every delivery has
    /// ended (the receiver sees a delivery slightly before the sandbox logs its answer); event-driven, no
    /// fixed sleeps.
    static func waitForAttempts(_ sandbox: RunningSandbox, _ count: Int) async throws {
        while sandbox.callbackAttempts.count < count {
            await sandbox.callbacksSettled()
            await Task.yield()
        }
        await sandbox.callbacksSettled()
    }

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
            await sandbox.callbacksSettled()
            #expect(receiver.received.isEmpty && sandbox.callbackAttempts.isEmpty)   // nothing before the task ends
            clock.advance(by: 10)
            try await receiver.waitFor(1)
            await sandbox.callbacksSettled()               // the delivery ended: no second one will come
            #expect(receiver.received.count == 1)
            let delivered = try #require(receiver.received.first).json
            let fetched = try await http.get("/v1/tasks/\(id)").json
            #expect(delivered["id"] as? String == id)
            #expect(delivered["status"] as? String == "completed")
            #expect(NSDictionary(dictionary: delivered).isEqual(to: fetched))   // same shape as GET /v1/tasks/{id}
            try await Self.waitForAttempts(sandbox, 1)
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
            await sandbox.callbacksSettled()
            let received = receiver.received
            #expect(received.count == 4)
            #expect(received.allSatisfy { $0.json["status"] as? String == "failed" })
            #expect(received.allSatisfy { ($0.json["error"] as? [String: Any])?["code"] as? String == "generation_timeout" })
            try await Self.waitForAttempts(sandbox, 4)
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
            await sandbox.callbacksSettled()
            #expect(receiver.received.count == 3)
            try await Self.waitForAttempts(sandbox, 3)
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
            try await Self.waitForAttempts(sandbox, 4)
            #expect(sandbox.callbackAttempts.map(\.attempt) == [0, 1, 2, 3])
            #expect(sandbox.callbackAttempts.allSatisfy { $0.status == nil })
        }
    }
}
