#if canImport(Glibc)
import Glibc
#endif
import Foundation
import ImageAPI
import ImageCodecs
import ImageCore
import ImagePrepTestSupport
import ImageSandbox
import Testing

/// The `imageprep` binary as a subprocess against an in-process sandbox: kill -9 and resume, two
/// concurrent submits, and the key in no output.
@Suite(.serialized) struct SandboxCLITests {
    static let key = "sk-evo-CLI-SANDBOX-SECRET-5t6y7u"

    static func environment(_ sandbox: RunningSandbox, home: String) -> [String: String] {
        ["IMAGEPREP_API_KEY": key, "IMAGEPREP_BASE_URL": sandbox.baseURL, "IMAGEPREP_FILES_URL": sandbox.baseURL,
         "IMAGEPREP_TIME_SCALE": "0.1", "HOME": home, "XDG_CONFIG_HOME": home, "XDG_DATA_HOME": home]
    }

    static func withSandbox<T>(taskDuration: Double, _ body: (RunningSandbox) async throws -> T) async throws -> T {
        let sandbox = try await Sandbox.start(SandboxConfiguration(apiKey: key, taskDuration: taskDuration))
        do {
            let result = try await body(sandbox)
            try await sandbox.shutdown()
            return result
        } catch {
            try? await sandbox.shutdown()
            throw error
        }
    }

    /// Starts `imageprep` without waiting for it; output goes to files in `dir`.
    static func launch(_ arguments: [String], environment: [String: String], dir: String, name: String) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CommandRunner.executablePath)
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        _ = FileManager.default.createFile(atPath: "\(dir)/\(name).out", contents: nil)
        _ = FileManager.default.createFile(atPath: "\(dir)/\(name).err", contents: nil)
        process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: "\(dir)/\(name).out"))
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: "\(dir)/\(name).err"))
        try process.run()
        return process
    }

    static func allBytes(under dir: String) throws -> Data {
        var data = Data()
        let enumerator = FileManager.default.enumerator(atPath: dir)
        while let name = enumerator?.nextObject() as? String {
            var isDir: ObjCBool = false
            if FileManager.default.fileExists(atPath: "\(dir)/\(name)", isDirectory: &isDir), !isDir.boolValue {
                data += (try? Data(contentsOf: URL(fileURLWithPath: "\(dir)/\(name)"))) ?? Data()
            }
        }
        return data
    }

    @Test func killDuringWaitThenTasksWaitSavesTheResults() async throws {
        let home = try CommandRunner.temporaryDirectory()
        let out = home + "/out"
        try await Self.withSandbox(taskDuration: 4) { sandbox in
            let env = Self.environment(sandbox, home: home)
            let submit = try Self.launch(["submit", "--prompt", "a kite over the sea", "-o", out, "--verbose"],
                                         environment: env, dir: home, name: "submit")
            // Wait until the task id is recorded, then kill the process mid-wait.
            let history = try TaskHistory(path: TaskHistory.defaultPath(environment: env))
            var record: TaskRecord?
            for _ in 0..<400 where record == nil {
                record = try history.list().first { $0.taskID != nil }
                if record == nil { try await Task.sleep(for: .milliseconds(25)) }
            }
            let taskID = try #require(record?.taskID)
            kill(submit.processIdentifier, SIGKILL)
            submit.waitUntilExit()
            #expect(submit.terminationReason == .uncaughtSignal)
            #expect((try? FileManager.default.contentsOfDirectory(atPath: out))?.filter { !$0.hasPrefix(".") }.isEmpty ?? true)
            #expect(try history.find(taskID)?.savedPaths.isEmpty == true)

            let resumed = try await CommandRunner.result(of: ["tasks", "wait", taskID, "--verbose"], environment: env)
            #expect(resumed.status == 0, "\(resumed.stderr)")
            let saved = resumed.stdout.split(separator: "\n").map(String.init)
            #expect(saved == ["\(out)/\(taskID)-1.png"])
            let info = try ImageDecoder.info(try ImageFile.read(saved[0]))
            #expect(info.format == .png)
            #expect(try history.find(taskID)?.status == "completed")
            #expect(try history.find(taskID)?.savedPaths == saved)

            let list = try await CommandRunner.result(of: ["tasks", "list"], environment: env)
            #expect(list.stdout.hasPrefix("0 running · 1 completed\n"))

            // The key is in no output, no log and not in the history database.
            let outputs = try Self.allBytes(under: home) + Data((resumed.stdout + resumed.stderr + list.stdout + list.stderr).utf8)
            #expect(outputs.range(of: Data(Self.key.utf8)) == nil)
            #expect(outputs.range(of: Data("Bearer <redacted>".utf8)) != nil)   // the verbose trace did run
        }
    }

    @Test func twoConcurrentSubmitsKeepBothRows() async throws {
        let home = try CommandRunner.temporaryDirectory()
        try await Self.withSandbox(taskDuration: 1) { sandbox in
            let env = Self.environment(sandbox, home: home)
            let processes = try (0..<2).map { i in
                // Time runs 10x fast here (IMAGEPREP_TIME_SCALE): a long poll budget keeps a loaded machine from failing it.
                try Self.launch(["submit", "--prompt", "concurrent \(i)", "-o", home + "/out", "--json", "--timeout", "6000"],
                                environment: env, dir: home, name: "submit\(i)")
            }
            for (i, process) in processes.enumerated() {
                await withCheckedContinuation { continuation in
                    DispatchQueue.global().async {
                        process.waitUntilExit()
                        continuation.resume()
                    }
                }
                let stderr = (try? String(contentsOfFile: "\(home)/submit\(i).err", encoding: .utf8)) ?? ""
                #expect(process.terminationStatus == 0, "submit \(i): \(stderr)")
            }
            let list = try await CommandRunner.result(of: ["tasks", "list", "--json"], environment: env)
            let records = try JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [[String: Any]] ?? []
            #expect(records.count == 2)
            #expect(Set(records.compactMap { $0["prompt"] as? String }) == ["concurrent 0", "concurrent 1"])
            #expect(records.allSatisfy { $0["status"] as? String == "completed" && ($0["saved_paths"] as? [String])?.count == 1 })
            #expect(try Self.allBytes(under: home).range(of: Data(Self.key.utf8)) == nil)
        }
    }

    @Test func sandboxFlagRunsOffline() async throws {
        let home = try CommandRunner.temporaryDirectory()
        let result = try await CommandRunner.result(of: ["submit", "--sandbox", "--sandbox-task-duration", "0.5", "--prompt", "offline", "-o", home + "/out"],
                                           environment: ["IMAGEPREP_API_KEY": "", "HOME": home, "XDG_DATA_HOME": home,
                                                         "XDG_CONFIG_HOME": home, "IMAGEPREP_TIME_SCALE": "0.1"])
        #expect(result.status == 0, "\(result.stderr)")
        let saved = result.stdout.split(separator: "\n")
        #expect(saved.count == 1)
        #expect(FileManager.default.fileExists(atPath: String(saved[0])))
    }

    @Test func submitsABundleManifestWithRelativePaths() async throws {
        let home = try CommandRunner.temporaryDirectory()
        try FileManager.default.createDirectory(atPath: home + "/bundle", withIntermediateDirectories: true)
        _ = try Fixture.write(try SandboxClientTests.png(width: 64, height: 64), home + "/bundle/photo.png")
        _ = try Fixture.write(Array(#"{"model":"gpt-4o-image","prompt":"from a bundle","images":["photo.png"],"n":2}"#.utf8),
                              home + "/bundle/bundle.json")
        let env = ["HOME": home, "XDG_DATA_HOME": home, "XDG_CONFIG_HOME": home, "IMAGEPREP_TIME_SCALE": "0.1"]
        let result = try await CommandRunner.result(of: ["submit", "--sandbox", "--sandbox-task-duration", "0.5", home + "/bundle/bundle.json",
                                            "-o", home + "/out", "--json"], environment: env)
        #expect(result.status == 0, "\(result.stderr)")
        let json = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any] ?? [:]
        #expect(json["prompt"] as? String == "from a bundle")
        #expect(json["inputs"] as? [String] == [home + "/bundle/photo.png"])
        #expect((json["saved_paths"] as? [String])?.count == 2)
        let broken = try await CommandRunner.result(of: ["submit", home + "/bundle/missing.json"], environment: env)
        #expect(broken.status == 2)
    }
}
