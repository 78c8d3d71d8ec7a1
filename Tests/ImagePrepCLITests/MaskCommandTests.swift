import Foundation
import ImageCodecs
import ImageCore
import ImagePrepTestSupport
import Testing

@Suite struct MaskCommandTests {
    static let photo = Corpus.samplesDirectory + "/photo-rotated.jpg"   // stored 1200x1800, EXIF 6: upright 1800x1200

    @Test func writesMaskOfTheUprightBaseSizeAndAPreview() throws {
        let dir = try CommandRunner.temporaryDirectory()
        let result = try CommandRunner.run(["mask", "--base", Self.photo, "--rect", "10,10,30,20", "--ellipse", "50,50,10,10",
                                            "--units", "pct", "-o", dir + "/m.png", "--preview", dir + "/p.png"])
        #expect(result.status == 0, "\(result.stderr)")
        let mask = try ImageDecoder.decode(ImageFile.read(dir + "/m.png"))
        #expect(mask.image.width == 1800 && mask.image.height == 1200 && mask.info.hasAlpha)
        let rgba = mask.image.converted(to: .rgba)
        func alpha(_ x: Int, _ y: Int) -> UInt8 { rgba.pixels[(y * 1800 + x) * 4 + 3] }
        #expect(alpha(300, 180) == 0 && alpha(900, 600) == 0 && alpha(1700, 100) == 255)
        let preview = try ImageDecoder.decode(ImageFile.read(dir + "/p.png"))
        #expect(preview.image.width == 1800 && preview.image.height == 1200)
        #expect(result.stdout.contains("1800x1200 transparent mask"))
    }

    @Test func polarityWhiteAndShapesFile() throws {
        let dir = try CommandRunner.temporaryDirectory()
        let shapes = dir + "/s.json"
        try Data("""
            {"imageprep": "shapes/1", "units": "rel", "shapes": [
              {"type": "rect", "x": 0, "y": 0, "width": 0.5, "height": 1},
              {"type": "rect", "x": 0, "y": 0, "width": 0.25, "height": 1, "op": "subtract"}]}
            """.utf8).write(to: URL(fileURLWithPath: shapes))
        let result = try CommandRunner.run(["mask", "--base", Self.photo, "--shapes", shapes, "--polarity", "white", "-o", dir + "/m.png"])
        #expect(result.status == 0, "\(result.stderr)")
        let mask = try ImageDecoder.decode(ImageFile.read(dir + "/m.png")).image
        #expect(mask.layout == .gray && mask.width == 1800)
        #expect(mask.pixels[100] == 0 && mask.pixels[600] == 255 && mask.pixels[1000] == 0)
    }

    @Test func errorsExitWithCodesAndLeaveNoOutput() throws {
        let dir = try CommandRunner.temporaryDirectory()
        let out = dir + "/m.png"
        #expect(try CommandRunner.run(["mask", "--base", Self.photo, "--rect", "1,2,3", "-o", out]).status == 2)
        #expect(try CommandRunner.run(["mask", "--base", Self.photo, "-o", out]).status == 2)
        let zero = try CommandRunner.run(["mask", "--base", Self.photo, "--rect", "1,2,0,4", "-o", out])
        #expect(zero.status == 1 && zero.stderr.contains("zero-area"))
        let outside = try CommandRunner.run(["mask", "--base", Self.photo, "--rect", "5000,2,10,4", "-o", out])
        #expect(outside.status == 1 && outside.stderr.contains("outside"))
        let missing = try CommandRunner.run(["mask", "--base", dir + "/none.jpg", "--rect", "1,2,3,4", "-o", out])
        #expect(missing.status == 1 && missing.stderr.contains("none.jpg"))
        let garbage = dir + "/g.json"
        try Data("{not json".utf8).write(to: URL(fileURLWithPath: garbage))
        let bad = try CommandRunner.run(["mask", "--base", Self.photo, "--shapes", garbage, "-o", out])
        #expect(bad.status == 1 && bad.stderr.contains("import error"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).sorted() == ["g.json"])
    }
}
