import ImageCodecs
import ImageCore
import ImagePrepTestSupport
import Testing

/// The snippets (Snippets/, shown in the DocC catalogs) are built with the package; these run them, so an
/// example that compiles but no longer works fails too.
@Suite struct SnippetTests {
    static let photo = Corpus.samplesDirectory + "/photo-rotated.jpg"   // stored 1200x1800, EXIF 6

    @Test func convertImageWritesTheUprightHalfSizePNG() throws {
        let out = try CommandRunner.temporaryDirectory() + "/photo.png"
        let result = try CommandRunner.run([Self.photo, out], executable: "ConvertImage")
        #expect(result.status == 0, "\(result.stderr)")
        let png = try ImageDecoder.info(try ImageFile.read(out))
        #expect(png.format == .png && png.width == 900 && png.height == 600)
    }

    @Test func maskAndCheckWritesTheMaskAndReportsTheRules() throws {
        let dir = try CommandRunner.temporaryDirectory()
        let result = try CommandRunner.run([Corpus.samplesDirectory + "/logo-alpha.png", dir], executable: "MaskAndCheck")
        #expect(result.status == 0, "\(result.stderr)")
        let mask = try ImageDecoder.decode(try ImageFile.read(dir + "/mask.png"))
        #expect(mask.image.width == 256 && mask.image.height == 192 && mask.info.hasAlpha)
        #expect(result.stdout.contains("[image.edit-size]"))             // 256x192 is no API size
    }

    @Test func editWithSandboxDoesTheFiveStepsWithOneImport() throws {
        let dir = try CommandRunner.temporaryDirectory()
        let result = try CommandRunner.run([Self.photo, dir], executable: "EditWithSandbox")
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first == "\(Self.photo): jpeg 1800x1200 upright")
        #expect(lines.contains { $0.hasPrefix("normalized: 1536x1024 jpeg") })
        #expect(lines.contains { $0.hasPrefix("check: 0 errors") })
        let edit = try #require(lines.first { $0.hasPrefix("edit: task ") })
        #expect(edit.contains(" completed, saved [\"\(dir)/edit/"))
    }
}
