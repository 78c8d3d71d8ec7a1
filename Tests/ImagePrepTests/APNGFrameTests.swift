import ImageCodecs
import ImageCore
import ImagePrep
import ImagePrepTestSupport
import ImageRules
import Testing

/// One owner for APNG frame counting: the PNG decoder reads `acTL`, and everything above (normalize, info,
/// the rules) uses `ImageInfo.frameCount`.
@Suite struct APNGFrameTests {
    /// A still PNG with an `acTL` chunk (3 frames) inserted after IHDR: libpng decodes the default image.
    static func animatedPNG() throws -> [UInt8] {
        let still = try ImageEncoder.encode(Image(width: 40, height: 30, layout: .rgb, filledWith: 90), as: .png())
        let ihdrEnd = 8 + 4 + 4 + 13 + 4
        let acTL = PNGChunk.make("acTL", [0, 0, 0, 3, 0, 0, 0, 0])   // 3 frames, loop forever
        return Array(still[..<ihdrEnd]) + acTL + Array(still[ihdrEnd...])
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
