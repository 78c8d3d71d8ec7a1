import Foundation
import ImageCodecs
import ImageCore
import ImagePrepTestSupport
import Testing

/// HEIF/HEIC and AVIF over `heif-tests` (Tests/Corpus, extended by the shared corpora): every `decode` row
/// decodes at the manifest's size, every `reject` row throws a typed error naming the file, the
/// `decode-with-warning` row is refused when strict and decodes with a warning when lenient, and pixels match
/// heif-convert (libheif-examples) within 2 levels of 255.
@Suite struct HEIFCorpusTests {
    static let rows = Corpus.entries().filter { $0.set == "heif-tests" }
    /// The 200 MP grid takes ~10 s and >1 GB: it is measured by hand (README), and only its header is read here.
    static let decodable = rows.filter { $0.expectation == "decode" && $0.bytes < 2_000_000 }

    /// "libheif 1.15.1 primary image decodes 3024x4032 (8-bit, alpha no)" → (3024, 4032, 8, false).
    static func expected(_ entry: Corpus.Entry) -> (width: Int, height: Int, bits: Int, alpha: Bool)? {
        guard let range = entry.note.range(of: "primary image decodes ") else { return nil }
        let words = entry.note[range.upperBound...].split(separator: " ")
        let size = words[0].split(separator: "x").compactMap { Int($0) }
        let bits = Int(words[1].dropFirst().prefix { $0.isNumber }) ?? 0
        return (size[0], size[1], bits, words[3].hasPrefix("yes"))
    }

    @Test func corpusHasHEIFAndAVIF() {
        #expect(Self.decodable.count >= 20)  // Tests/Corpus alone holds 21 decodable files
        #expect(Self.rows.contains { $0.expectation == "reject" })
        #expect(Self.rows.contains { $0.expectation == "decode-with-warning" })
    }

    @Test(arguments: decodable)
    func decodesAtTheManifestSize(_ entry: Corpus.Entry) throws {
        let expected = try #require(Self.expected(entry), "\(entry): no size in the note")
        let bytes = try ImageFile.read(entry.path)
        let decoded = try ImageDecoder.decode(bytes, name: entry.description)
        let image = decoded.image
        // The manifest gives the size before irot; libheif turns the image upright, so it may be transposed.
        #expect(image.width == expected.width && image.height == expected.height, "\(entry)")
        #expect((entry.width, entry.height) == (image.width, image.height) || (entry.width, entry.height) == (image.height, image.width))
        #expect(decoded.info.format == (entry.file.hasSuffix(".avif") ? .avif : .heif))
        #expect(decoded.info.orientation == .up, "irot/imir are applied by libheif; EXIF must not rotate again")
        #expect(decoded.info.bitDepth == expected.bits && decoded.info.hasAlpha == expected.alpha, "\(entry)")
        #expect(image.layout == (expected.alpha ? .rgba : .rgb) && image.depth == (expected.bits > 8 ? .sixteen : .eight))
        let multi = ["2 top-level", "three top-level"].contains { entry.note.contains($0) }  // empty_icc, spatial_photo, zPug_3
        #expect(decoded.warnings.contains { $0.code == "multi-image" } == multi, "\(entry): \(decoded.warnings)")
        #expect(!decoded.warnings.contains { $0.isDamage }, "\(entry): \(decoded.warnings)")
        let info = try ImageDecoder.info(bytes, name: entry.description)
        #expect(info.width == image.width && info.height == image.height && info.layout == decoded.info.layout)
    }

    @Test(arguments: rows.filter { $0.expectation == "reject" })
    func rejectsWithATypedErrorNamingTheFile(_ entry: Corpus.Entry) throws {
        try FormatsReference.expectRejected(entry)
    }

    /// The lying `ispe` (100x29 while the tile decodes 29x100): refused when strict, the real image and a
    /// warning when lenient.
    @Test(arguments: rows.filter { $0.expectation == "decode-with-warning" })
    func lyingHeaderIsCaught(_ entry: Corpus.Entry) throws {
        let lenient = try FormatsReference.expectRecoverable(entry)
        let expected = try #require(Self.expected(entry))
        #expect(lenient.image.width == expected.width && lenient.image.height == expected.height)
        #expect(lenient.info.width == expected.width && lenient.info.height == expected.height)
        #expect(lenient.warnings.contains { $0.code == "corrupt-data" && $0.message.contains("decodes to") })
    }

    @Test(arguments: ["RGB_8__29x100.heif", "RGBA_10__29x100.heif", "RGB_12__128x128.avif", "RGBA_8__29x100.avif",
                      "LA_8__128x128.avif", "L_12__29x100.heif", "tree-with-transparency.heic",
                      "fox.profile0.8bpc.yuv420.avif", "arrow.heic"])
    func pixelsMatchHeifConvert(_ file: String) throws {
        let path = try #require(Corpus.path("heif-tests", file))
        let reference = try #require(try FormatsReference.load("heif-tests", file))
        let image = try ImageDecoder.decode(try ImageFile.read(path)).image
        #expect(image.width == reference.width && image.height == reference.height)
        #expect(FormatsReference.maxDifference(image, reference) <= 2, "\(file)")
    }

    /// arrow.heic: irot 270 and EXIF Orientation 6. Rotated exactly once: upright 3024x4032, and the pipeline's
    /// orientation step is a no-op (info says `.up`) while the EXIF block is still carried.
    @Test func irotAndExifRotateOnce() throws {
        let bytes = try ImageFile.read(try #require(Corpus.path("heif-tests", "arrow.heic")))
        let info = try ImageDecoder.info(bytes, name: "arrow.heic")
        #expect(info.width == 3024 && info.height == 4032 && info.uprightSize == Size(width: 3024, height: 4032))
        #expect(info.exif.flatMap(EXIF.orientation(in:)) == .right)  // EXIF says 6 …
        #expect(info.orientation == .up)                               // … and is not applied again
        #expect(info.iccDescription?.contains("P3") == true, "\(String(describing: info.iccDescription))")
        // A file without irot but with EXIF Orientation=1 keeps its stored size.
        let lego = try ImageDecoder.info(try ImageFile.read(try #require(Corpus.path("heif-tests", "L_exif_xmp_iptc.heic"))))
        #expect(lego.exif != nil && lego.orientation == .up && lego.width == 64)
    }

    /// Our limits refuse a header over the pixel limit before anything is decoded (the 200 MP grid under a
    /// lowered limit when the shared corpora are present; a small grid under a tiny limit always).
    @Test func limitsRefuseBeforeDecoding() throws {
        let small = try ImageFile.read(try #require(Corpus.path("heif-tests", "RGB_8__29x100.heif")))
        #expect(throws: LimitError.self) {
            try ImageDecoder.decode(small, name: "x.heif", options: DecodeOptions(limits: DecodeLimits(maxPixels: 2000)))
        }
        if let big = Corpus.path("heif-tests", "200MP.heic") {
            let info = try ImageDecoder.info(try ImageFile.read(big))
            #expect(info.width == 12240 && info.height == 16320)  // under the default limit
            let error = try #require(throws: LimitError.self) {
                try ImageDecoder.decode(try ImageFile.read(big), name: "200MP.heic",
                                        options: DecodeOptions(limits: DecodeLimits(maxPixels: 100_000_000)))
            }
            #expect(error.description.contains("200MP.heic"))
        }
    }

    @Test func eightBitWhenSixteenIsNotKept() throws {
        let bytes = try ImageFile.read(try #require(Corpus.path("heif-tests", "RGB_12__128x128.avif")))
        let decoded = try ImageDecoder.decode(bytes, options: DecodeOptions(keepSixteenBit: false))
        #expect(decoded.image.depth == .eight && decoded.info.bitDepth == 12)
    }
}
