import ImageSandbox
import Testing

@Suite("Sandbox lifecycle")
struct LifecycleTests {
    @Test func bindsAFreeLoopbackPortAndStopsListeningOnShutdown() async throws {
        let sandbox = try await Sandbox.start(testConfiguration())
        #expect(sandbox.host == "127.0.0.1")
        #expect(sandbox.port > 0)
        #expect(sandbox.baseURL == "http://127.0.0.1:\(sandbox.port)")
        let http = TestHTTP(sandbox)
        #expect(try await http.get("/health", auth: false).json["status"] as? String == "ok")
        try await sandbox.shutdown()
        try await sandbox.shutdown()   // a second call is harmless
        await #expect(throws: (any Error).self) { try await http.get("/health", auth: false) }
    }

    @Test func aPortInUseIsAStartError() async throws {
        let first = try await Sandbox.start(testConfiguration())
        var clash = testConfiguration()
        clash.port = first.port
        await #expect(throws: Sandbox.StartError.self) { _ = try await Sandbox.start(clash) }
        try await first.shutdown()
    }
}
