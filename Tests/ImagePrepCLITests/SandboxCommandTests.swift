import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import ImagePrepTestSupport
import Testing

@Suite struct SandboxCommandTests {
    @Test func servesUntilSIGTERMThenStopsCleanly() async throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CommandRunner.executablePath)
        process.arguments = ["sandbox", "--port", "0", "--task-duration", "0", "--key", "sk-evo-cli-test"]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        defer { if process.isRunning { process.terminate() } }

        // The first line names the URL.
        var printed = Data()
        while !printed.contains(UInt8(ascii: "\n")) {
            let chunk = out.fileHandleForReading.availableData
            try #require(!chunk.isEmpty, "sandbox exited before printing its URL")
            printed += chunk
        }
        let firstLine = try #require(String(decoding: printed, as: UTF8.self).split(separator: "\n").first)
        let baseURL = try #require(firstLine.split(separator: " ").last.map(String.init))
        #expect(baseURL.hasPrefix("http://127.0.0.1:"))
        #expect(!String(decoding: printed, as: UTF8.self).contains("sk-evo-cli-test"))   // the key is never printed

        var request = URLRequest(url: try #require(URL(string: baseURL + "/v1/credits")))
        request.setValue("Bearer sk-evo-cli-test", forHTTPHeaderField: "Authorization")
        let (body, response) = try await URLSession.shared.data(for: request)
        #expect((response as? HTTPURLResponse)?.statusCode == 200)
        #expect(String(decoding: body, as: UTF8.self).contains("\"remaining_credits\":1000"))

        process.terminate()   // SIGTERM
        let rest = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        #expect(String(decoding: rest, as: UTF8.self).contains("sandbox stopped"))
    }

    @Test(arguments: [["--fail-rate", "2"], ["--rate-limit", "fast"], ["--latency", "0.5-0.1"], ["--port", "70000"]])
    func badFaultFlagsAreUsageErrors(_ flags: [String]) throws {
        let result = try CommandRunner.run(["sandbox"] + flags)
        #expect(result.status == 2)
        #expect(!result.stderr.isEmpty)
    }
}
