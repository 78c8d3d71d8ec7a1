import Foundation
import NIOHTTP1
import ImageSandbox
import Testing

@Suite("Sandbox generations and tasks")
struct GenerationTests {
    static var valid: [String: Any] { ["model": "gpt-4o-image", "prompt": "a lighthouse at dusk", "size": "1:1", "n": 1] }

    @Test func missingOrWrongKeyIsRejectedWithTheDocumentedBody() async throws {
        try await withSandbox(testConfiguration()) { sandbox, http in
            for key in [nil, "sk-evo-wrong"] as [String?] {
                var client = http
                client.key = key
                let reply = try await client.create(Self.valid)
                #expect(reply.status == 401)
                #expect(reply.error["type"] as? String == "authentication_error")
                #expect(reply.error["code"] as? Int == 401)
                #expect(reply.error["message"] as? String == "Invalid or expired token")
                #expect(reply.error.keys.contains("param"))
                let task = try await client.get("/v1/tasks/task-unified-1-abcdefgh")
                #expect(task.status == 401)
                let files = try await client.get("/api/v1/files/quota")
                #expect(files.status == 401)
                #expect(files.json["success"] as? Bool == false)
                #expect(files.json["code"] as? Int == 40100)
            }
        }
    }

    @Test func taskRunsPendingProcessingCompletedOnTheClock() async throws {
        let clock = ManualClock()
        try await withSandbox(testConfiguration(clock: clock)) { sandbox, http in
            var body = Self.valid
            body["n"] = 2
            body["size"] = "2:3"
            let created = try await http.create(body)
            #expect(created.status == 200)
            let id = try #require(created.json["id"] as? String)
            #expect(id.wholeMatch(of: /task-unified-\d+-[a-z0-9]{8}/) != nil)
            #expect(id.hasPrefix("task-unified-\(Int(clock.now))-"))
            #expect(created.json["status"] as? String == "pending")
            #expect(created.json["progress"] as? Int == 0)
            #expect(created.json["object"] as? String == "image.generation.task")
            #expect(created.json["type"] as? String == "image")
            let usage = try #require(created.json["usage"] as? [String: Any])
            #expect(usage["credits_reserved"] as? Double == 3)
            #expect(usage["billing_rule"] as? String == "per_call")
            #expect((created.json["task_info"] as? [String: Any])?["can_cancel"] as? Bool == true)

            let during = try await http.get("/v1/credits")
            #expect(during.json["reserved_credits"] as? Double == 3)
            #expect(during.json["remaining_credits"] as? Double == 997)

            clock.advance(by: 5)
            let half = try await http.get("/v1/tasks/\(id)")
            #expect(half.json["status"] as? String == "processing")
            #expect(half.json["progress"] as? Int == 50)
            #expect(half.json["results"] == nil)

            clock.advance(by: 5)
            let done = try await http.get("/v1/tasks/\(id)")
            #expect(done.json["status"] as? String == "completed")
            #expect(done.json["progress"] as? Int == 100)
            let results = try #require(done.json["results"] as? [String])
            #expect(results == ["\(sandbox.baseURL)/results/\(id)/0.png", "\(sandbox.baseURL)/results/\(id)/1.png"])
            #expect((done.json["usage"] as? [String: Any])?["credits_used"] as? Double == 3)

            let after = try await http.get("/v1/credits")
            #expect(after.json["used_credits"] as? Double == 3)
            #expect(after.json["reserved_credits"] as? Double == 0)
            #expect(after.json["remaining_credits"] as? Double == 997)
        }
    }

    @Test func tasksAndResultLinksExpireAfter24Hours() async throws {
        let clock = ManualClock()
        try await withSandbox(testConfiguration(clock: clock)) { _, http in
            let id = try #require(try await http.create(Self.valid).json["id"] as? String)
            clock.advance(by: 10 + 86_400 - 1)
            #expect(try await http.get("/v1/tasks/\(id)").json["status"] as? String == "completed")
            clock.advance(by: 1)
            let gone = try await http.get("/v1/tasks/\(id)")
            #expect(gone.status == 404)
            #expect(gone.error["type"] as? String == "not_found_error")
            #expect(gone.error["message"] as? String == "Task not found or expired")
            #expect(try await http.get("/results/\(id)/0.png", auth: false).status == 404)
        }
    }

    @Test func malformedAndUnknownTaskIDs() async throws {
        try await withSandbox(testConfiguration()) { _, http in
            let malformed = try await http.get("/v1/tasks/12345")
            #expect(malformed.status == 400)
            #expect(malformed.error["code"] as? String == "invalid_task_id")
            #expect(malformed.error["param"] as? String == "task_id")
            #expect(malformed.error["type"] as? String == "invalid_request_error")
            let unknown = try await http.get("/v1/tasks/task-unified-1700000000-abcdefgh")
            #expect(unknown.status == 404)
            #expect(unknown.error["code"] as? Int == 404)
            let endpoint = try await http.get("/v1/nothing-here")
            #expect(endpoint.status == 404)
            #expect(endpoint.error["type"] as? String == "not_found_error")
        }
    }

    @Test func creditsRunOutWith402() async throws {
        let clock = ManualClock()
        try await withSandbox(testConfiguration(clock: clock) { $0.initialCredits = 4.5 }) { _, http in
            var two = Self.valid
            two["n"] = 2
            #expect(try await http.create(two).status == 200)          // reserves 3 of 4.5
            let refused = try await http.create(two)                      // needs 3, 1.5 left
            #expect(refused.status == 402)
            #expect(refused.error["type"] as? String == "insufficient_quota_error")
            #expect(refused.error["code"] as? Int == 402)
            #expect(try await http.create(Self.valid).status == 200)    // 1.5 fits exactly
            #expect(try await http.create(Self.valid).status == 402)
            clock.advance(by: 10)
            let credits = try await http.get("/v1/credits")
            #expect(credits.json["used_credits"] as? Double == 4.5)
            #expect(credits.json["remaining_credits"] as? Double == 0)
        }
    }

    @Test func idempotencyKeyReturnsTheSameTaskWithoutASecondCharge() async throws {
        let clock = ManualClock()
        try await withSandbox(testConfiguration(clock: clock)) { _, http in
            let first = try await http.create(Self.valid, headers: [("Idempotency-Key", "order-42")])
            let second = try await http.create(Self.valid, headers: [("Idempotency-Key", "order-42")])
            #expect(first.status == 200 && second.status == 200)
            #expect(first.json["id"] as? String == second.json["id"] as? String)
            #expect(first.headers.first(name: "Idempotent-Replayed") == nil)
            #expect(second.headers.first(name: "Idempotent-Replayed") == "true")
            let other = try await http.create(Self.valid, headers: [("Idempotency-Key", "order-43")])
            #expect(other.json["id"] as? String != first.json["id"] as? String)
            clock.advance(by: 10)
            #expect(try await http.get("/v1/credits").json["used_credits"] as? Double == 3)
            let replay = try await http.create(Self.valid, headers: [("Idempotency-Key", "order-42")])
            #expect(replay.json["status"] as? String == "completed")
            #expect(try await http.get("/v1/credits").json["used_credits"] as? Double == 3)
        }
    }

    @Test func cancelEndsARunningTaskWithoutCharge() async throws {
        let clock = ManualClock()
        try await withSandbox(testConfiguration(clock: clock)) { _, http in
            let id = try #require(try await http.create(Self.valid).json["id"] as? String)
            clock.advance(by: 3)
            let cancelled = try await http.send(.POST, "/v1/tasks/\(id)/cancel")
            #expect(cancelled.json["status"] as? String == "cancelled")
            #expect((cancelled.json["error"] as? [String: Any])?["code"] as? String == "request_cancelled")
            clock.advance(by: 10)
            #expect(try await http.get("/v1/tasks/\(id)").json["status"] as? String == "cancelled")
            let credits = try await http.get("/v1/credits")
            #expect(credits.json["used_credits"] as? Double == 0)
            #expect(credits.json["remaining_credits"] as? Double == 1000)
        }
    }
}
