import Foundation
import ImageSandbox
import Testing

/// Reference images and masks are fetched at create time; these checks need no decoding.
@Suite("Sandbox reference inputs")
struct ReferenceInputTests {
    static func upload(_ http: TestHTTP, _ bytes: [UInt8], _ name: String) async throws -> String {
        let reply = try await http.uploadStream(bytes, fileName: name)
        #expect(reply.status == 200)
        return try #require(reply.data["file_url"] as? String)
    }

    @Test func referenceOver10MBIs413() async throws {
        try await withSandbox(testConfiguration()) { _, http in
            let big = try await Self.upload(http, Fixture.pngSignature + [UInt8](repeating: 1, count: 10 * 1024 * 1024), "big.png")
            var body = GenerationTests.valid
            body["image_urls"] = [big]
            let reply = try await http.create(body)
            #expect(reply.status == 413)
            #expect(reply.error["type"] as? String == "request_too_large_error")
            #expect(reply.error["param"] as? String == "image_urls")
        }
    }

    @Test func referenceThatIsNotAnImageIs400() async throws {
        try await withSandbox(testConfiguration()) { _, http in
            let gif = try await Self.upload(http, Fixture.gif, "anim.gif")
            var body = GenerationTests.valid
            body["image_urls"] = [gif]
            let reply = try await http.create(body)
            #expect(reply.status == 400)
            #expect(reply.error["param"] as? String == "image_urls")
            #expect((reply.error["message"] as? String)?.contains("image_urls[0]") == true)
        }
    }

    @Test func unreachableAndMissingReferencesAre400() async throws {
        try await withSandbox(testConfiguration()) { sandbox, http in
            for url in ["\(sandbox.baseURL)/files/file-nope/x.png", "http://127.0.0.1:9/x.png", "http://10.0.0.1/x.png"] {
                var body = GenerationTests.valid
                body["image_urls"] = [url]
                let reply = try await http.create(body)
                #expect(reply.status == 400, "\(url)")
                #expect(reply.error["param"] as? String == "image_urls")
            }
            #expect(try await http.get("/v1/credits").json["reserved_credits"] as? Double == 0)
        }
    }
}
