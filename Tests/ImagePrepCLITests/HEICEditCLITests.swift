import Foundation
import ImageCodecs
import ImageCore
import ImagePrepTestSupport
import Testing

/// A phone HEIC through `imageprep edit … --sandbox` end to end (issue 17): arrow.heic is an iPhone photo
/// stored landscape with irot 270 AND EXIF Orientation 6; upright it is portrait 3024x4032. The mask is drawn
/// on the upright photo, so a band across its top must be the edited area of a portrait base.
@Suite struct HEICEditCLITests {
    @Test func heicEditsUprightWithTheMaskWhereItWasDrawn() throws {
        let dir = try CommandRunner.temporaryDirectory()
        let photo = try #require(Corpus.path("heif-tests", "arrow.heic"))
        let shapes = #"{"imageprep": "shapes/1", "frame": "original", "units": "px", "shapes": [{"type": "polygon", "label": "top band", "points": [[0, 0], [3024, 0], [3024, 1008], [0, 1008]]}]}"#
        try Data(shapes.utf8).write(to: URL(fileURLWithPath: dir + "/top.json"))
        let result = try CommandRunner.run(
            ["edit", photo, "--shapes", dir + "/top.json", "--prompt", "Paint the top a deep blue", "-o", dir, "--sandbox",
             "--sandbox-task-duration", "0.5", "--store", dir + "/tasks.sqlite"],
            environment: ["IMAGEPREP_TIME_SCALE": "0.2"])
        #expect(result.status == 0, "\(result.stderr)")
        let files = try FileManager.default.contentsOfDirectory(atPath: dir)
        let saved = try #require(files.first { $0.hasPrefix("task-unified-") && $0.hasSuffix("-1.png") }, "\(files)")
        let base = try ImageDecoder.decode(try ImageFile.read(dir + "/base.png")).image
        let mask = try ImageDecoder.decode(try ImageFile.read(dir + "/mask.png")).image
        let output = try ImageDecoder.decode(try ImageFile.read(dir + "/" + saved)).image.converted(to: .rgb)
        #expect(base.height > base.width, "rotated exactly once: portrait, got \(base.size)")
        #expect(mask.size == base.size && output.size == base.size)
        // The top quarter is the edit area (transparent in the mask), the bottom half is kept and unchanged.
        let a = mask.layout.channels - 1, rgb = base.converted(to: .rgb)
        var topEdited = 0, top = 0, bottomKept = 0, bottom = 0
        for y in stride(from: 0, to: base.height, by: 4) {
            for x in stride(from: 0, to: base.width, by: 4) {
                let alpha = mask.sample(x: x, y: y, channel: a)
                if y < base.height / 5 { top += 1; if alpha == 0 { topEdited += 1 } }
                if y > base.height / 2 {
                    bottom += 1
                    let same = (0..<3).allSatisfy { rgb.sample(x: x, y: y, channel: $0) == output.sample(x: x, y: y, channel: $0) }
                    if alpha == 255 && same { bottomKept += 1 }
                }
            }
        }
        #expect(top > 0 && topEdited == top)
        #expect(bottom > 0 && bottomKept == bottom)
    }

    /// `check` names a HEIC as not accepted by the API, with the normalize fix; `info` reads it header-only.
    @Test func checkAndInfoNameHEIC() throws {
        let photo = try #require(Corpus.path("heif-tests", "arrow.heic"))
        let info = try CommandRunner.run(["info", photo])
        #expect(info.status == 0, "\(info.stderr)")
        #expect(info.stdout.contains("heif") && info.stdout.contains("3024x4032") && info.stdout.contains("imageprep normalize"))
        let check = try CommandRunner.run(["check", "--image", photo, "--prompt", "make it blue"])
        #expect(check.status != 0)
        let said = check.stdout + check.stderr
        #expect(said.contains("HEIF is not accepted by the image API") && said.contains("imageprep normalize"), "\(said)")
        #expect(said.contains("arrow.heic"))
        let dir = try CommandRunner.temporaryDirectory()
        let normalized = try CommandRunner.run(["normalize", photo, "-o", dir + "/arrow.jpg"])
        #expect(normalized.status == 0, "\(normalized.stderr)")
        let jpeg = try ImageDecoder.info(try ImageFile.read(dir + "/arrow.jpg"))
        #expect(jpeg.format == .jpeg && jpeg.height > jpeg.width)
    }
}
