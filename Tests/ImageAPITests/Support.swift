import Foundation
import ImageAPI
import Synchronization

/// A sleeper that returns at once, records every requested wait and advances virtual time by it.
final class FakeSleeper: Sleeper {
    private let state = Mutex<(sleeps: [Duration], now: Duration)>(([], .zero))

    var sleeps: [Duration] { state.withLock { $0.sleeps } }

    func sleep(for duration: Duration) async throws {
        try Task.checkCancellation()
        state.withLock {
            $0.sleeps.append(duration)
            $0.now += duration
        }
    }

    func elapsed() -> Duration { state.withLock { $0.now } }
}

enum Fixture {
    static let key = "sk-evo-TESTSECRET-0123456789abcdef"
    static let base = "https://api.test.example"
    static let files = "https://files.test.example"

    static func configuration() -> APIConfiguration {
        APIConfiguration(baseURL: base, filesURL: files + "/", apiKey: APIKey(key))
    }

    static func client(_ transport: InMemoryTransport, sleeper: FakeSleeper = FakeSleeper(),
                       retry: RetryPolicy = RetryPolicy()) -> ImageAPIClient {
        ImageAPIClient(configuration: configuration(), transport: transport, retryPolicy: retry, sleeper: sleeper,
                       random: { 0.5 })
    }

    static func json(_ status: Int = 200, _ text: String, headers: [String: String] = [:]) -> TransportResponse {
        TransportResponse(status: status, headers: ["Content-Type": "application/json"].merging(headers) { $1 },
                          body: Array(text.utf8))
    }

    static func json(_ text: String) -> TransportResponse { json(200, text) }

    static func task(_ id: String = "task-unified-1757156493-imcg5zqt", status: String, progress: Int = 0,
                     results: [String] = [], error: String? = nil) -> TransportResponse {
        var fields = [#""id":"\#(id)""#, #""status":"\#(status)""#, #""progress":\#(progress)"#,
                      #""object":"image.generation.task""#, #""model":"gpt-4o-image""#]
        if !results.isEmpty {
            fields.append(#""results":[\#(results.map { "\"\($0)\"" }.joined(separator: ","))]"#)
        }
        if let error { fields.append(#""error":{"code":"\#(error)","message":"it failed"}"#) }
        return json("{" + fields.joined(separator: ",") + "}")
    }

    static func uploaded(_ url: String) -> TransportResponse {
        json(#"{"success":true,"code":200,"msg":"File uploaded successfully","data":{"file_id":"f1","file_name":"a.png","file_url":"\#(url)","file_size":12,"mime_type":"image/png"}}"#)
    }

    /// Bytes that sniff as PNG (signature + filler); enough for upload and request-rule tests.
    static let pngLike: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + Array(repeating: 7, count: 64)
    static let jpegLike: [UInt8] = [0xFF, 0xD8, 0xFF, 0xE0] + Array(repeating: 1, count: 64)

    /// A fresh temporary directory.
    static func tempDir() throws -> String {
        let path = NSTemporaryDirectory() + "imageapi-tests-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    static func write(_ bytes: [UInt8], _ path: String) throws -> String {
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    static func path(of request: TransportRequest) -> String {
        URLComponents(string: request.url)?.path ?? request.url
    }

    static func bodyText(_ request: TransportRequest) -> String {
        String(decoding: request.body ?? [], as: UTF8.self)
    }

    static func bodyJSON(_ request: TransportRequest) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(request.body ?? [])) as? [String: Any] ?? [:]
    }
}
