import Foundation
import ImageAPI
import ImageRules
import Testing

/// Loading a batch (JSON Lines or a folder of bundle.json) and the stable key of each bundle.
@Suite struct BatchJobTests {
    static func write(_ text: String, _ path: String) throws {
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    }

    @Test func jsonLinesResolvePathsAndKeysFollowContentNotLocation() throws {
        let dir = try Fixture.tempDir(), moved = try Fixture.tempDir()
        for folder in [dir, moved] { _ = try Fixture.write(Fixture.pngLike, folder + "/a.png") }
        let lines = #"{"prompt": "one", "images": ["a.png"]}"# + "\n\n" + #"{"prompt": "two", "images": ["a.png"]}"# + "\n"
        try Self.write(lines, dir + "/jobs.jsonl")
        try Self.write(lines, moved + "/jobs.jsonl")
        let jobs = try BatchJob.load(dir + "/jobs.jsonl")
        #expect(jobs.map(\.source) == [dir + "/jobs.jsonl:1", dir + "/jobs.jsonl:3"])
        #expect(jobs[0].bundle.images == [.file(dir + "/a.png")])
        #expect(jobs[0].key.count == 64 && jobs[0].key != jobs[1].key)
        // The same request elsewhere has the same key; one changed input byte gives a new one.
        #expect(try BatchJob.load(moved + "/jobs.jsonl").map(\.key) == jobs.map(\.key))
        _ = try Fixture.write(Fixture.pngLike + [1], moved + "/a.png")
        #expect(try BatchJob.load(moved + "/jobs.jsonl")[0].key != jobs[0].key)
    }

    @Test func aBadLineIsNamedAndAFolderIsSearchedForBundles() throws {
        let dir = try Fixture.tempDir()
        try Self.write(#"{"prompt": "ok"}"# + "\n" + #"{"prompt": 5}"# + "\n", dir + "/jobs.jsonl")
        let error = try #require(throws: BundleError.self) { try BatchJob.load(dir + "/jobs.jsonl") }
        #expect(error.file == dir + "/jobs.jsonl:2")
        #expect(throws: BundleError.self) { try BatchJob.load(dir + "/missing.jsonl") }
        try Self.write(#"{"prompt": "b"}"#, dir + "/prepared/b/bundle.json")
        try Self.write(#"{"prompt": "a"}"#, dir + "/prepared/a/bundle.json")
        try Self.write(#"{"prompt": "not a bundle name"}"#, dir + "/prepared/a/other.json")
        let jobs = try BatchJob.load(dir + "/prepared")
        #expect(jobs.map(\.bundle.prompt) == ["a", "b"])
        #expect(jobs[0].source == dir + "/prepared/a/bundle.json")
    }
}
