import ImageCodecs
import ImageCore
import ImagePrepTestSupport
import Testing

/// GIF and TIFF over `gif-tiff-tests` (Tests/Corpus, extended by the shared corpora): `decode` rows at the
/// manifest's size, `reject` rows as typed errors naming the file, `decode-with-warning` rows refused when
/// strict and decoded with a warning when lenient, and pixels equal to Pillow's within 1 level of 255.
@Suite struct GIFTIFFCorpusTests {
    static let rows = Corpus.entries().filter { $0.set == "gif-tiff-tests" }

    @Test func corpusHasGIFsAndTIFFs() {
        #expect(entries(ext: "gif").count >= 10 && entries(ext: "tif").count >= 15)
    }

    func entries(ext: String) -> [Corpus.Entry] { Self.rows.filter { $0.file.lowercased().contains("." + ext) } }

    @Test(arguments: rows.filter { $0.expectation == "decode" })
    func decodesAtTheManifestSize(_ entry: Corpus.Entry) throws {
        let bytes = try ImageFile.read(entry.path)
        let decoded = try ImageDecoder.decode(bytes, name: entry.description)
        #expect(decoded.image.width == entry.width && decoded.image.height == entry.height, "\(entry)")
        #expect(decoded.info.format == (entry.file.hasSuffix(".gif") ? .gif : .tiff))
        #expect(decoded.image.layout == decoded.info.layout)
        let info = try ImageDecoder.info(bytes, name: entry.description)
        #expect(info.width == entry.width && info.height == entry.height && info.frameCount == decoded.info.frameCount)
        let many = entry.note.contains("frames") && !entry.note.contains("1 frame,") || entry.note.contains("3 IFDs")
        #expect(decoded.warnings.contains { $0.code == "animated" || $0.code == "multi-page" } == many, "\(entry): \(decoded.warnings)")
        #expect(!decoded.warnings.contains { $0.isDamage }, "\(entry): \(decoded.warnings)")
    }

    @Test(arguments: rows.filter { $0.expectation == "reject" })
    func rejectsWithATypedErrorNamingTheFile(_ entry: Corpus.Entry) throws {
        try FormatsReference.expectRejected(entry)
    }

    @Test(arguments: rows.filter { $0.expectation == "decode-with-warning" })
    func damagedButRecoverable(_ entry: Corpus.Entry) throws {
        let lenient = try FormatsReference.expectRecoverable(entry)
        #expect(lenient.image.width == entry.width && lenient.image.height == entry.height)
    }

    @Test(arguments: ["hopper.gif", "transparent.gif", "first_frame_transparency.gif", "dispose_bgnd_transparency.gif",
                      "hopper_zero_comment_subblocks.gif", "iss634.gif", "hopper.tif", "hopper_lzw.tif", "copyleft.tiff",
                      "16bit.MM.deflate.tif", "tiff_16bit_RGB.tiff", "tiff_tiled_planar_lzw.tiff",
                      "tiff_strip_ycbcr_jpeg_2x2_sampling.tif", "pil136.tiff", "multipage.tiff"])
    func pixelsMatchPillow(_ file: String) throws {
        let path = try #require(Corpus.path("gif-tiff-tests", file))
        let reference = try #require(try FormatsReference.load("gif-tiff-tests", file))
        let image = try ImageDecoder.decode(try ImageFile.read(path)).image
        #expect(image.width == reference.width && image.height == reference.height)
        #expect(FormatsReference.maxDifference(image, reference) <= 1, "\(file)")
    }

    /// GIF transparency becomes alpha, and the screen a first frame does not cover stays transparent.
    @Test func gifTransparencyAndOffsetFrame() throws {
        let offset = try ImageDecoder.decode(try ImageFile.read(try #require(Corpus.path("gif-tiff-tests", "first_frame_transparency.gif"))))
        #expect(offset.image.layout == .rgba && offset.info.isProgressive)  // interlaced
        #expect(offset.image.pixels[3] == 0)  // (0,0) lies left of the frame at x = 25
        let strip = try ImageDecoder.decode(try ImageFile.read(try #require(Corpus.path("gif-tiff-tests", "dispose_bgnd_transparency.gif"))))
        #expect(strip.image.pixels[(0 * 38 + 30) * 4 + 3] == 0)  // the 11-px strip right of the 27-px frame
        let hopper = try ImageDecoder.decode(try ImageFile.read(try #require(Corpus.path("gif-tiff-tests", "hopper.gif"))))
        #expect(hopper.image.layout == .rgb)  // nothing transparent: no alpha channel
    }

    /// Orientation 3 and 6 of the same G4 picture are the same image once upright (Pillow's test), within the
    /// few edge pixels where their encodings differ.
    @Test func tiffOrientationIsAppliedOnce() throws {
        func upright(_ file: String) throws -> Image {
            let decoded = try ImageDecoder.decode(try ImageFile.read(try #require(Corpus.path("gif-tiff-tests", file))))
            return decoded.image.oriented(decoded.info.orientation)
        }
        let three = try upright("g4_orientation_3.tif"), six = try upright("g4_orientation_6.tif")
        #expect(three.size == Size(width: 590, height: 88) && six.size == three.size)
        // The two files are separate G4 encodings and differ in a few edge pixels (333 of 155,760 samples);
        // any other orientation of the first differs in 9-19 % of them.
        func differing(_ a: Image, _ b: Image) -> Int { zip(a.pixels, b.pixels).filter { $0 != $1 }.count }
        #expect(differing(three, six) < three.pixels.count / 100)
        let stored = try ImageDecoder.decode(try ImageFile.read(try #require(Corpus.path("gif-tiff-tests", "g4_orientation_3.tif")))).image
        for wrong in [Orientation.up, .upMirrored, .downMirrored] {
            #expect(differing(stored.oriented(wrong), six) > three.pixels.count / 20, "\(wrong)")
        }
    }

    @Test func unsupportedSamplesAreAHeaderError() throws {
        let bytes = try ImageFile.read(try #require(Corpus.path("gif-tiff-tests", "10ct_32bit_128.tiff")))
        let error = try #require(throws: HeaderError.self) { try ImageDecoder.info(bytes, name: "float.tiff") }
        #expect(error.details?.contains("32-bit") == true, "\(error)")
    }

    @Test func gifScreenOverTheLimitIsRefusedBeforeAllocation() throws {
        let bytes = try ImageFile.read(try #require(Corpus.path("gif-tiff-tests", "hopper.gif")))
        #expect(throws: LimitError.self) { try ImageDecoder.decode(bytes, options: DecodeOptions(limits: DecodeLimits(maxPixels: 1000))) }
    }
}
