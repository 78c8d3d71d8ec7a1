import ImageCodecs
import ImageCore
import ImagePrep
import ImageRules
import Testing

/// One owner for APNG frame counting: the PNG decoder reads `acTL`, and everything above (normalize, info,
/// the rules) uses `ImageInfo.frameCount`.
@Suite struct APNGFrameTests {
    /// A still PNG with an `acTL` chunk (3 frames) inserted after IHDR: libpng decodes the default image.
    static func animatedPNG() throws -> [UInt8] {
        let still = try ImageEncoder.encode(Image(width: 40, height: 30, layout: .rgb, filledWith: 90), as: .png())
        let ihdrEnd = 8 + 4 + 4 + 13 + 4
        let body: [UInt8] = Array("acTL".utf8) + [0, 0, 0, 3, 0, 0, 0, 0]
        let crc = crc32(body)
        let chunk: [UInt8] = [0, 0, 0, 8] + body + [UInt8(crc >> 24), UInt8(crc >> 16 & 0xFF), UInt8(crc >> 8 & 0xFF), UInt8(crc & 0xFF)]
        return Array(still[..<ihdrEnd]) + chunk + Array(still[ihdrEnd...])
    }

    static func crc32(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
        }
        return ~crc
    }

    @Test func decoderReportsTheFramesAndWarns() throws {
        let bytes = try Self.animatedPNG()
        #expect(try ImageDecoder.info(bytes).frameCount == 3)
        let decoded = try ImageDecoder.decode(bytes)
        #expect(decoded.info.isAnimated)
        #expect(decoded.warnings.map(\.code) == ["animated"])
        #expect(decoded.image.width == 40 && decoded.image.height == 30)
        let still = try ImageEncoder.encode(Image(width: 4, height: 4, layout: .rgb, filledWith: 1), as: .png())
        #expect(try ImageDecoder.info(still).frameCount == 1)
    }

    @Test func normalizeWarnsAsCheckDoes() throws {
        let result = try Normalizer(NormalizeOptions(size: .exact(Size(width: 1024, height: 1024)))).normalizeNow(try Self.animatedPNG())
        #expect(result.report.warnings.filter { $0.code == "animated" }.count == 1)
    }
}
