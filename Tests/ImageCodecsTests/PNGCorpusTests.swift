import ImageCodecs
import ImageCore
import ImagePrepTestSupport
import Testing

/// PNG decoding over every PNG in the shared corpora's manifests, and PngSuite pixel for pixel against Pillow.
@Suite struct PNGCorpusTests {
    static let pngs = CodecTestSupport.entries(withExtension: "png")
    static let decodable = pngs.filter { $0.expectation == "decode" }
    static let damaged = pngs.filter { $0.expectation == "decode-with-warning" }
    static let rejected = pngs.filter { $0.expectation == "reject" }
    /// PngSuite files with golden Pillow pixels (see scripts/golden-pngsuite.py).
    static let pngSuite = decodable.filter { $0.set == "pngsuite" || ($0.set == "libpng-contrib" && $0.file.hasPrefix("pngsuite/")) }

    /// The error type each `reject` file must raise, and why.
    static let expectedRejection: [String: any Error.Type] = [
        // Signature damaged (bytes changed or text-mode CR/LF conversion): not recognised as PNG at all.
        "pngsuite/xs1n0g01.png": SniffError.self, "pngsuite/xs2n0g01.png": SniffError.self,
        "pngsuite/xs4n0g01.png": SniffError.self, "pngsuite/xs7n0g01.png": SniffError.self,
        "pngsuite/xcrn0g04.png": SniffError.self, "pngsuite/xlfn0g04.png": SniffError.self,
        // IHDR or the chunks before IDAT are invalid, missing or run past the end of the file.
        "pngsuite/xc1n0g08.png": HeaderError.self, "pngsuite/xc9n2c08.png": HeaderError.self,
        "pngsuite/xd0n2c08.png": HeaderError.self, "pngsuite/xd3n2c08.png": HeaderError.self,
        "pngsuite/xd9n2c08.png": HeaderError.self, "pngsuite/xhdn0g08.png": HeaderError.self,
        "pngsuite/xdtn0g01.png": HeaderError.self,
        "image-rs-png/bugfixes/x_ihdr_missing.png": HeaderError.self,
        "image-rs-png/bugfixes/x_issue#214.png": HeaderError.self,
        "image-rs-png/bugfixes/x_issue#230.0.png": HeaderError.self,
        "image-rs-png/bugfixes/x_issue#230.1.png": HeaderError.self,
        "image-rs-png/bugfixes/x_unexpected_eof.png": HeaderError.self,
        "libpng-contrib/testpngs/crashers/bad_iCCP.png": HeaderError.self,
        "pillow-tests/apng_syntax_num_frames_zero.png": HeaderError.self,
        // 80 bytes of garbage after a valid signature: the first chunk has an invalid type.
        "pillow-tests/broken.png": HeaderError.self,
        // The image data is corrupt or truncated.
        "pngsuite/xcsn0g01.png": DecodeError.self,
        "image-rs-png/bugfixes/x_consecutive_idat.png": DecodeError.self,
        "image-rs-png/bugfixes/x_image-issue#1075.png": DecodeError.self,
        "image-rs-png/bugfixes/x_interlaced_chck.png": DecodeError.self,
        "libpng-contrib/testpngs/crashers/badadler.png": DecodeError.self,
        "libpng-contrib/testpngs/crashers/badcrc.png": DecodeError.self,
        "libpng-contrib/testpngs/crashers/huge_IDAT.png": DecodeError.self,
        "pillow-tests/broken_data_stream.png": DecodeError.self,
        "pillow-tests/truncated_end_chunk.png": DecodeError.self,
        "pillow-tests/truncated_image.png": DecodeError.self,
    ].merging(
        // Ancillary chunks whose declared length runs past the end of the file (read before IDAT).
        ["bKGD", "cHRM", "eXIf", "gAMA", "hIST", "iCCP", "iTXt", "juNK_unsafe_to_copy", "juNk_safe_to_copy", "pCAL",
         "pHYs", "sCAL", "sPLT", "sRGB", "sTER", "tEXt", "tIME", "zTXt"].map {
            ("libpng-contrib/testpngs/crashers/huge_\($0)\($0.hasPrefix("ju") ? "" : "_chunk").png", HeaderError.self as any Error.Type)
        },
        uniquingKeysWith: { a, _ in a })

    @Test
    func corpusHasPNGs() {
        #expect(Self.decodable.count >= 370)  // Tests/Corpus alone holds 372; the shared corpora add more
        #expect(Self.rejected.count == Self.expectedRejection.count)
        #expect(Self.pngSuite.count == 221)
    }

    @Test(arguments: decodable)
    func decodesWithManifestDimensions(_ entry: Corpus.Entry) throws {
        let (decoded, info) = try CodecTestSupport.expectDecodes(entry, as: .png)
        #expect(decoded.image.depth.rawValue == (decoded.info.bitDepth == 16 ? 16 : 8))
        #expect(info.isProgressive == decoded.info.isProgressive && info.colorModel == decoded.info.colorModel)
    }

    @Test(arguments: damaged)
    func damagedFilesDecodeLenientlyWithAWarning(_ entry: Corpus.Entry) throws {
        let bytes = try CodecTestSupport.bytes(entry)
        let decoded = try ImageDecoder.decode(bytes, name: entry.description, options: DecodeOptions(strictness: .lenient))
        #expect(decoded.image.width == entry.width)
        #expect(decoded.image.height == entry.height)
        #expect(!decoded.warnings.isEmpty, "expected at least one warning")
    }

    @Test(arguments: rejected)
    func rejectsWithTheExpectedErrorType(_ entry: Corpus.Entry) throws {
        let expected = try #require(Self.expectedRejection[entry.description], "no expected error type for \(entry)")
        let bytes = try CodecTestSupport.bytes(entry)
        do {
            let decoded = try ImageDecoder.decode(bytes, name: entry.description)
            Issue.record("decoded \(decoded.image.width)x\(decoded.image.height); expected \(expected)")
        } catch let error as any CodecFailure {
            #expect(type(of: error) == expected, "\(error)")
            #expect(error.file == entry.description)
            if !(error is SniffError) { #expect(error.details?.isEmpty == false, "libpng's message expected: \(error)") }
        }
    }

    @Test(arguments: pngSuite)
    func matchesPillowPixelForPixel(_ entry: Corpus.Entry) throws {
        let golden = try ImageFile.read("\(CodecTestSupport.goldenDirectory)/\(entry.set)/\(entry.file).rgba")
        let decoded = try ImageDecoder.decode(try CodecTestSupport.bytes(entry), name: entry.description)
        let ours = CodecTestSupport.rgba8HighByte(decoded.image)
        #expect(ours.count == golden.count)
        let firstDifference = zip(ours, golden).enumerated().first { $0.element.0 != $0.element.1 }?.offset
        #expect(firstDifference == nil, "first difference at byte \(firstDifference ?? -1) (pixel \((firstDifference ?? 0) / 4))")
    }

    @Test(arguments: pngSuite.filter { $0.format.contains("16-bit") })
    func keepsSixteenBitSamples(_ entry: Corpus.Entry) throws {
        let bytes = try CodecTestSupport.bytes(entry)
        let decoded = try ImageDecoder.decode(bytes, name: entry.description)
        #expect(decoded.info.bitDepth == 16)
        #expect(decoded.image.depth == .sixteen)
        // Reduced on request: every 8-bit sample is the 16-bit one rounded.
        let eight = try ImageDecoder.decode(bytes, options: DecodeOptions(keepSixteenBit: false)).image
        #expect(eight.depth == .eight)
        #expect(eight == decoded.image.to8Bit())
    }

    @Test
    func sixteenBitLowBytesAreKept() throws {
        // Most 16-bit PngSuite images use the low byte (the g*n0g16 gamma set holds widened 8-bit values).
        let sixteen = Self.pngSuite.filter { $0.format.contains("16-bit") }
        var usingLowBytes = 0
        for entry in sixteen {
            let image = try ImageDecoder.decode(try CodecTestSupport.bytes(entry)).image
            let samples = image.pixelCount * image.layout.channels
            if (0..<samples).contains(where: { image.pixels[$0 * 2] != image.pixels[$0 * 2 + 1] }) { usingLowBytes += 1 }
        }
        #expect(sixteen.count >= 40)
        #expect(usingLowBytes >= sixteen.count - 8)
        // basn0g16: a 16-bit gray ramp; PNG stores big-endian, ImageCore native little-endian.
        let ramp = try ImageDecoder.decode(try ImageFile.read(try #require(Corpus.path("pngsuite", "basn0g16.png")))).image
        #expect(ramp.layout == .gray && ramp.depth == .sixteen)
        // Values as Pillow reads them in 16-bit "I" mode (`list(Image.open(...).getdata())[:4]`).
        #expect([0, 1, 2, 3].map { ramp.sample(x: $0, y: 0, channel: 0) } == [0, 2304, 4608, 6912])
    }
}
