import Foundation
import ImageCodecs
import ImageCore
import ImageMasks
import ImagePrep
import ImageRules
import ImagePrepTestSupport
import Testing

/// `prepare`: shapes drawn on the upright original land on the same content of the normalized base.
@Suite struct PrepareTests {
    /// A minimal big-endian EXIF block carrying only the orientation.
    static func exif(_ orientation: Orientation) -> [UInt8] {
        [0x4D, 0x4D, 0, 42, 0, 0, 0, 8, 0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, UInt8(orientation.rawValue), 0, 0, 0, 0, 0, 0]
    }

    /// The orientation whose `oriented` undoes `o`.
    static func inverse(_ o: Orientation) -> Orientation {
        switch o {
        case .right: .left
        case .left: .right
        default: o
        }
    }

    /// An upright 600x400 gray photo with a red 200x100 block at (100, 50), stored turned by `orientation`
    /// and tagged with it, as a camera would write it.
    static func photo(_ orientation: Orientation) throws -> String {
        var upright = Image(width: 600, height: 400, layout: .rgb, filledWith: 128)
        for y in 50..<150 { for x in 100..<300 { let i = (y * 600 + x) * 3; upright.pixels[i] = 230; upright.pixels[i + 1] = 20; upright.pixels[i + 2] = 20 } }
        let stored = upright.oriented(inverse(orientation))
        #expect(stored.oriented(orientation) == upright)
        let bytes = try ImageEncoder.encode(stored, as: .jpeg(JPEGEncodeOptions(quality: 98, subsampling: .s444)),
                                            metadata: EncodeMetadata(exif: exif(orientation)))
        let path = try CommandRunner.temporaryDirectory() + "/photo-\(orientation.rawValue).jpg"
        try ImageFile.writeAtomically(bytes, to: path)
        return path
    }

    @Test(arguments: Orientation.allCases)
    func rectangleOnTheOriginalCoversTheSameContent(orientation: Orientation) async throws {
        let photo = try Self.photo(orientation)
        let dir = try CommandRunner.temporaryDirectory()
        let shape = Mask.Shape(.rect(Rect(x: 100, y: 50, width: 200, height: 100)), frame: .original)
        let options = PrepareOptions(normalize: NormalizeOptions(size: TargetSize(parsing: "1536x1024")!), prompt: "make it blue")
        let result = try await Preparer(options).prepare(photo: photo, shapes: [shape], into: dir)

        // Files and sizes: the mask is exactly the base's size.
        let base = try ImageDecoder.decode(try ImageFile.read(dir + "/base.png")).image
        let mask = try ImageDecoder.decode(try ImageFile.read(dir + "/mask.png")).image
        #expect(base.size == Size(width: 1536, height: 1024))
        #expect(mask.size == base.size)
        #expect(mask.layout.hasAlpha, "the API reads the edit region from alpha")
        let a = mask.layout.channels - 1

        // The edit region (alpha 0) is the red block scaled by 1536/600 = 2.56: 512x256 pixels at (256, 128).
        var edited = 0, red = 0
        for y in 0..<mask.height {
            for x in 0..<mask.width where mask.sample(x: x, y: y, channel: a) == 0 {
                edited += 1
                // Red dominates (the edge pixels of the upscaled block blend a little gray in).
                if base.sample(x: x, y: y, channel: 0) - base.sample(x: x, y: y, channel: 1) > 60 { red += 1 }
            }
        }
        #expect(edited == 512 * 256)
        #expect(red == edited, "every edited pixel is on the red block")
        #expect(mask.sample(x: 256, y: 128, channel: a) == 0 && mask.sample(x: 255, y: 128, channel: a) == 255)
        #expect(mask.sample(x: 767, y: 383, channel: a) == 0 && mask.sample(x: 768, y: 383, channel: a) == 255)

        // bundle.json reads back and points at the files written.
        let manifest = try BundleManifest.load(result.manifestPath)
        #expect(manifest.prepared?.size == base.size)
        #expect(manifest.sentImages.first?.path == dir + "/base.png")
        #expect(manifest.sentMask?.path == dir + "/mask.png")
        #expect(manifest.size == "1536x1024")
        #expect(manifest.prompt == "make it blue")
    }

    @Test func noShapesWritesOnlyTheBaseAndTheBundle() async throws {
        let dir = try CommandRunner.temporaryDirectory() + "/nested/out"
        let result = try await Preparer().prepare(photo: Corpus.samplesDirectory + "/logo-alpha.png", shapes: [], into: dir)
        #expect(result.mask == nil)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).sorted() == ["base.png", "bundle.json"])
    }

    @Test func shapesOutsideThePhotoFailAndWriteNoBundle() async throws {
        let dir = try CommandRunner.temporaryDirectory()
        let far = Mask.Shape(.rect(Rect(x: 5000, y: 5000, width: 10, height: 10)), frame: .original)
        await #expect(throws: Mask.ShapeError.self) {
            try await Preparer().prepare(photo: Corpus.samplesDirectory + "/photo-rotated.jpg", shapes: [far], into: dir)
        }
        #expect(!FileManager.default.fileExists(atPath: dir + "/bundle.json"))
    }
}
