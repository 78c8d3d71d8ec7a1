import Foundation
import ImageCodecs
import ImageCore
import ImagePrepTestSupport
import Testing

/// `imageprep edit … --sandbox`: the README's main job, end to end over loopback.
@Suite struct EditCLITests {
    @Test func editChangesExactlyTheMaskedRegionAndSavesTheResult() throws {
        let dir = try CommandRunner.temporaryDirectory()
        let samples = Corpus.samplesDirectory
        let result = try CommandRunner.run(
            ["edit", samples + "/photo-rotated.jpg", "--shapes", samples + "/edit-region.json",
             "--prompt", "Replace the sky with a starry night", "-o", dir, "--sandbox",
             "--sandbox-task-duration", "0.5", "--store", dir + "/tasks.sqlite"],
            environment: ["IMAGEPREP_TIME_SCALE": "0.2"])
        #expect(result.status == 0, "\(result.stderr)")
        let files = try FileManager.default.contentsOfDirectory(atPath: dir)
        for name in ["base.png", "mask.png", "preview.png", "bundle.json"] { #expect(files.contains(name)) }
        let saved = try #require(files.first { $0.hasPrefix("task-unified-") && $0.hasSuffix("-1.png") }, "\(files)")

        let base = try ImageDecoder.decode(try ImageFile.read(dir + "/base.png")).image
        let mask = try ImageDecoder.decode(try ImageFile.read(dir + "/mask.png")).image
        let output = try ImageDecoder.decode(try ImageFile.read(dir + "/" + saved)).image.converted(to: .rgb)
        #expect(output.size == base.size && mask.size == base.size)

        // Kept pixels (opaque mask) come back unchanged; edited ones (transparent) change.
        let rgb = base.converted(to: .rgb)
        let a = mask.layout.channels - 1
        var keptSame = 0, kept = 0, editedChanged = 0, edited = 0
        for y in stride(from: 0, to: base.height, by: 3) {
            for x in stride(from: 0, to: base.width, by: 3) {
                let same = (0..<3).allSatisfy { rgb.sample(x: x, y: y, channel: $0) == output.sample(x: x, y: y, channel: $0) }
                switch mask.sample(x: x, y: y, channel: a) {
                case 255: kept += 1; if same { keptSame += 1 }
                case 0: edited += 1; if !same { editedChanged += 1 }
                default: break
                }
            }
        }
        #expect(kept > 0 && keptSame == kept)
        #expect(edited > 0 && editedChanged > edited * 9 / 10)
        #expect(result.stdout.contains(saved))
    }

    @Test func editWithoutShapesIsAUsageError() throws {
        let result = try CommandRunner.run(["edit", Corpus.samplesDirectory + "/photo-rotated.jpg", "--prompt", "x", "-o", "/tmp/unused", "--sandbox"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("--shapes"))
    }
}
