import Foundation
import ImageCodecs
import ImageCore
import ImagePrepTestSupport
import Testing

@Suite struct JPEGDecoderTests {
    typealias Support = JPEGTestSupport

    // MARK: - Manifest-driven

    @Test
    func corpusHasJPEGs() {
        #expect(Support.entries.count >= 40)
        #expect(Support.entries(expecting: "reject").count >= 2)
        #expect(Support.entries(expecting: "decode-with-warning").count >= 6)
    }

    @Test(arguments: Support.entries(expecting: "decode"))
    func decodesWithManifestSize(_ entry: Corpus.Entry) throws {
        let bytes = try ImageFile.read(entry.path)
        let info = try ImageDecoder.info(bytes, name: entry.file)
        #expect(info.format == .jpeg)
        #expect(info.width == entry.width && info.height == entry.height)
        let decoded = try ImageDecoder.decode(bytes, name: entry.file)
        #expect(decoded.image.width == entry.width && decoded.image.height == entry.height)
        #expect(decoded.image.layout == info.layout)
        #expect(decoded.image.depth == .eight)
        #expect(decoded.shrink == 1)
        // Files the manifest calls clean decode without damage warnings (djpeg 2.1.5 prints none for them);
        // the one exception is a metadata warning: icc-after-SOF.jpg's APP2 holds no real profile.
        let expected = entry.file == "icc-after-SOF.jpg" ? ["library"] : []
        #expect(decoded.warnings.map(\.code) == expected, "\(decoded.warnings)")
    }

    @Test
    func bogusICCMarkerIsOnlyAWarning() throws {
        let decoded = try ImageDecoder.decode(try Support.bytes("pillow-tests", "icc-after-SOF.jpg"))
        #expect(decoded.info.iccProfile == nil)
        #expect(decoded.warnings.first?.message.contains("bad ICC marker") == true)
    }

    /// The warning each damaged file gives, and whether its damage is missing data (a truncated file, refused
    /// by the default decode) rather than damage every viewer shows past (decoded with the warning by default).
    static let warningExpectations: [String: (truncated: Bool, warning: String)] = [
        "hopper_bad_exif.jpg": (false, "corrupt-data"),      // 1214 junk bytes before RST0: inside the scan
        "jpeg_ff00_header.jpg": (false, "extraneous-data"),  // junk between header segments only
        "junk_jpeg_header.jpg": (false, "extraneous-data"),
        "truncated_app14.jpg": (false, "extraneous-data"),
        "truncated_jpeg.jpg": (true, "truncated"),
        "ultrahdr.jpg": (true, "truncated"),
    ]

    @Test(arguments: Support.entries(expecting: "decode-with-warning"))
    func decodesWithWarning(_ entry: Corpus.Entry) throws {
        let bytes = try ImageFile.read(entry.path)
        let expected = try #require(Self.warningExpectations[entry.file], "no expectation recorded for \(entry)")

        // Default: recoverable damage decodes with its warning; missing data is a typed error.
        do {
            let standard = try ImageDecoder.decode(bytes, name: entry.file)
            #expect(!expected.truncated, "the default decode was expected to refuse a truncated file")
            #expect(standard.image.width == entry.width && standard.image.height == entry.height)
            #expect(standard.warnings.map(\.code).contains(expected.warning), "\(standard.warnings)")
        } catch let error as DecodeError {
            #expect(expected.truncated, "unexpected \(error)")
            #expect(error.file == entry.file && error.message.contains("truncated"))
            #expect(error.details?.isEmpty == false)
            #expect(error.code != nil)
        }

        // Strict: every one of them is refused, naming the file.
        // (a HeaderError when the damage sits before the first scan, a DecodeError after it).
        let strict = try #require(throws: (any Error).self) {
            try ImageDecoder.decode(bytes, name: entry.file, options: DecodeOptions(strictness: .strict))
        }
        #expect((strict as? any CodecFailure)?.file == entry.file, "\(strict)")

        // Lenient: always an image of the manifest's size and the warning.
        let lenient = try ImageDecoder.decode(bytes, name: entry.file, options: DecodeOptions(strictness: .lenient))
        #expect(lenient.image.width == entry.width && lenient.image.height == entry.height)
        #expect(lenient.warnings.map(\.code).contains(expected.warning), "\(lenient.warnings)")
    }

    /// The error type each refused JPEG must throw.
    static let rejectExpectations: [String: String] = [
        "monkey12.jpg": "header",   // 12-bit: libjpeg-turbo 2.1.5 "Unsupported JPEG data precision 12"
        "testorig12.jpg": "header",
    ]

    @Test(arguments: Support.entries(expecting: "reject"))
    func rejects(_ entry: Corpus.Entry) throws {
        let bytes = try ImageFile.read(entry.path)
        let stage = try #require(Self.rejectExpectations[entry.file], "no expected error recorded for \(entry)")
        for lenient in [false, true] {
            do {
                _ = try ImageDecoder.decode(bytes, name: entry.file, options: DecodeOptions(strictness: lenient ? .lenient : .standard))
                Issue.record("\(entry) decoded")
            } catch let error as any CodecFailure {
                #expect(error.stage == stage, "\(error)")
                #expect(error.file == entry.file)
            }
        }
        #expect(throws: HeaderError.self) { try ImageDecoder.info(bytes, name: entry.file) }
    }

    @Test
    func twelveBitErrorCarriesLibjpegText() throws {
        let bytes = try Support.bytes("libjpeg-turbo-testimages", "testorig12.jpg")
        let error = try #require(throws: HeaderError.self) { try JPEGDecoder.decode(bytes, options: .init()) }
        #expect(error.details == "Unsupported JPEG data precision 12")
        #expect(error.format == .jpeg)
    }

    // MARK: - Pixels against independent decoders

    static let djpegFiles: [(String, String)] = [
        ("libjpeg-turbo-testimages", "testorig.jpg"), ("libjpeg-turbo-testimages", "testimgp.jpg"),
        ("libjpeg-turbo-testimages", "testimgari.jpg"), ("libjpeg-turbo-testimages", "testimggray.jpg"),
        ("wide-gamut-tests", "P3-sRGB-color-bars.jpg"),  // restart interval 125, Adobe APP14 (transform 1)
        ("pillow-tests", "exif-dpi-zerodivision.jpg"),   // restart interval 25
        ("sharp-fixtures", "2569067123_aca715a2ee_o.jpg"),
    ]

    @Test(arguments: djpegFiles, [1, 2, 4, 8])
    func matchesDjpegExactly(_ file: (String, String), scale: Int) throws {
        let path = try #require(Corpus.path(file.0, file.1))
        let decoded = try ImageDecoder.decode(try ImageFile.read(path), options: DecodeOptions(shrink: scale))
        let reference = try Support.djpeg(path, scale: scale)
        #expect(decoded.image.width == reference.width && decoded.image.height == reference.height)
        #expect(decoded.image.layout == reference.layout)
        let same = decoded.image.pixels == reference.pixels
        #expect(same)
    }

    @Test(arguments: [("wide-gamut-tests", "R2020-sRGB-color-ring.jpg"), ("pillow-tests", "exif-ifd-offset.jpg")])
    func restartMarkersDecode(_ file: (String, String)) throws {
        let bytes = try Support.bytes(file.0, file.1)
        #expect(Support.headerSegments(bytes).contains { $0.marker == 0xDD })  // DRI present
        let scan = bytes[bytes.indices.first { bytes[$0] == 0xFF && bytes[$0 + 1] == 0xDA }!...]
        #expect(zip(scan, scan.dropFirst()).contains { $0 == 0xFF && (0xD0...0xD7).contains($1) })  // RSTn in the scan
        let decoded = try JPEGDecoder.decode(bytes, options: .init())
        #expect(decoded.warnings.isEmpty)
        let same = try decoded.image.pixels == Support.djpeg(try #require(Corpus.path(file.0, file.1))).pixels
        #expect(same)
    }

    // MARK: - Shrink-on-load

    @Test(arguments: [(1, 2725, 2225), (2, 1363, 1113), (4, 682, 557), (8, 341, 279)])
    func scaledSizes(_ expected: (shrink: Int, width: Int, height: Int)) throws {
        let bytes = try Support.bytes("sharp-fixtures", "2569067123_aca715a2ee_o.jpg")
        let decoded = try JPEGDecoder.decode(bytes, options: DecodeOptions(shrink: expected.shrink))
        #expect(decoded.shrink == expected.shrink)
        #expect(decoded.image.width == expected.width && decoded.image.height == expected.height)
        #expect(decoded.info.width == 2725 && decoded.info.height == 2225)  // info keeps the stored size
    }

    @Test func scaledSizesRoundUp() throws {
        let jpeg = try JPEGEncoder.encode(Support.syntheticRGB(width: 101, height: 37), options: .init(), metadata: .none)
        for shrink in [1, 2, 4, 8] {
            let image = try JPEGDecoder.decode(jpeg, options: DecodeOptions(shrink: shrink)).image
            #expect(image.width == (101 + shrink - 1) / shrink && image.height == (37 + shrink - 1) / shrink)
        }
    }

    // MARK: - CMYK and YCCK

    @Test
    func ycckMatchesPillow() throws {
        let path = try #require(Corpus.path("sharp-fixtures", "Channel_digital_image_CMYK_color_no_profile.jpg"))
        let decoded = try ImageDecoder.decode(try ImageFile.read(path))
        #expect(decoded.info.colorModel == "ycck")
        #expect(decoded.image.layout == .cmyk)
        // Pillow reads Adobe CMYK as inverted ("CMYK;I"), so its samples are ink amounts like ours.
        let reference = try Support.pillowRaw(path, mode: "CMYK")
        #expect(Support.maxDifference(decoded.image.pixels, reference) <= 1)
    }

    @Test
    func adobeCMYKPatchesComeOutAsInk() throws {
        // Pure patches written by Pillow (Adobe APP14, transform 0, inverted storage).
        let path = Support.temporaryPath(".jpg")
        defer { try? FileManager.default.removeItem(atPath: path) }
        try Support.pillow("""
            import sys
            from PIL import Image
            im = Image.new('CMYK', (64, 16))
            for i, c in enumerate([(0,0,0,0), (255,0,0,0), (0,255,0,0), (0,0,0,255)]):
                im.paste(c, (i * 16, 0, i * 16 + 16, 16))
            im.save(sys.argv[1], quality=95)
            """, [path])
        let decoded = try ImageDecoder.decode(try ImageFile.read(path))
        #expect(decoded.info.colorModel == "cmyk")
        let expected: [[Int]] = [[0, 0, 0, 0], [255, 0, 0, 0], [0, 255, 0, 0], [0, 0, 0, 255]]
        for (i, ink) in expected.enumerated() {
            let got = (0..<4).map { decoded.image.sample(x: i * 16 + 8, y: 8, channel: $0) }
            #expect(zip(got, ink).allSatisfy { abs($0 - $1) <= 3 }, "patch \(i): \(got)")
        }
        let rgb = decoded.image.converted(to: .rgb)
        #expect((0..<3).map { rgb.sample(x: 8, y: 8, channel: $0) }.allSatisfy { $0 >= 252 })   // white
        #expect(rgb.sample(x: 24, y: 8, channel: 0) <= 3 && rgb.sample(x: 24, y: 8, channel: 1) >= 252)  // cyan
    }

    // MARK: - Metadata

    @Test(arguments: Support.entries.filter { $0.set == "exif-orientation-examples" })
    func exifOrientation(_ entry: Corpus.Entry) throws {
        let info = try ImageDecoder.info(try ImageFile.read(entry.path))
        // Landscape_6.jpg carries orientation 6; Portrait_0.jpg's 0 is out of range and reads as up.
        let digit = Int(String(entry.file.split(separator: "_")[1].prefix(1)))!
        #expect(info.orientation == Orientation(exifValue: digit))
        #expect(info.exif?.starts(with: [0x4D, 0x4D, 0x00, 0x2A]) == true)  // TIFF header, big-endian
        #expect(info.uprightSize == info.orientation.uprightSize(info.size))
    }

    @Test
    func iccProfiles() throws {
        for (set, file, description) in [
            ("wide-gamut-tests", "P3-sRGB-color-bars.jpg", "DCI-P3-D65-2_2-Gamma"),
            ("wide-gamut-tests", "R2020-sRGB-color-ring.jpg", "R2020-D65-2_2-Gamma"),
            ("sharp-fixtures", "320x240.jpg", "sRGB IEC61966-2.1"),
        ] {
            let bytes = try Support.bytes(set, file)
            let info = try ImageDecoder.info(bytes)
            #expect(info.iccDescription == description, "\(file)")
            #expect(info.iccProfile == Support.iccFromSegments(bytes), "\(file)")
        }
        let plain = try ImageDecoder.info(try Support.bytes("libjpeg-turbo-testimages", "testorig.jpg"))
        #expect(plain.iccProfile == nil && plain.exif == nil && plain.orientation == .up)
    }

    @Test
    func multiSegmentICCProfile() throws {
        let bytes = try Support.bytes("pillow-tests", "icc_profile_big.jpg")
        let info = try ImageDecoder.info(bytes)
        let icc = try #require(info.iccProfile)
        #expect(Support.headerSegments(bytes).filter { $0.marker == 0xE2 }.count > 1)
        #expect(icc == Support.iccFromSegments(bytes))
        #expect(icc.count > 65_519)
        #expect(info.isProgressive)
        #expect(throws: LimitError.self) {
            try ImageDecoder.info(bytes, limits: DecodeLimits(maxMetadataBytes: 65_536))
        }
    }

    @Test
    func iccMatchesPillow() throws {
        let path = try #require(Corpus.path("pillow-tests", "icc_profile_big.jpg"))
        let out = Support.temporaryPath(".icc")
        defer { try? FileManager.default.removeItem(atPath: out) }
        try Support.pillow("""
            import sys
            from PIL import Image
            open(sys.argv[2], 'wb').write(Image.open(sys.argv[1]).info['icc_profile'])
            """, [path, out])
        let info = try ImageDecoder.info(try ImageFile.read(path))
        #expect(info.iccProfile == Array(FileManager.default.contents(atPath: out) ?? Data()))
    }

    // MARK: - Truncation and limits

    @Test(arguments: [("libjpeg-turbo-testimages", "testorig.jpg"), ("libjpeg-turbo-testimages", "testimgp.jpg"),
                      ("sharp-fixtures", "flowers.jpeg")])
    func truncatedHalf(_ file: (String, String)) throws {
        let whole = try Support.bytes(file.0, file.1)
        let half = Array(whole.prefix(whole.count / 2))
        let error = try #require(throws: DecodeError.self) { try ImageDecoder.decode(half, name: "half.jpg") }
        #expect(error.details == "Premature end of JPEG file")
        #expect(error.file == "half.jpg")
        let lenient = try ImageDecoder.decode(half, options: DecodeOptions(strictness: .lenient))
        let full = try ImageDecoder.decode(whole)
        #expect(lenient.image.width == full.image.width && lenient.image.height == full.image.height)
        #expect(lenient.warnings.first?.code == "truncated")
        if !full.info.isProgressive {
            // Sequential: the rows before the cut survive intact.
            let rows = full.image.rowStride * 8
            let same = Array(lenient.image.pixels.prefix(rows)) == Array(full.image.pixels.prefix(rows))
            #expect(same)
        }
    }

    @Test func truncatedSynthetic() throws {
        let jpeg = try JPEGEncoder.encode(Support.syntheticRGB(), options: .init(), metadata: .none)
        let cut = Array(jpeg.prefix(jpeg.count * 2 / 3))
        #expect(throws: DecodeError.self) { try JPEGDecoder.decode(cut, options: .init()) }
        let lenient = try JPEGDecoder.decode(cut, options: DecodeOptions(strictness: .lenient))
        #expect(lenient.warnings.map(\.code) == ["truncated", "corrupt-data"] || lenient.warnings.map(\.code) == ["truncated"])
        // Cut inside the header: nothing to decode.
        #expect(throws: HeaderError.self) { try JPEGDecoder.decode(Array(jpeg.prefix(100)), options: DecodeOptions(strictness: .lenient)) }
        #expect(throws: HeaderError.self) { try JPEGDecoder.info(Array(jpeg.prefix(100)), limits: .default) }
    }

    @Test func corruptScanData() throws {
        var jpeg = try JPEGEncoder.encode(Support.syntheticRGB(), options: .init(), metadata: .none)
        let sos = try #require(jpeg.indices.first { jpeg[$0] == 0xFF && jpeg[$0 + 1] == 0xDA })
        for i in stride(from: sos + 40, to: jpeg.count - 4, by: 97)
        where jpeg[i] != 0xFF && jpeg[i - 1] != 0xFF && jpeg[i + 1] != 0xFF {
            jpeg[i] = 0xFF; jpeg[i + 1] = 0xD3  // stray restart markers cut the entropy-coded data short
        }
        // Damage libjpeg resynchronises after: a warning by default and leniently, an error in strict mode.
        #expect(throws: DecodeError.self) { try JPEGDecoder.decode(jpeg, options: DecodeOptions(strictness: .strict)) }
        for strictness in [DecodeStrictness.standard, .lenient] {
            let decoded = try JPEGDecoder.decode(jpeg, options: DecodeOptions(strictness: strictness))
            #expect(decoded.warnings.contains { $0.code == "corrupt-data" })
            #expect(decoded.image.width == 256 && decoded.image.height == 192)
        }
    }

    /// A header with an SOF0 frame of `width` x `height` and a scan header, no pixel data.
    static func craftedHeader(width: Int, height: Int) -> [UInt8] {
        let sof: [UInt8] = [0xFF, 0xC0, 0x00, 17, 8, UInt8(height >> 8), UInt8(height & 0xFF), UInt8(width >> 8), UInt8(width & 0xFF), 3,
                            1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1]
        let sos: [UInt8] = [0xFF, 0xDA, 0x00, 12, 3, 1, 0x00, 2, 0x11, 3, 0x11, 0, 63, 0]
        return [0xFF, 0xD8] + sof + sos + [0x00, 0x00, 0xFF, 0xD9]
    }

    @Test(arguments: [(60000, 60000), (65535, 65535), (65535, 1), (20000, 20000)])
    func hugeFrameHitsLimitsBeforeAllocation(_ size: (Int, Int)) throws {
        // A JPEG SOF stores 16-bit dimensions, so 65535 x 65535 is the largest frame a file can declare.
        let bytes = Self.craftedHeader(width: size.0, height: size.1)
        #expect(throws: LimitError.self) { try ImageDecoder.info(bytes, name: "huge.jpg") }
        #expect(throws: LimitError.self) { try JPEGDecoder.info(bytes, limits: .default) }
        let error = try #require(throws: LimitError.self) { try ImageDecoder.decode(bytes, name: "huge.jpg") }
        #expect(error.file == "huge.jpg")
        #expect(throws: LimitError.self) { try ImageDecoder.decode(bytes, options: DecodeOptions(strictness: .lenient)) }
    }

    @Test func craftedHeaderIsOtherwiseValid() throws {
        // The same bytes at a small size read fine, so the refusals above are about size alone.
        let info = try ImageDecoder.info(Self.craftedHeader(width: 16, height: 16))
        #expect(info.width == 16 && info.height == 16 && info.colorModel == "ycbcr")
    }

    @Test func limitsAreCheckedOnRealFiles() throws {
        let jpeg = try JPEGEncoder.encode(Support.syntheticRGB(), options: .init(), metadata: .none)
        #expect(throws: LimitError.self) { try JPEGDecoder.decode(jpeg, options: DecodeOptions(limits: DecodeLimits(maxPixels: 1000))) }
        #expect(throws: LimitError.self) { try JPEGDecoder.decode(jpeg, options: DecodeOptions(limits: DecodeLimits(maxWidth: 255))) }
        #expect(try JPEGDecoder.decode(jpeg, options: DecodeOptions(limits: DecodeLimits(maxPixels: 256 * 192))).image.width == 256)
    }

    @Test func garbageAndEmptyInputThrow() throws {
        #expect(throws: HeaderError.self) { try JPEGDecoder.decode([], options: .init()) }
        #expect(throws: HeaderError.self) { try JPEGDecoder.decode([0xFF, 0xD8, 0xFF], options: .init()) }
        #expect(throws: HeaderError.self) { try JPEGDecoder.decode([0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x02] + [UInt8](repeating: 0x41, count: 64), options: .init()) }
        #expect(throws: HeaderError.self) { try ImageDecoder.decode([0x47, 0x49, 0x46, 0x38, 0x39, 0x61]) }  // a GIF cut after its signature
        #expect(throws: SniffError.self) { try ImageDecoder.decode(Array("BM".utf8) + [UInt8](repeating: 0, count: 30)) }
    }

    @Test func tooManyScansIsALimit() throws {
        // A valid progressive header followed by 600 empty-ish DC refinement scans.
        let base = try JPEGEncoder.encode(Image(width: 8, height: 8, layout: .gray, filledWith: 128),
                                          options: JPEGEncodeOptions(progressive: true), metadata: .none)
        let firstSOS = try #require(base.indices.first { base[$0] == 0xFF && base[$0 + 1] == 0xDA })
        // DC refinement scan for component 1: Ss=0 Se=0 Ah=1 Al=0 (one bit per block, here one block).
        var scans: [UInt8] = []
        for _ in 0..<600 { scans += [0xFF, 0xDA, 0x00, 0x08, 0x01, 0x01, 0x00, 0x00, 0x00, 0x10, 0x00] }
        var crafted = Array(base[..<firstSOS])
        // First scan: DC first pass Al=1 for component 1, one block of zero DC difference ('00' code padded).
        crafted += [0xFF, 0xDA, 0x00, 0x08, 0x01, 0x01, 0x00, 0x00, 0x00, 0x01, 0x00]
        crafted += scans + [0xFF, 0xD9]
        let error = try #require(throws: (any Error).self) { try JPEGDecoder.decode(crafted, options: DecodeOptions(strictness: .lenient)) }
        #expect((error as? LimitError)?.details == "JPEG image has more than 500 scans", "\(error)")
    }
}
