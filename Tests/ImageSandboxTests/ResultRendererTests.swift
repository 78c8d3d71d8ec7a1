import ImageCore
@testable import ImageSandbox
import Testing

@Suite("Sandbox result renderer")
struct ResultRendererTests {
    /// An RGB image whose pixel (x, y) is (x, y, x ^ y) truncated to 8 bits.
    static func gradient(_ width: Int, _ height: Int) -> Image {
        Image(width: width, height: height, layout: .rgb, pixels: (0..<height).flatMap { y in
            (0..<width).flatMap { x in [UInt8(truncatingIfNeeded: x), UInt8(truncatingIfNeeded: y), UInt8(truncatingIfNeeded: x ^ y)] }
        })
    }

    /// An RGBA mask of the given size whose alpha is `alpha(x, y)`.
    static func mask(_ width: Int, _ height: Int, _ alpha: (Int, Int) -> UInt8) -> Image {
        Image(width: width, height: height, layout: .rgba, pixels: (0..<height).flatMap { y in
            (0..<width).flatMap { x in [255, 255, 255, alpha(x, y)] }
        })
    }

    @Test func editChangesExactlyWhereTheMaskIsTransparent() {
        let reference = Self.gradient(64, 64)
        let mask = Self.mask(64, 64) { x, y in x >= 16 && x < 48 && y >= 8 && y < 40 ? 0 : 255 }
        let result = ResultRenderer.edit(reference, mask: mask, width: 64, height: 64)
        #expect(result.width == 64 && result.height == 64 && result.layout == .rgb)
        for y in 0..<64 {
            for x in 0..<64 {
                let inside = x >= 16 && x < 48 && y >= 8 && y < 40
                for c in 0..<3 {
                    let original = reference.sample(x: x, y: y, channel: c)
                    let expected = inside ? 255 - original : original
                    if result.sample(x: x, y: y, channel: c) != expected {
                        Issue.record("pixel (\(x), \(y)) channel \(c): \(result.sample(x: x, y: y, channel: c)) != \(expected)")
                        return
                    }
                }
            }
        }
    }

    @Test func partialAlphaEditsInProportion() {
        let reference = Image(width: 2, height: 1, layout: .rgb, pixels: [0, 100, 255, 0, 100, 255])
        let mask = Self.mask(2, 1) { x, _ in x == 0 ? 128 : 64 }   // weights 127/255 and 191/255
        let result = ResultRenderer.edit(reference, mask: mask, width: 2, height: 1)
        // value + weight·(255 − 2·value)/255, rounded half away from zero.
        #expect(result.pixels == [127, 127, 128, 191, 141, 64])   // 100 + 127·55/255 = 127.4, 100 + 191·55/255 = 141.2
    }

    @Test func invertedPolarityIsVisible() {
        let reference = Self.gradient(32, 32)
        let keepLeft = Self.mask(32, 32) { x, _ in x < 16 ? 255 : 0 }
        let keepRight = Self.mask(32, 32) { x, _ in x < 16 ? 0 : 255 }
        let a = ResultRenderer.edit(reference, mask: keepLeft, width: 32, height: 32)
        let b = ResultRenderer.edit(reference, mask: keepRight, width: 32, height: 32)
        #expect(a.sample(x: 3, y: 3, channel: 0) == reference.sample(x: 3, y: 3, channel: 0))
        #expect(b.sample(x: 3, y: 3, channel: 0) == 255 - reference.sample(x: 3, y: 3, channel: 0))
        #expect(a != b)
    }

    @Test func noMaskInvertsEverything() {
        let reference = Self.gradient(8, 8)
        let result = ResultRenderer.edit(reference, mask: nil, width: 8, height: 8)
        #expect(result.pixels == reference.pixels.map { 255 - $0 })
    }

    @Test func referenceIsScaledToCoverAndCentreCropped() {
        // 4×2 → 8×8: scale 4, the 16-px-wide scaled image is cropped to its middle 8 columns (source x 1…2).
        let reference = Image(width: 4, height: 2, layout: .rgb, pixels: (0..<8).flatMap { [UInt8($0 * 10), 0, 0] })
        let opaque = Self.mask(4, 2) { _, _ in 255 }
        let result = ResultRenderer.edit(reference, mask: opaque, width: 8, height: 8)
        #expect(result.width == 8 && result.height == 8)
        #expect(result.sample(x: 0, y: 0, channel: 0) == 10)   // source (1, 0)
        #expect(result.sample(x: 7, y: 0, channel: 0) == 20)   // source (2, 0)
        #expect(result.sample(x: 0, y: 7, channel: 0) == 50)   // source (1, 1)
    }

    @Test func textToImagePatternIsDeterministicPerPromptAndIndex() {
        let a = ResultRenderer.render(prompt: "a red fox", width: 96, height: 144, index: 0, references: [], mask: nil)
        let again = ResultRenderer.render(prompt: "a red fox", width: 96, height: 144, index: 0, references: [], mask: nil)
        let second = ResultRenderer.render(prompt: "a red fox", width: 96, height: 144, index: 1, references: [], mask: nil)
        let other = ResultRenderer.render(prompt: "a blue fox", width: 96, height: 144, index: 0, references: [], mask: nil)
        #expect(a.width == 96 && a.height == 144)
        #expect(a == again)
        #expect(a != second)
        #expect(a != other)
        #expect(Set(stride(from: 0, to: a.pixels.count, by: 3).map { a.pixels[$0] }).count > 1)   // not a flat fill
    }
}
