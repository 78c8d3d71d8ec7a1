import ImageCodecs
import ImageCore
import ImagePrep
import Testing

/// The normalize pipeline's stages, each on its own: the plan from a header alone, and the stages chained by
/// hand giving exactly what `normalizeNow` gives.
@Suite struct NormalizerStageTests {
    static func header(_ format: ImageFormat, _ width: Int, _ height: Int, orientation: Orientation = .up) -> ImageInfo {
        ImageInfo(format: format, width: width, height: height, layout: .rgb, bitDepth: 8, colorModel: "rgb",
                  hasAlpha: false, orientation: orientation, byteCount: 1)
    }

    @Test func planComesFromTheHeaderAlone() {
        let normalizer = Normalizer()
        let big = normalizer.plan(for: Self.header(.jpeg, 8000, 6000))
        #expect(big.canvas == Size(width: 1536, height: 1024))
        #expect(big.shrink == 2)                       // 5.2x reduction, 2 x 2.0 headroom fits, 4 x 2.0 does not
        #expect(normalizer.plan(for: Self.header(.jpeg, 6000, 4000)).shrink == 1)  // 3.9x: a 1/2 decode leaves < 2x
        #expect(normalizer.plan(for: Self.header(.jpeg, 6144, 4096)).shrink == 2)  // 4.0x: it fits
        #expect(Normalizer(NormalizeOptions(shrinkHeadroom: 1.9)).plan(for: Self.header(.jpeg, 6000, 4000)).shrink == 2)
        #expect(big.warnings.isEmpty)
        #expect(normalizer.plan(for: Self.header(.png, 8000, 6000)).shrink == 1)   // PNG has no shrink-on-load
        let rotated = normalizer.plan(for: Self.header(.jpeg, 3000, 2000, orientation: .right))
        #expect(rotated.canvas == Size(width: 1024, height: 1536))                  // upright is portrait
        let small = normalizer.plan(for: Self.header(.webp, 300, 200))
        #expect(small.warnings.map(\.code) == ["upscaled"])
    }

    @Test func stagesChainedByHandEqualTheWholePipeline() throws {
        let card = Image(width: 600, height: 400, layout: .rgb) { d in
            for i in 0..<d.count { d[i] = UInt8(truncatingIfNeeded: i * 7 / 3) }
        }
        let bytes = try ImageEncoder.encode(card, as: .png())
        let normalizer = Normalizer(NormalizeOptions(format: .png))
        let plan = normalizer.plan(for: try ImageDecoder.info(bytes))
        let decoded = try normalizer.decode(bytes, plan: plan, name: nil)
        let resampled = normalizer.resample(decoded, plan: plan)
        #expect(resampled.size == Size(width: 1536, height: 1024))
        let color = normalizer.colorStage(resampled, plan: plan)
        #expect(color.conversion == nil)                                           // untagged: taken as sRGB
        let encoded = try normalizer.encodeStage(color.image, name: nil)
        let whole = try normalizer.normalizeNow(bytes)
        #expect(encoded.bytes == whole.bytes)
        #expect(encoded.format == .png && whole.report.warnings.map(\.code) == ["upscaled"])
    }

    @Test func asyncNormalizeGivesTheSameBytes() async throws {
        let bytes = try ImageEncoder.encode(Image(width: 64, height: 64, layout: .rgb, filledWith: 10), as: .png())
        let normalizer = Normalizer(NormalizeOptions(size: .exact(Size(width: 1024, height: 1024)), format: .png))
        #expect(try await normalizer.normalize(bytes).bytes == (try normalizer.normalizeNow(bytes)).bytes)
    }
}
