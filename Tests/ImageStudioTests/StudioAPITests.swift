import Foundation
import ImageAPI
import ImageCodecs
import ImageCore
import ImageMasks
import ImagePrep
import ImagePrepTestSupport
import ImageStudio
import NIOHTTP1
import Testing

@Suite("Studio API over loopback HTTP")
struct StudioAPITests {
    static let shapes = #"{"imageprep":"shapes/1","units":"px","frame":"base","shapes":[{"type":"rect","x":100.5,"y":80.25,"width":400,"height":300},{"type":"polygon","points":[[900,100],[1300,200],[1000,700.75]]},{"type":"rect","x":150,"y":120,"width":50,"height":50,"op":"subtract"}]}"#

    @Test func anEXIFRotatedPhotoBecomesAnUprightBaseAndTheMaskIsTheLibrarys() async throws {
        try await StudioFixture.with { studio in
            let reply = try await studio.upload(Corpus.samplesDirectory + "/photo-rotated.jpg")
            #expect(reply.status == 200)
            let upload = try #require(reply.json["upload"] as? [String: Any])
            #expect(upload["width"] as? Int == 1536)
            #expect(upload["height"] as? Int == 1024)
            #expect(upload["originalWidth"] as? Int == 1800)
            #expect(upload["originalHeight"] as? Int == 1200)
            #expect(upload["orientation"] as? Int == 6)
            let base = try await studio.send(.GET, "/api/uploads/u1/base.png")
            let decoded = try ImageDecoder.decode(base.body, name: "base.png")
            #expect(decoded.image.size == Size(width: 1536, height: 1024))

            let rendered = try await studio.send(.PUT, "/api/mask?grow=2&feather=1.5&polarity=transparent", body: Array(Self.shapes.utf8))
            #expect(rendered.status == 200)
            #expect(rendered.json["shapes"] as? Int == 3)
            let mask = try await studio.send(.GET, "/api/mask.png")
            #expect(mask.headers["Content-Type"].first == "image/png")
            let imported = try Mask.Importer.load(Array(Self.shapes.utf8), options: .init(frame: .base))
            let expected = try EncodedMask(shapes: imported.shapes, size: Size(width: 1536, height: 1024),
                                           options: Mask.RenderOptions(grow: 2, feather: 1.5))
            #expect(mask.body == expected.png)
            #expect(rendered.json["edit"] as? Int == expected.rendering.pixelCounts.edit)
            let exported = try await studio.send(.GET, "/api/shapes.json")
            #expect(exported.body == Array(Self.shapes.utf8))

            let bad = try await studio.send(.PUT, "/api/mask", body: Array(#"{"imageprep":"shapes/1","shapes":[{"type":"rect","x":0,"y":0,"width":0,"height":5}]}"#.utf8))
            #expect(bad.status == 422)
            #expect(try await studio.send(.GET, "/api/mask.png").status == 404)
        }
    }

    @Test func theCheckListsRulesAndSubmitGoesThroughTheSandboxIntoTheHistory() async throws {
        try await StudioFixture.with { studio in
            #expect(try await studio.upload(Corpus.samplesDirectory + "/photo-rotated.jpg").status == 200)
            #expect(try await studio.send(.PUT, "/api/mask", body: Array(Self.shapes.utf8)).status == 200)
            let noPrompt = try await studio.json(.POST, "/api/check", ["n": 1])
            #expect(Self.rules(noPrompt).contains("prompt.missing"))

            let refused = try await studio.upload(Corpus.samplesDirectory + "/cmyk.jpg", name: "broken.jpg")
            #expect(refused.status == 200)
            #expect(try await studio.upload(Corpus.samplesDirectory + "/lossy.webp").status == 200)
            let three = try await studio.json(.POST, "/api/check", ["prompt": "a red door", "n": 1])
            #expect(Self.rules(three).contains("mask.multiple-images"))
            #expect(try await studio.json(.POST, "/api/submit", ["prompt": "a red door", "n": 1]).status == 422)
            #expect(try await studio.send(.DELETE, "/api/uploads/u3").status == 200)
            #expect(try await studio.send(.DELETE, "/api/uploads/u2").status == 200)
            #expect(try await studio.send(.PUT, "/api/mask", body: Array(Self.shapes.utf8)).status == 200)

            let clean = try await studio.json(.POST, "/api/check", ["prompt": "a red door", "n": 1])
            #expect(clean.json["errors"] as? Int == 0)
            let submitted = try await studio.json(.POST, "/api/submit", ["prompt": "a red door", "n": 1])
            #expect(submitted.status == 200)
            let local = try #require(submitted.json["localID"] as? Int)

            var history = try await studio.send(.GET, "/api/history")
            for _ in 0..<600 where history.json["summary"] as? String != "0 running · 1 completed"
                || ((history.json["entries"] as? [[String: Any]])?.first?["results"] as? [String])?.isEmpty != false {
                try await Task.sleep(for: .milliseconds(100))
                history = try await studio.send(.GET, "/api/history")
            }
            #expect(history.json["summary"] as? String == "0 running · 1 completed")
            let record = try #require(try studio.history.find("\(local)"))
            #expect(record.status == "completed")
            #expect(record.inputs.count == 2)
            let saved = try #require(record.savedPaths.first)
            #expect(saved.hasPrefix(studio.data + "/tasks/"))
            #expect(FileManager.default.fileExists(atPath: saved))
            let folder = (saved as NSString).deletingLastPathComponent
            let sentMask = try ImageFile.read(folder + "/mask.png", maxBytes: 1 << 24)
            #expect(sentMask == (try await studio.send(.GET, "/api/mask.png")).body)
            let image = try await studio.send(.GET, "/api/results/\(local)/0")
            #expect(image.status == 200)
            #expect(image.body == (try ImageFile.read(saved, maxBytes: 1 << 26)))
            #expect(try await studio.send(.GET, "/api/results/\(local)/5").status == 404)
        }
    }

    static func rules(_ reply: StudioFixture.Reply) -> [String] {
        (reply.json["issues"] as? [[String: Any]] ?? []).compactMap { $0["severity"] as? String == "error" ? $0["rule"] as? String : nil }
    }
}
