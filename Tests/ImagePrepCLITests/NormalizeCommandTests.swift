import Foundation
import ImagePrepTestSupport
import Testing

@Suite struct NormalizeCommandTests {
    static func sample(_ name: String) -> String { Corpus.samplesDirectory + "/" + name }

    @Test func batchWithACorruptFileInTheMiddleFinishesTheRest() throws {
        let dir = try CommandRunner.temporaryDirectory()
        let input = dir + "/in", output = dir + "/out"
        try FileManager.default.createDirectory(atPath: input, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: Self.sample("photo-rotated.jpg"), toPath: input + "/a.jpg")
        // A JPEG signature followed by garbage: sniffed as JPEG, fails in the decoder.
        try Data([0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10] + [UInt8](repeating: 0x42, count: 200)).write(to: URL(fileURLWithPath: input + "/b.jpg"))
        try FileManager.default.copyItem(atPath: Self.sample("logo-alpha.png"), toPath: input + "/c.png")

        let result = try CommandRunner.run(["normalize", input, "-o", output, "--json", "--jobs", "2", "--max-bytes", "4MB"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("b.jpg"))
        let written = try FileManager.default.contentsOfDirectory(atPath: output).sorted()
        #expect(written == ["a.jpg", "c.png"])
        // One JSON object per file, the failure included.
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.count == 3)
        let objects = try lines.map { try JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any] }
        let failed = objects.filter { $0["error"] != nil }
        #expect(failed.count == 1 && (failed.first?["input"] as? String)?.hasSuffix("b.jpg") == true)
        for report in objects where report["error"] == nil {
            #expect((report["bytes"] as? Int).map { $0 <= 4_000_000 } == true)
            #expect(report["transform"] is [String: Any])
            #expect(report["encodes"] is Int && report["format"] is String && report["warnings"] is [Any])
            let path = try #require(report["output"] as? String)
            #expect(FileManager.default.fileExists(atPath: path))
        }
        // No temporary files are left behind.
        #expect(!written.contains { $0.hasPrefix(".") })
    }

    @Test func singleFileTakesTheFormatFromTheExtension() throws {
        let dir = try CommandRunner.temporaryDirectory()
        let out = dir + "/photo.webp"
        let result = try CommandRunner.run(["normalize", Self.sample("photo-rotated.jpg"), "-o", out, "--size", "1:1"])
        #expect(result.status == 0, "\(result.stderr)")
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: out)))
        #expect(bytes.count > 12 && Array(bytes[8..<12]) == Array("WEBP".utf8))
        #expect(result.stdout.contains("1024x1024 WEBP"))
    }

    @Test func usageErrorsExitTwo() throws {
        let dir = try CommandRunner.temporaryDirectory()
        let photo = Self.sample("photo-rotated.jpg")
        #expect(try CommandRunner.run(["normalize", photo, photo, "-o", dir + "/x.jpg"]).status == 2)
        #expect(try CommandRunner.run(["normalize", photo, "-o", dir + "/x.jpg", "--max-bytes", "lots"]).status == 2)
        #expect(try CommandRunner.run(["normalize", photo, "-o", dir + "/x.jpg", "--size", "800x600"]).status == 2)
        #expect(try CommandRunner.run(["normalize", photo, "-o", dir + "/x.jpg", "--focus", "2,0.5"]).status == 2)
        #expect(try CommandRunner.run(["normalize", photo, "-o", dir + "/x"]).status == 2)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).isEmpty)
    }
}
