import AsyncHTTPClient
import Foundation
import ImageAPI
import ImagePrep
import ImageRules
import ImageSandbox
import ImageStudio
import NIOCore
import NIOHTTP1

/// A studio over a real sandbox on loopback, with a client that speaks to it as the page does.
struct StudioFixture: Sendable {
    let studio: RunningStudio
    let sandbox: RunningSandbox
    let history: TaskHistory
    let data: String

    struct Reply: Sendable {
        var status: Int
        var headers: HTTPHeaders
        var body: [UInt8]
        var json: [String: Any] { (try? JSONSerialization.jsonObject(with: Data(body))) as? [String: Any] ?? [:] }
        var text: String { String(decoding: body, as: UTF8.self) }
    }

    static let client: HTTPClient = {
        var configuration = HTTPClient.Configuration()
        configuration.connectionPool.retryConnectionEstablishment = false
        configuration.redirectConfiguration = .disallow
        return HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }()

    /// Runs `body` with a fresh studio (its own data folder and SQLite history) over a fresh sandbox whose
    /// tasks complete after `taskDuration` seconds; `checker` defaults to the built-in profiles.
    static func with<T>(taskDuration: Double = 0.5, checker: BundleRulesChecker = BundleRulesChecker(allowInsecureCallbacks: true),
                        _ body: (StudioFixture) async throws -> T) async throws -> T {
        let data = FileManager.default.temporaryDirectory.path + "/studio-test-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: data) }
        let sandbox = try await Sandbox.start(SandboxConfiguration(taskDuration: taskDuration))
        let history = try TaskHistory(path: data + "/tasks.sqlite")
        var runner = try sandbox.taskRunner(history: history, polling: PollingOptions(timeout: .seconds(60)))
        runner.checker = checker
        let studio: RunningStudio
        do {
            studio = try await Studio.start(StudioConfiguration(dataDirectory: data + "/studio", runner: runner, checker: checker,
                                                                target: "sandbox"))
        } catch {
            try? await sandbox.shutdown()
            throw error
        }
        let fixture = StudioFixture(studio: studio, sandbox: sandbox, history: history, data: data + "/studio")
        do {
            let result = try await body(fixture)
            try await studio.shutdown()
            try await sandbox.shutdown()
            return result
        } catch {
            try? await studio.shutdown()
            try? await sandbox.shutdown()
            throw error
        }
    }

    /// Sends a request with the token header (unless `token` is nil) and the given extra headers.
    func send(_ method: HTTPMethod, _ path: String, body: [UInt8]? = nil, token: String?? = .none,
              headers: [(String, String)] = []) async throws -> Reply {
        var request = HTTPClientRequest(url: studio.origin + path)
        request.method = method
        let presented: String? = token ?? studio.token
        if let presented { request.headers.add(name: "X-Studio-Token", value: presented) }
        for (name, value) in headers { request.headers.replaceOrAdd(name: name, value: value) }
        if let body { request.body = .bytes(ByteBuffer(bytes: body)) }
        let response = try await Self.client.execute(request, timeout: .seconds(60))
        let bytes = try await response.body.collect(upTo: 64 << 20)
        return Reply(status: Int(response.status.code), headers: response.headers, body: [UInt8](buffer: bytes))
    }

    func json(_ method: HTTPMethod, _ path: String, _ value: [String: Any]) async throws -> Reply {
        try await send(method, path, body: [UInt8](try JSONSerialization.data(withJSONObject: value)),
                       headers: [("Content-Type", "application/json")])
    }

    /// Uploads the file at `path` as the page does.
    func upload(_ path: String, name: String? = nil) async throws -> Reply {
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        let display = (name ?? (path as NSString).lastPathComponent).addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "x"
        return try await send(.POST, "/api/uploads?name=" + display, body: bytes)
    }
}
