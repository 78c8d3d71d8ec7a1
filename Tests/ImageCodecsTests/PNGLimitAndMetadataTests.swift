import ImageCodecs
import ImageCore
import ImagePrepTestSupport
import Testing

/// PNG limits (checked before any pixel allocation), metadata read from corpus files, lenient decoding.
@Suite struct PNGLimitAndMetadataTests {
    /// A PNG made of chunks with correct CRCs.
    static func png(width: UInt32, height: UInt32, bitDepth: UInt8 = 8, colorType: UInt8 = 6, extraChunks: [(String, [UInt8])] = []) -> [UInt8] {
        let be32 = PNGChunk.bigEndian, chunk = PNGChunk.make
        var bytes: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        bytes += chunk("IHDR", be32(width) + be32(height) + [bitDepth, colorType, 0, 0, 0])
        for (type, data) in extraChunks { bytes += chunk(type, data) }
        // A tiny (wrong-sized) zlib stream: only reached when the limits let the header through.
        bytes += chunk("IDAT", [0x78, 0x9C, 0x63, 0x00, 0x00, 0x00, 0x01, 0x00, 0x01])
        bytes += chunk("IEND", [])
        return bytes
    }

    @Test func hugeHeaderIsALimitErrorBeforeAllocation() throws {
        let huge = Self.png(width: 100_000, height: 100_000)
        // 100000 x 100000 RGBA would need 40 GB: a LimitError here proves nothing was allocated for pixels.
        #expect(throws: LimitError.self) { try ImageDecoder.decode(huge, name: "huge.png") }
        #expect(throws: LimitError.self) { try ImageDecoder.info(huge, name: "huge.png") }
        do {
            _ = try ImageDecoder.decode(huge, name: "huge.png")
        } catch let error as LimitError {
            #expect(error.file == "huge.png")
            #expect(error.message.contains("100000"), "\(error)")
        }
    }

    @Test func pixelLimitIsCheckedAfterTheHeader() throws {
        // Within the width/height limits but over the pixel limit (60000 x 60000 = 3.6 G pixels).
        #expect(throws: LimitError.self) { try ImageDecoder.decode(Self.png(width: 60_000, height: 60_000)) }
        // Tight custom limits apply too.
        let small = Self.png(width: 32, height: 32)
        let limits = DecodeLimits(maxPixels: 1000)
        #expect(throws: LimitError.self) { try ImageDecoder.decode(small, options: DecodeOptions(limits: limits)) }
        #expect(throws: LimitError.self) { try ImageDecoder.decode(small, options: DecodeOptions(limits: DecodeLimits(maxWidth: 31))) }
        // Under the limits the same file gets as far as the (bogus) image data.
        #expect(throws: DecodeError.self) { try ImageDecoder.decode(small) }
    }

    @Test func oversizedMetadataIsDroppedWithAWarning() throws {
        let text = Array("Comment".utf8) + [0] + [UInt8](repeating: 65, count: 5000)
        let image = CodecTestSupport.pattern(width: 4, height: 4, layout: .rgb)
        var bytes = try ImageEncoder.encode(image, as: .png())
        // Insert a 5 kB tEXt chunk after IHDR (8 + 25 bytes).
        let chunk = Self.png(width: 1, height: 1, extraChunks: [("tEXt", text)])
        let textChunk = Array(chunk[33..<(33 + 12 + text.count)])
        bytes.insert(contentsOf: textChunk, at: 33)
        let limits = DecodeLimits(maxMetadataBytes: 1000)
        let decoded = try ImageDecoder.decode(bytes, options: DecodeOptions(limits: limits))
        #expect(decoded.image == image)
        #expect(decoded.warnings.contains { $0.message.contains("tEXt") }, "\(decoded.warnings)")
        #expect(try ImageDecoder.decode(bytes).warnings.isEmpty)
    }

    @Test
    func readsGammaSRGBICCAndEXIF() throws {
        func info(_ set: String, _ file: String) throws -> ImageInfo {
            try ImageDecoder.decode(try ImageFile.read(try #require(Corpus.path(set, file)))).info
        }
        let gamma = try info("pngsuite", "g03n0g16.png")
        #expect(abs((gamma.gamma ?? 0) - 0.35) < 1e-6)
        #expect(gamma.srgbIntent == nil)

        let srgb = try info("libpng-contrib", "testpngs/gray-8-sRGB.png")
        #expect(srgb.srgbIntent == 3)  // absolute colorimetric (pngcheck)

        let early = try info("image-rs-png", "bugfixes/F-exif-chunk-early.png")
        #expect(early.iccProfile?.count == 672)  // Pillow: len(info["icc_profile"])
        #expect(early.iccDescription == "GIMP built-in sRGB")
        #expect(early.exif?.count == 90)  // pngcheck: eXIf length 90
        #expect(early.orientation == .right)  // Pillow: getexif()[274] == 6

        let icc16 = try info("libjpeg-turbo-testimages", "monkey16.png")
        #expect(icc16.iccDescription == "sRGB2014")
        #expect(icc16.bitDepth == 16)

        let interlaced = try info("pngsuite", "basi0g01.png")
        #expect(interlaced.isProgressive && interlaced.bitDepth == 1 && interlaced.colorModel == "gray")
        let palette = try info("pngsuite", "tbbn3p08.png")
        #expect(palette.colorModel == "palette" && palette.layout == .rgba && palette.hasAlpha)
    }

    @Test
    func truncatedDataIsPartialInLenientMode() throws {
        let bytes = try ImageFile.read(try #require(Corpus.path("pillow-tests", "truncated_image.png")))
        #expect(throws: DecodeError.self) { try ImageDecoder.decode(bytes) }
        let decoded = try ImageDecoder.decode(bytes, options: DecodeOptions(strictness: .lenient))
        #expect(decoded.image.width == 640 && decoded.image.height == 480)
        #expect(decoded.warnings.contains { $0.code == "truncated" }, "\(decoded.warnings)")
        // The top rows decoded, the missing bottom is zero.
        let last = decoded.image.pixels.suffix(decoded.image.rowStride)
        #expect(last.allSatisfy { $0 == 0 })
        #expect(decoded.image.pixels.prefix(decoded.image.rowStride).contains { $0 != 0 })
    }

    @Test
    func truncatedInterlacedDataIsPartialInLenientMode() throws {
        let bytes = try ImageFile.read(try #require(Corpus.path("pngsuite", "basi2c16.png")))
        let cut = Array(bytes.prefix(bytes.count * 3 / 4))
        #expect(throws: DecodeError.self) { try ImageDecoder.decode(cut) }
        let decoded = try ImageDecoder.decode(cut, options: DecodeOptions(strictness: .lenient))
        #expect(decoded.image.width == 32 && decoded.image.height == 32 && decoded.image.depth == .sixteen)
        #expect(decoded.warnings.contains { $0.code == "truncated" && $0.message.contains("Adam7") }, "\(decoded.warnings)")
        // The first passes reached every 8th pixel: pixel (0, 0) matches the complete file.
        let full = try ImageDecoder.decode(bytes).image
        #expect((0..<3).map { decoded.image.sample(x: 0, y: 0, channel: $0) } == (0..<3).map { full.sample(x: 0, y: 0, channel: $0) })
    }

    @Test
    func crcErrorCarriesLibpngsMessage() throws {
        let bytes = try ImageFile.read(try #require(Corpus.path("pngsuite", "xcsn0g01.png")))
        do {
            _ = try ImageDecoder.decode(bytes, name: "xcsn0g01.png")
            Issue.record("expected a DecodeError")
        } catch let error as DecodeError {
            #expect(error.details?.contains("CRC error") == true, "\(error)")
            #expect(error.format == .png && error.file == "xcsn0g01.png")
        }
        // Lenient: libpng uses the data and warns; the pixels are those of the intact basn0g01.
        let lenient = try ImageDecoder.decode(bytes, options: DecodeOptions(strictness: .lenient))
        #expect(lenient.warnings.contains { $0.code == "library" && $0.message.contains("CRC") }, "\(lenient.warnings)")
        let intact = try ImageDecoder.decode(try ImageFile.read(try #require(Corpus.path("pngsuite", "basn0g01.png"))))
        #expect(lenient.image == intact.image)
    }
}
