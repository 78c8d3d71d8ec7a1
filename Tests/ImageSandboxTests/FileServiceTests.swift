import Foundation
import ImageSandbox
import NIOHTTP1
import Testing

@Suite("Sandbox file service")
struct FileServiceTests {
    static let uploadKeys: Set<String> = ["file_id", "file_name", "original_name", "file_size", "mime_type", "upload_path",
                                          "file_url", "download_url", "upload_time", "expires_at"]

    @Test func streamUploadIsServedBackByteForByte() async throws {
        let clock = ManualClock()
        try await withSandbox(testConfiguration(clock: clock)) { sandbox, http in
            let reply = try await http.uploadStream(Fixture.pngSignature, fileName: "cat photo.png", fields: ["upload_path": "demo"])
            #expect(reply.status == 200)
            #expect(reply.json["success"] as? Bool == true)
            #expect(reply.json["code"] as? Int == 200)
            #expect(reply.json["msg"] as? String == "File uploaded successfully")
            let data = reply.data
            #expect(Set(data.keys) == Self.uploadKeys)
            #expect(data["file_size"] as? Int == Fixture.pngSignature.count)
            #expect(data["mime_type"] as? String == "image/png")
            #expect(data["original_name"] as? String == "cat photo.png")
            #expect(data["file_name"] as? String == "cat_photo.png")
            #expect(data["upload_path"] as? String == "demo")
            let id = try #require(data["file_id"] as? String)
            #expect(data["file_url"] as? String == "\(sandbox.baseURL)/files/\(id)/cat_photo.png")
            let uploaded = Date(timeIntervalSince1970: clock.now).ISO8601Format()
            let expires = Date(timeIntervalSince1970: clock.now + 72 * 3600).ISO8601Format()
            #expect(data["upload_time"] as? String == uploaded)
            #expect(data["expires_at"] as? String == expires)

            let served = try await http.get(try #require(data["file_url"] as? String), auth: false)
            #expect(served.status == 200)
            #expect(served.body == Fixture.pngSignature)
            #expect(served.headers.first(name: "Content-Type") == "image/png")
            let download = try await http.get(try #require(data["download_url"] as? String), auth: false)
            #expect(download.body == Fixture.pngSignature)
            #expect(download.headers.first(name: "Content-Disposition")?.hasPrefix("attachment") == true)
        }
    }

    @Test func base64UploadAcceptsDataURLsAndRawBase64() async throws {
        try await withSandbox(testConfiguration()) { _, http in
            let encoded = Data(Fixture.gif).base64EncodedString()
            let dataURL = try await http.post("/api/v1/files/upload/base64",
                                              json: ["base64_data": "data:image/gif;base64,\(encoded)", "file_name": "a.gif"])
            #expect(dataURL.status == 200)
            #expect(dataURL.data["mime_type"] as? String == "image/gif")
            #expect(dataURL.data["file_name"] as? String == "a.gif")
            let raw = try await http.post("/api/v1/files/upload/base64", json: ["base64_data": encoded, "upload_path": "raw"])
            #expect(raw.status == 200)
            #expect(raw.data["file_size"] as? Int == Fixture.gif.count)
            #expect((raw.data["file_name"] as? String)?.hasSuffix(".gif") == true)
            let served = try await http.get(try #require(raw.data["file_url"] as? String), auth: false)
            #expect(served.body == Fixture.gif)

            let bad = try await http.post("/api/v1/files/upload/base64", json: ["base64_data": "!!!not base64!!!"])
            #expect(bad.status == 400)
            #expect(bad.json["success"] as? Bool == false)
            #expect(bad.json["code"] as? Int == 40000 || bad.json["code"] as? Int == 40002)
        }
    }

    @Test func urlUploadFetchesFromTheSandboxAndLoopbackOnly() async throws {
        try await withSandbox(testConfiguration()) { _, http in
            let first = try await http.uploadStream(Fixture.gif, fileName: "source.gif")
            let url = try #require(first.data["file_url"] as? String)
            let copy = try await http.post("/api/v1/files/upload/url", json: ["file_url": url, "file_name": "copy.gif"])
            #expect(copy.status == 200)
            #expect(copy.data["file_name"] as? String == "copy.gif")
            #expect(copy.data["file_size"] as? Int == Fixture.gif.count)
            #expect(try await http.get(try #require(copy.data["file_url"] as? String), auth: false).body == Fixture.gif)

            let external = try await http.post("/api/v1/files/upload/url", json: ["file_url": "https://example.com/cat.png"])
            #expect(external.status == 400)
            #expect(external.json["code"] as? Int == 40004)
            let missing = try await http.post("/api/v1/files/upload/url", json: ["file_url": url.replacingOccurrences(of: "source", with: "nope")])
            #expect(missing.status == 400)
            #expect(missing.json["code"] as? Int == 40004)
        }
    }

    @Test func typeAndSizeAreChecked() async throws {
        try await withSandbox(testConfiguration { $0.maxFileBytes = 64 }) { _, http in
            let text = try await http.uploadStream(Array("just some text".utf8), fileName: "notes.png")
            #expect(text.status == 400)
            #expect(text.json["code"] as? Int == 40002)
            #expect(text.json["success"] as? Bool == false)
            #expect(text.json.keys.contains("data"))
            let big = try await http.uploadStream(Fixture.gif + [UInt8](repeating: 0, count: 65), fileName: "big.gif")
            #expect(big.status == 413)
            #expect(big.json["code"] as? Int == 40001)
            let noFile = try await http.send(.POST, "/api/v1/files/upload/stream", body: Array("x".utf8),
                                             headers: [("Content-Type", "text/plain")])
            #expect(noFile.status == 400)
            #expect(noFile.json["code"] as? Int == 40000)
        }
    }

    @Test func listQuotaDeleteAndTheQuotaLimit() async throws {
        let clock = ManualClock()
        try await withSandbox(testConfiguration(clock: clock) { $0.maxFiles = 3 }) { _, http in
            var ids: [String] = []
            for i in 0..<3 {
                clock.advance(by: 1)
                let reply = try await http.uploadStream(Fixture.gif, fileName: "f\(i).gif")
                ids.append(try #require(reply.data["file_id"] as? String))
            }
            let full = try await http.uploadStream(Fixture.gif, fileName: "f3.gif")
            #expect(full.status == 403)
            #expect(full.json["code"] as? Int == 40003)
            // Same name replaces instead of counting twice.
            let replaced = try await http.uploadStream(Fixture.pngSignature, fileName: "f2.gif")
            #expect(replaced.status == 200)

            let quota = try await http.get("/api/v1/files/quota")
            #expect(quota.data["used_files"] as? Int == 3)
            #expect(quota.data["max_files"] as? Int == 3)
            #expect(quota.data["remain_files"] as? Int == 0)
            #expect(quota.data["user_group"] as? String == "default")

            let page1 = try await http.get("/api/v1/files/list?page=1&pageSize=2")
            #expect(page1.data["total"] as? Int == 3)
            let names1 = (page1.data["files"] as? [[String: Any]])?.compactMap { $0["file_name"] as? String }
            #expect(names1 == ["f2.gif", "f1.gif"])
            let page2 = try await http.get("/api/v1/files/list?page=2&pageSize=2")
            #expect((page2.data["files"] as? [[String: Any]])?.compactMap { $0["file_name"] as? String } == ["f0.gif"])
            let badPage = try await http.get("/api/v1/files/list?page=0")
            #expect(badPage.status == 400)
            #expect(badPage.json["code"] as? Int == 40000)

            let deleted = try await http.send(.DELETE, "/api/v1/files/\(ids[0])")
            #expect(deleted.status == 200)
            #expect(deleted.json["success"] as? Bool == true)
            let again = try await http.send(.DELETE, "/api/v1/files/\(ids[0])")
            #expect(again.status == 404)
            #expect(again.json["code"] as? Int == 40400)
            #expect(try await http.get("/files/\(ids[0])/f0.gif", auth: false).status == 404)
            #expect(try await http.get("/api/v1/files/quota").data["used_files"] as? Int == 2)
        }
    }

    @Test func uploadsExpireAfter72Hours() async throws {
        let clock = ManualClock()
        try await withSandbox(testConfiguration(clock: clock)) { _, http in
            let reply = try await http.uploadStream(Fixture.gif, fileName: "old.gif")
            let url = try #require(reply.data["file_url"] as? String)
            clock.advance(by: 72 * 3600 - 1)
            #expect(try await http.get(url, auth: false).status == 200)
            clock.advance(by: 1)
            #expect(try await http.get(url, auth: false).status == 404)
            #expect(try await http.get("/api/v1/files/quota").data["used_files"] as? Int == 0)
            #expect(try await http.get("/api/v1/files/list").data["total"] as? Int == 0)
        }
    }

    @Test func scaledClockExpiresUploadsInRealTime() async throws {
        // 72 h at a factor of 2.6e6 is about 0.1 real seconds.
        try await withSandbox(testConfiguration { $0.clock = .scaled(by: 2_600_000) }) { _, http in
            let reply = try await http.uploadStream(Fixture.gif, fileName: "fast.gif")
            let url = try #require(reply.data["file_url"] as? String)
            var status = 200
            for _ in 0..<100 where status == 200 {
                try await Task.sleep(for: .milliseconds(20))
                status = try await http.get(url, auth: false).status
            }
            #expect(status == 404)
        }
    }
}
