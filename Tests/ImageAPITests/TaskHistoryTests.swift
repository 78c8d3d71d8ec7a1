import Foundation
import Synchronization
import ImageAPI
import Testing

@Suite struct TaskHistoryTests {
    static func record(_ prompt: String = "p") -> TaskRecord {
        TaskRecord(idempotencyKey: TaskRunner.newIdempotencyKey(), request: GenerationRequest(prompt: prompt, n: 1),
                   inputs: ["a.png"], outputDir: "out")
    }

    @Test func insertUpdateFindRoundTrip() throws {
        let history = try TaskHistory(path: try Fixture.tempDir() + "/h/tasks.sqlite")
        #expect(try history.journalMode() == "wal")
        let inserted = try history.insert(Self.record("fox"))
        let id = try #require(inserted.localID)
        #expect(inserted.status == TaskRecord.sending)
        try history.update(id) {
            $0.taskID = "task-unified-1-abcdefgh"
            $0.status = "completed"
            $0.resultURLs = ["https://r/1.png", "https://r/2.png"]
        }
        let byTask = try #require(try history.find("task-unified-1-abcdefgh"))
        #expect(byTask.localID == id)
        #expect(byTask.resultURLs == ["https://r/1.png", "https://r/2.png"])
        #expect(byTask.request == GenerationRequest(prompt: "fox", n: 1))
        #expect(try history.find("#\(id)")?.prompt == "fox")
        #expect(try history.find(String(id))?.idempotencyKey == inserted.idempotencyKey)
        #expect(try history.find(inserted.idempotencyKey)?.localID == id)
        #expect(try history.find("nope") == nil)
    }

    @Test func keepsNewestNButNeverOpenOnes() throws {
        let history = try TaskHistory(path: try Fixture.tempDir() + "/tasks.sqlite", keep: 3)
        let open = try history.insert(Self.record("still running"))   // stays `sending`
        for i in 0..<6 {
            let record = try history.insert(Self.record("done \(i)"))
            try history.update(record.localID!) { $0.status = "completed" }
        }
        let prompts = try history.list().map(\.prompt)
        #expect(prompts == ["done 5", "done 4", "done 3", "still running"])
        #expect(try history.find(String(open.localID!)) != nil)
    }

    @Test func inMemoryHistoryKeepsRecordsWithoutAFile() throws {
        let history = try TaskHistory(inMemory: 2)
        #expect(history.path == ":memory:")
        #expect(try history.journalMode() == "memory")
        for i in 0..<3 {
            let record = try history.insert(Self.record("m\(i)"))
            try history.update(record.localID!) { $0.status = "completed" }
        }
        #expect(try history.list().map(\.prompt) == ["m2", "m1"])
    }

    @Test func twoConcurrentWritersKeepEveryRow() async throws {
        let path = try Fixture.tempDir() + "/tasks.sqlite"
        let first = try TaskHistory(path: path, keep: 1000)
        let second = try TaskHistory(path: path, keep: 1000)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for (name, history) in [("a", first), ("b", second)] {
                group.addTask {
                    for i in 0..<40 {
                        let record = try history.insert(Self.record("\(name)\(i)"))
                        try history.update(record.localID!) { $0.progress = i }
                    }
                }
            }
            try await group.waitForAll()
        }
        let all = try TaskHistory(path: path, keep: 1000).list()
        #expect(all.count == 80)
        #expect(Set(all.map(\.prompt)).count == 80)
    }

    /// Processes that open one new history together all migrate it; the losers of that race must not fail
    /// (CI saw `table "batch_item" already exists` from two concurrent `submit`s).
    @Test func manyOpenersOfANewHistoryAllSucceed() throws {
        for round in 0..<10 {
            let path = try Fixture.tempDir() + "/race\(round)/tasks.sqlite"
            let outcomes = Mutex<[String]>([])
            let done = DispatchGroup()
            for _ in 0..<6 {  // threads of their own, not the 2-core cooperative pool: six openers at once
                done.enter()
                Thread {
                    let outcome: String
                    do { outcome = "\(try TaskHistory(path: path).list().count) records" } catch { outcome = "\(error)" }
                    outcomes.withLock { $0.append(outcome) }
                    done.leave()
                }.start()
            }
            done.wait()
            #expect(outcomes.withLock { $0 } == Array(repeating: "0 records", count: 6))
            let history = try TaskHistory(path: path)
            _ = try history.insert(Self.record("after the race"))
            #expect(try history.list().map(\.prompt) == ["after the race"])
        }
    }

    @Test func fileIsPrivate() throws {
        let dir = try Fixture.tempDir() + "/store"
        _ = try TaskHistory(path: dir + "/tasks.sqlite")
        let attributes = try FileManager.default.attributesOfItem(atPath: dir + "/tasks.sqlite")
        let mode = try #require(attributes[.posixPermissions] as? Int)
        #expect(mode & 0o077 == 0)
    }

    @Test func defaultPathFollowsXDG() {
        #expect(TaskHistory.defaultPath(environment: ["XDG_DATA_HOME": "/x", "HOME": "/h"]) == "/x/imageprep/tasks.sqlite")
        #expect(TaskHistory.defaultPath(environment: ["HOME": "/h"]) == "/h/.local/share/imageprep/tasks.sqlite")
    }
}
