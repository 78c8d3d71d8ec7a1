import ImageCore
import Testing

@Suite struct ConversionTests {
    @Test func sixteenToEightRoundsEveryValue() {
        // Exhaustive over the 16-bit domain: the result is the nearest 8-bit level.
        var raw = [UInt8](repeating: 0, count: 65536 * 2)
        raw.withUnsafeMutableBytes { p in
            let s = p.bindMemory(to: UInt16.self)
            for v in 0..<65536 { s[v] = UInt16(v) }
        }
        let image = Image(width: 256, height: 256, layout: .gray, depth: .sixteen, pixels: raw)
        let eight = image.to8Bit()
        #expect(eight.depth == .eight)
        for v in stride(from: 0, to: 65536, by: 1) {
            let expected = Int((Double(v) * 255 / 65535).rounded())
            #expect(Int(eight.pixels[v]) == expected)
            if Int(eight.pixels[v]) != expected { break }
        }
    }

    @Test func flattenBlendsOntoBackground() {
        let image = Image(width: 3, height: 1, layout: .rgba, pixels: [255, 0, 0, 255, 255, 0, 0, 0, 255, 0, 0, 128])
        let flat = image.flattened(onto: .white)
        #expect(flat.layout == .rgb)
        #expect(flat.pixels == [255, 0, 0, 255, 255, 255, 255, 127, 127])
        let onBlack = image.flattened(onto: .black)
        #expect(onBlack.pixels == [255, 0, 0, 0, 0, 0, 128, 0, 0])
    }

    @Test func grayWidensAndRGBNarrows() {
        let gray = Image(width: 2, height: 1, layout: .grayAlpha, pixels: [10, 255, 200, 7])
        let rgba = gray.converted(to: .rgba)
        #expect(rgba.pixels == [10, 10, 10, 255, 200, 200, 200, 7])
        #expect(rgba.converted(to: .grayAlpha).pixels == gray.pixels)
    }

    @Test func cmykConvertsNaively() {
        let cmyk = Image(width: 3, height: 1, layout: .cmyk, pixels: [0, 0, 0, 0, 255, 0, 0, 0, 128, 0, 0, 128])
        // White paper, full cyan, half cyan under half black: (127 · 127 + 127) / 255 = 63.
        #expect(cmyk.converted(to: .rgb).pixels == [255, 255, 255, 0, 255, 255, 63, 127, 127])
    }

    @Test func usesAlphaSeesAnyTransparency() {
        #expect(!Image(width: 2, height: 2, layout: .rgba, filledWith: 255).usesAlpha)
        var image = Image(width: 2, height: 2, layout: .rgba, filledWith: 255)
        image.pixels[15] = 254
        #expect(image.usesAlpha)
        #expect(!Image(width: 1, height: 1, layout: .rgb, filledWith: 0).usesAlpha)
    }
}
