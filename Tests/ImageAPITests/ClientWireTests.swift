import Foundation
import Synchronization
import ImageAPI
import ImagePrep
import ImageRules
import Testing

@Suite struct ClientWireTests {
    @Test func createSendsDocumentedRequest() async throws {
        let transport = InMemoryTransport { _, _ in Fixture.task(status: "pending") }
        let client = Fixture.client(transport)
        let request = GenerationRequest(prompt: "a red fox", size: "1024x1024", n: 2,
                                        imageURLs: ["https://files.test.example/f/a.png"],
                                        maskURL: "https://files.test.example/f/m.png",
                                        callbackURL: "https://hooks.example.com/cb")
        let task = try await client.createTask(request, idempotencyKey: "key-123")
        #expect(task.id == "task-unified-1757156493-imcg5zqt")
        #expect(task.status == .pending)

        let sent = try #require(transport.requests.first)
        #expect(sent.method == "POST")
        #expect(sent.url == "https://api.test.example/v1/images/generations")
        #expect(sent.header("Authorization") == "Bearer \(Fixture.key)")
        #expect(sent.header("Idempotency-Key") == "key-123")
        #expect(sent.header("Content-Type") == "application/json")
        #expect(sent.header("User-Agent")?.hasPrefix("imageprep/") == true)
        let json = try Fixture.bodyJSON(sent)
        #expect(json["model"] as? String == "gpt-4o-image")
        #expect(json["prompt"] as? String == "a red fox")
        #expect(json["size"] as? String == "1024x1024")
        #expect(json["n"] as? Int == 2)
        #expect(json["image_urls"] as? [String] == ["https://files.test.example/f/a.png"])
        #expect(json["mask_url"] as? String == "https://files.test.example/f/m.png")
        #expect(json["callback_url"] as? String == "https://hooks.example.com/cb")
        #expect(json.count == 7)
    }

    @Test func textToImageOmitsAbsentFields() async throws {
        let transport = InMemoryTransport { _, _ in Fixture.task(status: "pending") }
        _ = try await Fixture.client(transport).createTask(GenerationRequest(prompt: "x"), idempotencyKey: "k")
        let json = try Fixture.bodyJSON(try #require(transport.requests.first))
        #expect(Set(json.keys) == ["model", "prompt"])
    }

    @Test func taskGetPath() async throws {
        let transport = InMemoryTransport { _, _ in Fixture.task(status: "processing", progress: 40) }
        let task = try await Fixture.client(transport).task(id: "task-unified-1757156493-imcg5zqt")
        #expect(task.progress == 40)
        let sent = try #require(transport.requests.first)
        #expect(sent.method == "GET")
        #expect(sent.url == "https://api.test.example/v1/tasks/task-unified-1757156493-imcg5zqt")
        #expect(sent.header("Authorization") == "Bearer \(Fixture.key)")
        #expect(sent.header("Idempotency-Key") == nil)
    }

    @Test func multipartUpload() async throws {
        let dir = try Fixture.tempDir()
        let file = try Fixture.write(Fixture.pngLike, dir + "/photo.bin")
        let transport = InMemoryTransport { _, _ in Fixture.uploaded("https://files.test.example/u/photo.png") }
        let uploaded = try await Fixture.client(transport).upload(file: file)
        #expect(uploaded.fileURL == "https://files.test.example/u/photo.png")

        let sent = try #require(transport.requests.first)
        #expect(sent.method == "POST")
        #expect(sent.url == "https://files.test.example/api/v1/files/upload/stream")
        #expect(sent.header("Authorization") == "Bearer \(Fixture.key)")
        let contentType = try #require(sent.header("Content-Type"))
        #expect(contentType.hasPrefix("multipart/form-data; boundary="))
        let boundary = String(contentType.dropFirst("multipart/form-data; boundary=".count))
        let body = try #require(sent.body)
        let head = Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"photo.png\"\r\nContent-Type: image/png\r\n\r\n".utf8)
        #expect(Array(body.prefix(head.count)) == head)
        #expect(Array(body[head.count..<(head.count + Fixture.pngLike.count)]) == Fixture.pngLike)
        let text = String(decoding: body, as: UTF8.self)
        #expect(text.contains("name=\"file_name\"\r\n\r\nphoto.png\r\n"))
        #expect(text.hasSuffix("--\(boundary)--\r\n"))
    }

    @Test func base64AndURLUploads() async throws {
        let dir = try Fixture.tempDir()
        let file = try Fixture.write(Fixture.jpegLike, dir + "/p.jpg")
        let transport = InMemoryTransport { _, _ in Fixture.uploaded("https://files.test.example/u/x") }
        let client = Fixture.client(transport)
        _ = try await client.upload(file: file, variant: .base64)
        _ = try await client.upload(remoteURL: "https://example.com/a.png")
        let (b64, byURL) = (transport.requests[0], transport.requests[1])
        #expect(b64.url == "https://files.test.example/api/v1/files/upload/base64")
        let json = try Fixture.bodyJSON(b64)
        #expect(json["base64_data"] as? String == "data:image/jpeg;base64," + Data(Fixture.jpegLike).base64EncodedString())
        #expect(json["file_name"] as? String == "p.jpg")
        #expect(byURL.url == "https://files.test.example/api/v1/files/upload/url")
        #expect(try Fixture.bodyJSON(byURL)["file_url"] as? String == "https://example.com/a.png")
    }

    @Test func resolveUploadsFilesKeepsURLsAndOrder() async throws {
        let dir = try Fixture.tempDir()
        let files = try (0..<4).map { try Fixture.write(Fixture.pngLike, dir + "/r\($0).png") }
        let transport = InMemoryTransport { request, _ in
            let name = Fixture.bodyText(request).components(separatedBy: "filename=\"")[1].prefix { $0 != "\"" }
            return Fixture.uploaded("https://files.test.example/u/\(name)")
        }
        let sources: [BundleInput] = [.file(files[0]), .url("https://cdn.example.com/x.jpg"), .file(files[1]),
                                      .file(files[2]), .file(files[3])]
        let urls = try await Fixture.client(transport).resolve(sources, concurrency: 2)
        #expect(urls == ["https://files.test.example/u/r0.png", "https://cdn.example.com/x.jpg",
                         "https://files.test.example/u/r1.png", "https://files.test.example/u/r2.png",
                         "https://files.test.example/u/r3.png"])
        #expect(transport.requests.count == 4)
    }

    @Test func uploadsAreBounded() async throws {
        let dir = try Fixture.tempDir()
        let files = try (0..<5).map { try Fixture.write(Fixture.pngLike, dir + "/b\($0).png") }
        let inFlight = Mutex((now: 0, most: 0))
        let transport = InMemoryTransport { _, _ in
            inFlight.withLock { $0.now += 1; $0.most = max($0.most, $0.now) }
            try await Task.sleep(for: .milliseconds(20))
            inFlight.withLock { $0.now -= 1 }
            return Fixture.uploaded("https://files.test.example/u/x.png")
        }
        let urls = try await Fixture.client(transport).resolve(files.map { .file($0) }, concurrency: 2)
        #expect(urls.count == 5)
        #expect(transport.requests.count == 5)
        #expect(inFlight.withLock { $0.most } <= 2)
    }

    @Test func nonImageFileIsNotUploaded() async throws {
        let dir = try Fixture.tempDir()
        let file = try Fixture.write(Array("hello".utf8), dir + "/a.png")
        let transport = InMemoryTransport { _, _ in Fixture.uploaded("x") }
        let error = try await #require(throws: ClientError.self) { try await Fixture.client(transport).upload(file: file) }
        #expect(error.kind == .invalidInput)
        #expect(transport.requests.isEmpty)
    }

    @Test func keyIsNotSentToForeignOrigins() async throws {
        let dir = try Fixture.tempDir()
        let transport = InMemoryTransport { _, _ in TransportResponse(status: 200, body: Fixture.pngLike) }
        let client = Fixture.client(transport)
        try await client.download("https://cdn.elsewhere.example/r.png", to: dir + "/a")
        try await client.download("https://api.test.example.evil.example/r.png", to: dir + "/b")
        try await client.download("https://files.test.example/r.png", to: dir + "/c")
        #expect(transport.requests[0].header("Authorization") == nil)
        #expect(transport.requests[1].header("Authorization") == nil)
        #expect(transport.requests[2].header("Authorization") != nil)
        #expect(try Data(contentsOf: URL(fileURLWithPath: dir + "/a")) == Data(Fixture.pngLike))
    }

    @Test func traceRedactsTheKey() async throws {
        let lines = LinesBox()
        let transport = InMemoryTransport { _, _ in Fixture.json(401, #"{"error":{"message":"bad \#(Fixture.key)"}}"#) }
        var client = Fixture.client(transport)
        client.trace = { lines.append($0) }
        _ = try? await client.task(id: "task-unified-1-abcdefgh")
        #expect(!lines.all.isEmpty)
        #expect(lines.all.contains { $0.contains("Authorization: Bearer <redacted>") })
        #expect(!lines.all.joined().contains(Fixture.key))
    }
}

final class LinesBox: Sendable {
    private let lines = Mutex<[String]>([])
    func append(_ line: String) { lines.withLock { $0.append(line) } }
    var all: [String] { lines.withLock { $0 } }
}
