import Foundation
import ImagePrepTestSupport
import Testing

@Suite struct TasksCLITests {
    @Test func helpListsSubmitAndTasks() throws {
        let result = try CommandRunner.run(["--help"])
        #expect(result.stdout.contains("submit"))
        #expect(result.stdout.contains("tasks"))
        let tasks = try CommandRunner.run(["tasks", "--help"])
        for sub in ["list", "show", "wait", "download"] { #expect(tasks.stdout.contains(sub)) }
    }

    @Test func emptyHistoryListsHeader() throws {
        let dir = try CommandRunner.temporaryDirectory()
        let result = try CommandRunner.run(["tasks", "list", "--store", dir + "/t.sqlite"])
        #expect(result.status == 0)
        #expect(result.stdout == "0 running · 0 completed\n")
    }

    @Test func ruleFailureExitsOneAndSendsNothing() throws {
        let dir = try CommandRunner.temporaryDirectory()
        let env = ["IMAGEPREP_API_KEY": "sk-evo-CLISECRET-42", "IMAGEPREP_BASE_URL": "http://127.0.0.1:1",
                   "IMAGEPREP_FILES_URL": "http://127.0.0.1:1"]
        let result = try CommandRunner.run(["submit", "--prompt", "x", "--n", "3", "--store", dir + "/t.sqlite"], environment: env)
        #expect(result.status == 1)
        #expect(result.stderr.contains("expected n to be 1, 2 or 4"))
        let list = try CommandRunner.run(["tasks", "list", "--store", dir + "/t.sqlite"])
        #expect(list.stdout == "0 running · 0 completed\n")
        #expect(!(result.stdout + result.stderr).contains("CLISECRET"))
    }

    @Test func missingKeyIsAUsageError() throws {
        let dir = try CommandRunner.temporaryDirectory()
        let result = try CommandRunner.run(["submit", "--prompt", "x", "--store", dir + "/t.sqlite"],
                                           environment: ["IMAGEPREP_API_KEY": "", "HOME": dir, "XDG_CONFIG_HOME": dir])
        #expect(result.status == 2)
        #expect(result.stderr.contains("no API key"))
    }

    @Test func unknownTaskIsReported() throws {
        let dir = try CommandRunner.temporaryDirectory()
        let result = try CommandRunner.run(["tasks", "show", "task-unified-1-abcdefgh", "--store", dir + "/t.sqlite"])
        #expect(result.status != 0)
        #expect(result.stderr.contains("no task task-unified-1-abcdefgh"))
    }
}
