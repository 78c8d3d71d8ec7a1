import Foundation
import NIOHTTP1
import ImageSandbox
import Testing

@Suite("Sandbox request validation")
struct ValidationTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var label: String
        var change: @Sendable (inout [String: Any]) -> Void
        var status: Int
        var type: String
        var param: String?
        var testDescription: String { label }
    }

    static let cases: [Case] = [
        Case(label: "model missing", change: { $0["model"] = nil }, status: 400, type: "invalid_request_error", param: "model"),
        Case(label: "unknown model", change: { $0["model"] = "dall-e-9" }, status: 404, type: "not_found_error", param: "model"),
        Case(label: "sibling model", change: { $0["model"] = "gpt-image-1" }, status: 403, type: "permission_error", param: "model"),
        Case(label: "prompt missing", change: { $0["prompt"] = nil }, status: 400, type: "invalid_request_error", param: "prompt"),
        Case(label: "prompt blank", change: { $0["prompt"] = "   " }, status: 400, type: "invalid_request_error", param: "prompt"),
        Case(label: "prompt 1001 chars", change: { $0["prompt"] = String(repeating: "é", count: 1001) }, status: 400,
             type: "invalid_request_error", param: "prompt"),
        Case(label: "size not in enum", change: { $0["size"] = "512x512" }, status: 400, type: "invalid_request_error", param: "size"),
        Case(label: "n = 3", change: { $0["n"] = 3 }, status: 400, type: "invalid_request_error", param: "n"),
        Case(label: "n is a string", change: { $0["n"] = "2" }, status: 400, type: "invalid_request_error", param: "n"),
        Case(label: "six image_urls", change: { $0["image_urls"] = (0..<6).map { "http://127.0.0.1:1/\($0).png" } }, status: 400,
             type: "invalid_request_error", param: "image_urls"),
        Case(label: "image_url not http", change: { $0["image_urls"] = ["ftp://127.0.0.1/a.png"] }, status: 400,
             type: "invalid_request_error", param: "image_urls"),
        Case(label: "public image_url", change: { $0["image_urls"] = ["https://example.com/a.png"] }, status: 400,
             type: "invalid_request_error", param: "image_urls"),
        Case(label: "mask without image", change: { $0["mask_url"] = "http://127.0.0.1:1/m.png" }, status: 400,
             type: "invalid_request_error", param: "mask_url"),
        Case(label: "mask with two images", change: {
            $0["image_urls"] = ["http://127.0.0.1:1/a.png", "http://127.0.0.1:1/b.png"]
            $0["mask_url"] = "http://127.0.0.1:1/m.png"
        }, status: 400, type: "invalid_request_error", param: "mask_url"),
        Case(label: "http callback", change: { $0["callback_url"] = "http://example.com/hook" }, status: 400,
             type: "invalid_request_error", param: "callback_url"),
        Case(label: "private callback", change: { $0["callback_url"] = "https://192.168.1.5/hook" }, status: 400,
             type: "invalid_request_error", param: "callback_url"),
        Case(label: "loopback callback", change: { $0["callback_url"] = "https://127.0.0.1:9/hook" }, status: 400,
             type: "invalid_request_error", param: "callback_url"),
        Case(label: "callback over 2048 chars", change: { $0["callback_url"] = "https://example.com/" + String(repeating: "a", count: 2040) },
             status: 400, type: "invalid_request_error", param: "callback_url"),
    ]

    @Test(arguments: cases)
    func invalidRequestsGetTheDocumentedError(_ testCase: Case) async throws {
        try await withSandbox(testConfiguration()) { _, http in
            var body = GenerationTests.valid
            testCase.change(&body)
            let reply = try await http.create(body)
            #expect(reply.status == testCase.status)
            #expect(reply.error["type"] as? String == testCase.type)
            #expect(reply.error["code"] as? Int == testCase.status)
            #expect(reply.error["param"] as? String == testCase.param)
            #expect((reply.error["message"] as? String)?.isEmpty == false)
            #expect(try await http.get("/v1/credits").json["reserved_credits"] as? Double == 0)
        }
    }

    @Test func bodyThatIsNotJSONIs400() async throws {
        try await withSandbox(testConfiguration()) { _, http in
            let reply = try await http.send(.POST, "/v1/images/generations", body: Array("model=gpt".utf8))
            #expect(reply.status == 400)
            #expect(reply.error["type"] as? String == "invalid_request_error")
        }
    }

    @Test func acceptedSizesAndCallbacks() async throws {
        try await withSandbox(testConfiguration()) { _, http in
            for size in ["1:1", "2:3", "3:2", "1024x1024", "1024x1536", "1536x1024"] {
                var body = GenerationTests.valid
                body["size"] = size
                body["callback_url"] = "https://hooks.example.com/imageprep"
                let reply = try await http.create(body)
                #expect(reply.status == 200, "size \(size)")
            }
        }
        try await withSandbox(testConfiguration { $0.allowInsecureCallbacks = true }) { _, http in
            var body = GenerationTests.valid
            body["callback_url"] = "http://127.0.0.1:9/hook"
            let reply = try await http.create(body)
            #expect(reply.status == 200)
        }
    }
}
