import AsyncHTTPClient
import Foundation
import ImageSandbox
import NIOCore
import NIOHTTP1

/// A minimal HTTP client over real loopback sockets for the sandbox tests.
struct TestHTTP: Sendable {
    struct Reply: Sendable {
        var status: Int
        var headers: HTTPHeaders
        var body: [UInt8]

        /// The body as a JSON object.
        var json: [String: Any] {
            (try? JSONSerialization.jsonObject(with: Data(body))) as? [String: Any] ?? [:]
        }
        /// `error` of an API error body.
        var error: [String: Any] { json["error"] as? [String: Any] ?? [:] }
        /// `data` of a file-service envelope.
        var data: [String: Any] { json["data"] as? [String: Any] ?? [:] }
    }

    static let client: HTTPClient = {
        var configuration = HTTPClient.Configuration()
        configuration.connectionPool.retryConnectionEstablishment = false   // a refused connect fails at once
        return HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }()

    var baseURL: String
    var key: String?

    init(_ sandbox: RunningSandbox, key: String? = nil) {
        baseURL = sandbox.baseURL
        self.key = key ?? sandbox.apiKey
    }

    func send(_ method: HTTPMethod, _ path: String, body: [UInt8]? = nil, headers: [(String, String)] = [],
              auth: Bool = true) async throws -> Reply {
        var request = HTTPClientRequest(url: path.hasPrefix("http") ? path : baseURL + path)
        request.method = method
        if auth, let key { request.headers.add(name: "Authorization", value: "Bearer \(key)") }
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        if let body { request.body = .bytes(ByteBuffer(bytes: body)) }
        let response = try await Self.client.execute(request, timeout: .seconds(300))  // generous: the suite runs beside CPU-heavy tests on 2 cores
        let bytes = try await response.body.collect(upTo: 64 << 20)
        return Reply(status: Int(response.status.code), headers: response.headers, body: [UInt8](buffer: bytes))
    }

    func get(_ path: String, auth: Bool = true) async throws -> Reply {
        try await send(.GET, path, auth: auth)
    }

    func post(_ path: String, json: [String: Any], headers: [(String, String)] = []) async throws -> Reply {
        let body = try JSONSerialization.data(withJSONObject: json)
        return try await send(.POST, path, body: [UInt8](body), headers: [("Content-Type", "application/json")] + headers)
    }

    /// POST /v1/images/generations.
    func create(_ json: [String: Any], headers: [(String, String)] = []) async throws -> Reply {
        try await post("/v1/images/generations", json: json, headers: headers)
    }

    /// A multipart/form-data upload to /api/v1/files/upload/stream.
    func uploadStream(_ bytes: [UInt8], fileName: String, fields: [String: String] = [:]) async throws -> Reply {
        let boundary = "----imageprep-test-boundary"
        var body: [UInt8] = []
        for (name, value) in fields.sorted(by: { $0.key < $1.key }) {
            body += Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n".utf8)
        }
        body += Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"\(fileName)\"\r\nContent-Type: application/octet-stream\r\n\r\n".utf8)
        body += bytes
        body += Array("\r\n--\(boundary)--\r\n".utf8)
        return try await send(.POST, "/api/v1/files/upload/stream", body: body,
                              headers: [("Content-Type", "multipart/form-data; boundary=\(boundary)")])
    }
}

/// Runs `body` against a fresh sandbox and shuts it down afterwards, on every path.
func withSandbox<T>(_ configuration: SandboxConfiguration = SandboxConfiguration(),
                    _ body: (RunningSandbox, TestHTTP) async throws -> T) async throws -> T {
    let sandbox = try await Sandbox.start(configuration)
    do {
        let result = try await body(sandbox, TestHTTP(sandbox))
        try await sandbox.shutdown()
        return result
    } catch {
        try? await sandbox.shutdown()
        throw error
    }
}

/// A configuration on a manual clock with short tasks and scaled callback retries.
func testConfiguration(clock: ManualClock = ManualClock(), _ change: (inout SandboxConfiguration) -> Void = { _ in })
    -> SandboxConfiguration {
    var configuration = SandboxConfiguration(taskDuration: 10, clock: .manual(clock),
                                             callbackRetryDelays: [.milliseconds(20), .milliseconds(40), .milliseconds(80)],
                                             sweepInterval: .milliseconds(5))
    // A callback that takes 10 s to answer is a failure in production; here a loaded machine can take that long.
    configuration.callbackTimeout = .seconds(120)
    change(&configuration)
    return configuration
}

/// Small stand-ins for image files: the upload path sniffs signatures, it does not decode.
enum Fixture {
    static let gif: [UInt8] = Array("GIF89a".utf8) + [1, 0, 1, 0, 0, 0, 0]
    static let pngSignature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + [UInt8](repeating: 7, count: 40)
}
