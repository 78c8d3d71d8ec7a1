import ImageCodecs
import ImageCore
import ImagePrepTestSupport
import Testing

/// WebP decoding over every WebP in the shared corpora: dimensions, animation, metadata, scaled decode.
@Suite struct WebPCorpusTests {
    static let webps = CodecTestSupport.entries(withExtension: "webp")
    static let decodable = webps.filter { $0.expectation == "decode" }
    static let animated = decodable.filter { $0.note.contains("ANIMATED") }

    @Test
    func corpusHasWebPs() {
        // Tests/Corpus alone holds 121 and 4; the shared corpora add more.
        #expect(Self.decodable.count >= 120)
        #expect(Self.animated.count >= 4)
        // No WebP in the corpora is expected to fail; if that changes, add exact error types like the PNG suite.
        #expect(Self.webps.allSatisfy { $0.expectation == "decode" })
    }

    @Test(arguments: decodable)
    func decodesWithManifestDimensions(_ entry: Corpus.Entry) throws {
        let (decoded, info) = try CodecTestSupport.expectDecodes(entry, as: .webp)
        #expect(decoded.image.layout == (decoded.info.hasAlpha ? .rgba : .rgb))
        let isAnimated = entry.note.contains("ANIMATED")
        #expect(decoded.info.isAnimated == isAnimated)
        #expect(decoded.warnings.contains { $0.code == "animated" } == isAnimated)
        #expect(info.frameCount == decoded.info.frameCount)
    }

    /// libwebp's lossless test vectors against their reference PNGs (decoded by the PngSuite-checked PNG decoder).
    @Test(arguments: decodable.filter { $0.set == "libwebp-test-data" && $0.file.hasPrefix("lossless_vec_") })
    func losslessVectorsMatchTheirReference(_ entry: Corpus.Entry) throws {
        let reference = entry.file.hasPrefix("lossless_vec_1_") ? "grid.png" : "peak.png"
        let expected = try ImageDecoder.decode(try ImageFile.read(try #require(Corpus.path(entry.set, reference)))).image
        let decoded = try ImageDecoder.decode(try CodecTestSupport.bytes(entry)).image
        #expect(decoded.converted(to: .rgba) == expected.converted(to: .rgba))
    }

    /// Lossy files against libwebp's own `dwebp` (scripts/golden-webp.sh), full size and shrunk by 2.
    @Test(arguments: ["pillow-tests/anim_frame1.webp", "libwebp-test-data/alpha_filter_1.webp", "libwebp-test-data/bug3.webp",
                      "libwebp-test-data/vp80-00-comprehensive-001.webp"], [1, 2])
    func lossyMatchesDwebp(_ file: String, _ shrink: Int) throws {
        let slash = try #require(file.firstIndex(of: "/"))
        let path = try #require(Corpus.path(String(file[..<slash]), String(file[file.index(after: slash)...])))
        let golden = try ImageFile.read("\(CodecTestSupport.goldenDirectory)/webp/\(file)\(shrink == 2 ? ".half" : "").rgba")
        let decoded = try ImageDecoder.decode(try ImageFile.read(path), options: DecodeOptions(shrink: shrink))
        #expect(decoded.info.colorModel == "ycbcr")
        #expect(decoded.image.converted(to: .rgba).pixels == golden)
    }

    @Test
    func animatedFileGivesFirstFrameAndWarning() throws {
        let bytes = try ImageFile.read(try #require(Corpus.path("image-rs-webp", "animated/random_lossless.webp")))
        let decoded = try ImageDecoder.decode(bytes, options: DecodeOptions(shrink: 2))
        #expect(decoded.info.frameCount == 3)  // webpinfo: 3 frames
        #expect(decoded.image.width == 64 && decoded.image.height == 63)
        #expect(decoded.shrink == 1)  // animations are not scaled
        let warning = try #require(decoded.warnings.first { $0.code == "animated" })
        #expect(warning.message.contains("3 frames"))
        // The first frame is not blank.
        #expect(Set(decoded.image.pixels).count > 16)
    }

    @Test
    func readsICCAndEXIF() throws {
        let tiny = try ImageDecoder.info(try ImageFile.read(try #require(Corpus.path("image-rs-webp", "regression/tiny.webp"))))
        #expect(tiny.iccDescription?.contains("sRGB") == true, "\(String(describing: tiny.iccDescription))")
        #expect(tiny.exif != nil)
        #expect(tiny.orientation == .up)
        for (value, orientation) in [(2, Orientation.upMirrored), (3, .down), (4, .downMirrored), (6, .right), (8, .left)] {
            let path = try #require(Corpus.path("pillow-tests", "hopper_orientation_\(value).webp"))
            let decoded = try ImageDecoder.decode(try ImageFile.read(path))
            #expect(decoded.info.orientation == orientation, "hopper_orientation_\(value)")
            #expect(decoded.info.exif?.starts(with: [0x49, 0x49]) == true || decoded.info.exif?.starts(with: [0x4D, 0x4D]) == true)
        }
    }

    @Test(arguments: [2, 4, 8])
    func scaledDecodeSizes(_ shrink: Int) throws {
        for (set, file) in [("libwebp-test-data", "alpha_color_cache.webp"), ("libwebp-test-data", "lossless1.webp"),
                            ("pillow-tests", "flower.webp")] {
            let bytes = try ImageFile.read(try #require(Corpus.path(set, file)))
            let full = try ImageDecoder.decode(bytes).image
            let decoded = try ImageDecoder.decode(bytes, options: DecodeOptions(shrink: shrink))
            #expect(decoded.shrink == shrink)
            #expect(decoded.image.width == (full.width + shrink - 1) / shrink, "\(file)")
            #expect(decoded.image.height == (full.height + shrink - 1) / shrink, "\(file)")
            #expect(decoded.image.layout == full.layout)
            #expect(decoded.info.width == full.width)  // info keeps the stored size
        }
    }
}
