import Foundation
import ImageSandbox
import Testing

@Suite("Sandbox state in a data directory")
struct PersistenceTests {
    @Test func restartKeepsTasksFilesCreditsAndIdempotencyKeys() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("sandbox-state-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let clock = ManualClock()
        let configuration = testConfiguration(clock: clock) { $0.dataDirectory = directory }

        let (taskID, fileID, fileName) = try await withSandbox(configuration) { _, http in
            var body = GenerationTests.valid
            body["n"] = 2
            let task = try await http.create(body, headers: [("Idempotency-Key", "persist-1")])
            let file = try await http.uploadStream(Fixture.gif, fileName: "kept.gif")
            clock.advance(by: 10)
            #expect(try await http.get("/v1/credits").json["used_credits"] as? Double == 3)
            return (try #require(task.json["id"] as? String), try #require(file.data["file_id"] as? String),
                    try #require(file.data["file_name"] as? String))
        }
        #expect(FileManager.default.fileExists(atPath: directory + "/state.json"))

        try await withSandbox(configuration) { _, http in
            let task = try await http.get("/v1/tasks/\(taskID)")
            #expect(task.status == 200)
            #expect(task.json["status"] as? String == "completed")
            #expect((task.json["results"] as? [String])?.count == 2)
            let served = try await http.get("/files/\(fileID)/\(fileName)", auth: false)
            #expect(served.body == Fixture.gif)
            #expect(try await http.get("/api/v1/files/quota").data["used_files"] as? Int == 1)
            #expect(try await http.get("/v1/credits").json["used_credits"] as? Double == 3)
            let replay = try await http.create(GenerationTests.valid, headers: [("Idempotency-Key", "persist-1")])
            #expect(replay.json["id"] as? String == taskID)
        }
    }

    @Test func withoutADataDirectoryARestartStartsEmpty() async throws {
        let clock = ManualClock()
        let id = try await withSandbox(testConfiguration(clock: clock)) { _, http in
            try #require(try await http.create(GenerationTests.valid).json["id"] as? String)
        }
        try await withSandbox(testConfiguration(clock: clock)) { _, http throws in
            #expect(try await http.get("/v1/tasks/\(id)").status == 404)
        }
    }
}
