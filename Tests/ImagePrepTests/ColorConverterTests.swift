import Testing
import ImageCodecs
import ImageCore
import ImagePrep
import ImageRules
import ImagePrepTestSupport

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// CIE Lab (D65) of an 8-bit sRGB colour, and ΔE*ab, for colour tests.
enum Lab {
    static func of(_ r: Int, _ g: Int, _ b: Int) -> (Double, Double, Double) {
        func lin(_ v: Int) -> Double {
            let c = Double(v) / 255
            return c <= 0.04045 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4)
        }
        let R = lin(r), G = lin(g), B = lin(b)
        let x = (0.4124 * R + 0.3576 * G + 0.1805 * B) / 0.95047
        let y = 0.2126 * R + 0.7152 * G + 0.0722 * B
        let z = (0.0193 * R + 0.1192 * G + 0.9505 * B) / 1.08883
        func f(_ t: Double) -> Double { t > 0.008856 ? cbrt(t) : 7.787 * t + 16.0 / 116 }
        return (116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z)))
    }

    static func deltaE(_ a: (Int, Int, Int), _ b: (Int, Int, Int)) -> Double {
        let p = of(a.0, a.1, a.2), q = of(b.0, b.1, b.2)
        return sqrt(pow(p.0 - q.0, 2) + pow(p.1 - q.1, 2) + pow(p.2 - q.2, 2))
    }
}

@Suite struct ColorConverterTests {
    static let a98 = "/usr/share/color/icc/ghostscript/a98.icc"

    @Test func untaggedAndSRGBImagesAreLeftAlone() {
        let image = Image(width: 2, height: 1, layout: .rgb, pixels: [1, 2, 3, 4, 5, 6])
        let result = ColorConverter().toSRGB(image, profile: nil)
        #expect(result.image == image && result.conversion == nil && result.warnings.isEmpty)
    }

    @Test func cmykWithoutProfileIsConvertedWithAWarning() {
        let image = Image(width: 2, height: 1, layout: .cmyk, pixels: [0, 0, 0, 0, 0, 255, 255, 0])
        let result = ColorConverter().toSRGB(image, profile: nil)
        #expect(result.image.layout == .rgb)
        #expect(result.warnings.contains { $0.code == "cmyk-no-profile" })
        // No ink is white; magenta + yellow ink is a red.
        #expect(result.image.pixels[0] >= 250 && result.image.pixels[1] >= 250 && result.image.pixels[2] >= 250)
        #expect(result.image.pixels[3] > 150 && result.image.pixels[4] < 90 && result.image.pixels[5] < 90)
    }

    @Test  // scripts/setup.sh installs libgs-common, which holds Ghostscript's gray profile
    func grayProfileBecomesNeutralSRGB() throws {
        let profile = try ImageFile.read("/usr/share/color/icc/ghostscript/default_gray.icc")
        let image = Image(width: 3, height: 1, layout: .grayAlpha, pixels: [0, 255, 128, 10, 255, 200])
        let result = ColorConverter().toSRGB(image, profile: profile)
        #expect(result.conversion != nil)
        #expect(result.image.layout == .rgba)
        let p = result.image.pixels
        for i in 0..<3 {
            #expect(abs(Int(p[i * 4]) - Int(p[i * 4 + 1])) <= 1 && abs(Int(p[i * 4 + 1]) - Int(p[i * 4 + 2])) <= 1, "pixel \(i) is not neutral")
            #expect(p[i * 4 + 3] == image.pixels[i * 2 + 1])
        }
        #expect(p[0] <= 2 && p[8] >= 253)
        #expect(p[4] > 100 && p[4] < 160)
    }

    /// Adobe RGB (1998) → sRGB against Pillow's ImageCms (LittleCMS) reference values, ΔE ≤ 2.
    @Test  // libgs-common (scripts/setup.sh) holds a98.icc
    func adobeRGBMatchesReference() throws {
        let profile = try ImageFile.read(Self.a98)
        let input: [(Int, Int, Int)] = [(200, 100, 50), (20, 180, 90), (128, 128, 128), (250, 250, 10), (0, 0, 255), (10, 10, 10)]
        // python3: ImageCms.profileToProfile(im, a98, createProfile('sRGB'), renderingIntent=1)
        let reference: [(Int, Int, Int)] = [(227, 100, 42), (0, 181, 83), (129, 129, 129), (250, 250, 0), (0, 0, 255), (3, 3, 3)]
        let converter = ColorConverter()
        for layout in [PixelLayout.rgb, .rgba] {
            let px: [UInt8] = input.flatMap { (c: (Int, Int, Int)) -> [UInt8] in
                let rgb = [UInt8(c.0), UInt8(c.1), UInt8(c.2)]
                return layout == .rgba ? rgb + [77] : rgb
            }
            let image = Image(width: input.count, height: 1, layout: layout, pixels: px)
            let result = converter.toSRGB(image, profile: profile)
            #expect(result.conversion != nil)
            #expect(result.image.layout == layout)
            let c = layout.channels
            for (i, ref) in reference.enumerated() {
                let got = (Int(result.image.pixels[i * c]), Int(result.image.pixels[i * c + 1]), Int(result.image.pixels[i * c + 2]))
                #expect(Lab.deltaE(got, ref) <= 2, "\(input[i]) → \(got), reference \(ref)")
                if layout == .rgba { #expect(result.image.pixels[i * c + 3] == 77) }
            }
        }
        // The transform is cached per profile and layout.
        _ = converter.toSRGB(Image(width: 1, height: 1, layout: .rgb, pixels: [1, 2, 3]), profile: profile)
        #expect(converter.transformsCreated == 2)
    }
}
