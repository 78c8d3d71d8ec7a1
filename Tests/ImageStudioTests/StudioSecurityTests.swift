import Foundation
import ImagePrepTestSupport
import ImageAPI
import ImageRules
import ImageStudio
import NIOHTTP1
import Testing

@Suite("Studio security over loopback HTTP")
struct StudioSecurityTests {
    @Test func everyRouteNeedsTheToken() async throws {
        try await StudioFixture.with { studio in
            for path in ["/", "/static/studio.js", "/api/config", "/api/history", "/api/mask.png"] {
                let missing = try await studio.send(.GET, path, token: .some(nil))
                #expect(missing.status == 401, "\(path)")
                let wrong = try await studio.send(.GET, path, token: .some(String(repeating: "0", count: 64)))
                #expect(wrong.status == 403, "\(path)")
            }
            #expect(try await studio.send(.GET, "/api/config").status == 200)
        }
    }

    @Test func theTokenInTheURLSetsAStrictHttpOnlyCookieAndLeavesTheAddressBar() async throws {
        try await StudioFixture.with { studio in
            let first = try await studio.send(.GET, "/?token=\(studio.studio.token)", token: .some(nil))
            #expect(first.status == 303)
            #expect(first.headers["Location"].first == "/")
            let cookie = try #require(first.headers["Set-Cookie"].first)
            #expect(cookie.hasPrefix("imageprep_studio=\(studio.studio.token);"))
            #expect(cookie.contains("HttpOnly"))
            #expect(cookie.contains("SameSite=Strict"))
            let page = try await studio.send(.GET, "/", token: .some(nil), headers: [("Cookie", "imageprep_studio=\(studio.studio.token)")])
            #expect(page.status == 200)
            #expect(page.text.contains("data-testid=\"base-canvas\""))
            #expect(page.headers["Content-Security-Policy"].first?.contains("default-src 'self'") == true)
            #expect(page.headers["X-Frame-Options"].first == "DENY")
            let wrong = try await studio.send(.GET, "/?token=nope", token: .some(nil))
            #expect(wrong.status == 403)
            #expect(wrong.headers["Set-Cookie"].isEmpty)
        }
    }

    @Test func aForeignHostIsRefusedEvenWithTheToken() async throws {
        try await StudioFixture.with { studio in
            let rebinding = try await studio.send(.GET, "/api/config", headers: [("Host", "evil.example:\(studio.studio.port)")])
            #expect(rebinding.status == 403)
            #expect(rebinding.text.contains("Host"))
            let otherPort = try await studio.send(.GET, "/api/config", headers: [("Host", "127.0.0.1:1")])
            #expect(otherPort.status == 403)
            let localhost = try await studio.send(.GET, "/api/config", headers: [("Host", "localhost:\(studio.studio.port)")])
            #expect(localhost.status == 200)
        }
    }

    @Test func aForeignOriginIsRefusedEvenWithTheToken() async throws {
        try await StudioFixture.with { studio in
            let foreign = try await studio.json(.POST, "/api/check", ["prompt": "x"])
            #expect(foreign.status == 200)
            for origin in ["http://evil.example", "https://127.0.0.1:\(studio.studio.port)", "null"] {
                let reply = try await studio.send(.POST, "/api/check", body: Array(#"{"prompt":"x"}"#.utf8),
                                                  headers: [("Origin", origin), ("Content-Type", "application/json")])
                #expect(reply.status == 403, "\(origin)")
            }
            let crossSite = try await studio.send(.GET, "/api/history", headers: [("Sec-Fetch-Site", "cross-site")])
            #expect(crossSite.status == 403)
            let same = try await studio.send(.GET, "/api/history", headers: [("Origin", studio.studio.origin)])
            #expect(same.status == 200)
        }
    }

    @Test func uploadsOverTheProfileLimitAreRefusedAndNothingIsKept() async throws {
        var profiles = ProfileSet.builtIn
        var profile = try #require(profiles.profile(for: "gpt-4o-image"))
        profile.images.maxBytes = 4096
        profile.images.maxCount = 2
        try profiles.add(json: ProfileSet.json(of: profile), file: "test-rules.json")
        try await StudioFixture.with(checker: BundleRulesChecker(profiles: profiles, allowInsecureCallbacks: true)) { studio in
            let big = try await studio.upload(Corpus.samplesDirectory + "/photo-rotated.jpg")
            #expect(big.status == 413)
            #expect(big.text.contains("4096"))
            let config = try await studio.send(.GET, "/api/config")
            let models = try #require(config.json["models"] as? [[String: Any]])
            #expect(models.first { $0["model"] as? String == "gpt-4o-image" }?["maxBytes"] as? Int == 4096)
            let uploads = try #require((config.json["state"] as? [String: Any])?["uploads"] as? [Any])
            #expect(uploads.isEmpty)
            #expect((try? FileManager.default.contentsOfDirectory(atPath: studio.data + "/uploads"))?.isEmpty ?? true)
            let small = try await studio.upload(Corpus.samplesDirectory + "/logo-alpha.png")
            #expect(small.status == 200)
            #expect(try await studio.upload(Corpus.samplesDirectory + "/logo-alpha.png").status == 200)
            let third = try await studio.upload(Corpus.samplesDirectory + "/logo-alpha.png")
            #expect(third.status == 409)
            #expect(third.text.contains("at most 2"))
        }
    }

    @Test func theBrowserNameIsNeverAPath() async throws {
        try await StudioFixture.with { studio in
            let reply = try await studio.upload(Corpus.samplesDirectory + "/logo-alpha.png", name: "../../etc/passwd")
            #expect(reply.status == 200)
            let upload = try #require(reply.json["upload"] as? [String: Any])
            #expect(upload["name"] as? String == "passwd")
            #expect(upload["id"] as? String == "u1")
            #expect(FileManager.default.fileExists(atPath: studio.data + "/uploads/u1/base.png"))
            #expect(try await studio.send(.GET, "/api/uploads/..%2F..%2Fetc/base.png").status == 404)
            #expect(try await studio.send(.GET, "/static/..%2FStudio.swift").status == 404)
        }
    }
}
