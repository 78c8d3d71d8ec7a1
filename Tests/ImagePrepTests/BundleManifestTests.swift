import Foundation
import ImageCore
import Testing
@testable import ImagePrep
@testable import ImageRules

@Suite struct BundleManifestTests {
    /// A fresh temporary folder for one test.
    static func temporaryFolder() throws -> String {
        let path = NSTemporaryDirectory() + "imageprep-bundle-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    static func write(_ text: String, to path: String) throws {
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    }

    @Test func loadsAllFieldsAndResolvesRelativePathsAgainstTheManifestFolder() throws {
        let dir = try Self.temporaryFolder()
        try Self.write("""
            {"model": "gpt-image-1", "prompt": "a hat", "images": ["in/photo.jpg", "/abs/other.png", "https://x.test/a.png"],
             "mask": "./mask.png", "size": "1536x1024", "n": 2, "callback_url": "https://hook.test/cb",
             "prepared": {"base": "out/base.png", "mask": "out/mask.png", "warnings": ["w1"],
                          "transform": {"a": 0.5, "b": 0, "c": 0, "d": 0.5, "tx": 1, "ty": 2},
                          "size": {"width": 1536, "height": 1024}}}
            """, to: dir + "/bundle.json")
        let m = try BundleManifest.load(dir + "/bundle.json")
        #expect(m.model == "gpt-image-1")
        #expect(m.prompt == "a hat")
        #expect(m.images == [.file(dir + "/in/photo.jpg"), .file("/abs/other.png"), .url("https://x.test/a.png")])
        #expect(m.mask == .file(dir + "/mask.png"))
        #expect(m.size == "1536x1024")
        #expect(m.n == 2)
        #expect(m.callbackURL == "https://hook.test/cb")
        let p = try #require(m.prepared)
        #expect(p.base == dir + "/out/base.png")
        #expect(p.mask == dir + "/out/mask.png")
        #expect(p.preview == nil)
        #expect(p.transform == ImageCore.AffineTransform(a: 0.5, b: 0, c: 0, d: 0.5, tx: 1, ty: 2))
        #expect(p.size == Size(width: 1536, height: 1024))
        #expect(p.warnings == ["w1"])
    }

    @Test func defaultsWhenFieldsAreAbsent() throws {
        let m = try BundleManifest.decode(Array(#"{"prompt": null}"#.utf8))
        #expect(m.model == "gpt-4o-image")
        #expect(m.prompt == nil)
        #expect(m.images.isEmpty)
        #expect(m.mask == nil && m.n == nil && m.size == nil && m.callbackURL == nil && m.prepared == nil)
    }

    @Test(arguments: [
        (#"{"n": "2"}"#, BundleError.Reason.invalidField, "field `n`: expected an integer, got a string"),
        (#"{"n": 1.5}"#, .invalidField, "field `n`: expected an integer, got a number"),
        (#"{"n": true}"#, .invalidField, "field `n`: expected an integer, got a boolean"),
        (#"{"images": "a.png"}"#, .invalidField, "field `images`: expected an array of strings, got a string"),
        (#"{"images": ["a.png", 3]}"#, .invalidField, "field `images[1]`: expected a string, got a number"),
        (#"{"prompt": ["x"]}"#, .invalidField, "field `prompt`: expected a string, got an array"),
        (#"{"prepared": {"mask": "m.png"}}"#, .invalidField, "missing field `prepared.base`"),
        (#"{"prepared": {"base": "b.png", "transform": {"a": 1}}}"#, .invalidField, "missing field `prepared.transform.b`"),
        (#"[1, 2]"#, .invalidJSON, "expected a JSON object at the top level, got an array"),
        (#"{"model": "#, .invalidJSON, "not valid JSON"),
    ])
    func rejectsBadManifestsWithFieldNames(json: String, reason: BundleError.Reason, message: String) {
        #expect {
            _ = try BundleManifest.decode(Array(json.utf8), file: "b.json")
        } throws: { error in
            guard let error = error as? BundleError else { return false }
            return error.reason == reason && error.message == message && error.file == "b.json"
        }
    }

    @Test func missingFileIsUnreadable() {
        #expect {
            _ = try BundleManifest.load("/nonexistent/imageprep/bundle.json")
        } throws: { ($0 as? BundleError)?.reason == .unreadable && ($0 as? BundleError)?.file == "/nonexistent/imageprep/bundle.json" }
    }

    @Test func saveWritesPathsRelativeToTheNewFolderAndRoundTrips() throws {
        let dir = try Self.temporaryFolder()
        let manifest = BundleManifest(
            model: "gpt-4o-image", prompt: "p", images: [.file(dir + "/img/a.png"), .file("/elsewhere/b.png"), .url("https://h.test/c.webp")],
            mask: .file(dir + "/m.png"), size: "1:1", n: 4, callbackURL: "https://h.test/cb",
            prepared: .init(base: dir + "/out/base.png", transform: .scale(2, 2), size: Size(width: 8, height: 4)))
        try manifest.save(to: dir + "/bundle.json")
        let raw = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: dir + "/bundle.json"))) as? [String: Any]
        #expect(raw?["images"] as? [String] == ["img/a.png", "/elsewhere/b.png", "https://h.test/c.webp"])
        #expect(raw?["mask"] as? String == "m.png")
        #expect(raw?["callback_url"] as? String == "https://h.test/cb")
        #expect((raw?["prepared"] as? [String: Any])?["base"] as? String == "out/base.png")
        var loaded = try BundleManifest.load(dir + "/bundle.json")
        loaded.directory = nil
        #expect(loaded == manifest)
    }

    @Test(arguments: [
        ("https://a.test/x.png", BundleInput.url("https://a.test/x.png")),
        ("HTTP://a.test/x.png", .url("HTTP://a.test/x.png")),
        ("s3://bucket/x.png", .url("s3://bucket/x.png")),
        ("data:image/png;base64,AAAA", .url("data:image/png;base64,AAAA")),
        ("file:///tmp/x%20y.png", .file("/tmp/x y.png")),
        ("photos/x.png", .file("/base/photos/x.png")),
        ("../x.png", .file("/x.png")),
        ("/abs/x.png", .file("/abs/x.png")),
        ("c:x.png", .file("/base/c:x.png")),
    ])
    func classifiesInputs(text: String, expected: BundleInput) {
        #expect(BundleInput(parsing: text, relativeTo: "/base") == expected)
    }

    @Test func bundleFromCommandLineParts() {
        let m = BundleManifest(model: nil, prompt: "p", images: ["a.png", "https://x.test/b.png"], mask: "file:///m.png",
                               size: "3:2", n: 2, callbackURL: "https://h.test/cb")
        #expect(m.model == "gpt-4o-image")
        #expect(m.images == [.file("a.png"), .url("https://x.test/b.png")])
        #expect(m.mask == .file("/m.png"))
        #expect(m.size == "3:2" && m.n == 2 && m.callbackURL == "https://h.test/cb" && m.directory == nil)
        #expect(m.sentImages == m.images && m.sentMask == m.mask)
    }
}
