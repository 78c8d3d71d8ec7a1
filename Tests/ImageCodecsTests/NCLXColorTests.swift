import ImageCodecs
import ImageCore
import ImagePrepTestSupport
import Testing

/// HEIF/AVIF `nclx` colour → sRGB. The two AVIFs in `Golden/nclx` (made by scripts/make-nclx-fixtures.sh) hold
/// the untouched pixel values of the wide-gamut JPEGs in Tests/Corpus, losslessly, with an nclx box instead of
/// the JPEG's ICC profile (Display P3 / BT.2020 primaries, gamma 2.2). Converting them with the profile
/// synthesized from nclx must give what the JPEG path gives with Photoshop's own ICC profile for the same
/// pixel values: within 2 levels of 255 everywhere (lcms2 rounding, Photoshop's curve tables).
@Suite struct NCLXColorTests {
    static let cases: [(avif: String, jpeg: String, primaries: String)] = [
        ("p3-gamma22-nclx.avif", "P3-sRGB-color-bars.jpg", "primaries 12, transfer 4"),
        ("bt2020-gamma22-nclx.avif", "R2020-sRGB-color-ring.jpg", "primaries 9, transfer 4"),
    ]

    @Test(arguments: cases)
    func nclxConvertsLikeTheEquivalentICCProfile(_ c: (avif: String, jpeg: String, primaries: String)) throws {
        let avif = try ImageFile.read(CodecTestSupport.goldenDirectory + "/nclx/" + c.avif)
        let decoded = try ImageDecoder.decode(avif, name: c.avif)
        #expect(decoded.info.colorModel == "ycbcr (nclx)")
        let synthesized = try #require(decoded.info.iccProfile, "nclx must give a profile for the colour stage")
        #expect(ICCProfile.description(of: synthesized) == "HEIF nclx: \(c.primaries)")
        #expect(try ImageDecoder.info(avif).iccProfile == synthesized, "info and decode agree")

        let jpegProfile = try #require(try ImageDecoder.info(ImageFile.read(Corpus.repositoryDirectory + "/wide-gamut-tests/" + c.jpeg)).iccProfile)
        let converter = ColorConverter(cacheLimit: 4)
        let viaNCLX = converter.toSRGB(decoded.image, profile: synthesized)
        let viaICC = converter.toSRGB(decoded.image, profile: jpegProfile)
        #expect(viaNCLX.conversion == "HEIF nclx: \(c.primaries) → sRGB" && viaNCLX.warnings.isEmpty)
        #expect(viaNCLX.image.layout == .rgb && viaNCLX.image.width == 200 && viaNCLX.image.height == 160)
        let converted = maxDifference(viaNCLX.image.pixels, viaICC.image.pixels)
        #expect(converted <= 2, "nclx vs ICC conversion differ by \(converted)")
        // The conversion matters: the unconverted pixels are far from the sRGB result.
        #expect(maxDifference(decoded.image.pixels, viaICC.image.pixels) > 40)
    }

    /// sRGB-like nclx (BT.709 primaries, sRGB or BT.709 curve) gives no profile: pixels stay as decoded.
    @Test func srgbNCLXIsLeftAlone() throws {
        for file in ["RGB_8__128x128.avif", "RGBA_8__29x100.avif"] {
            let info = try ImageDecoder.info(ImageFile.read(Corpus.repositoryDirectory + "/heif-tests/" + file))
            #expect(info.colorModel == "ycbcr (nclx)" && info.iccProfile == nil, "\(file)")
        }
        #expect(NCLXProfile.iccProfile(primaries: 1, transfer: 13) == nil && NCLXProfile.iccProfile(primaries: 2, transfer: 1) == nil)
        #expect(NCLXProfile.iccProfile(primaries: 10, transfer: 13) == nil, "CIE XYZ primaries are not converted")
    }

    /// PQ and HLG: reference white (203 cd/m², HLG signal 0.75) maps to 1.0, brighter is clipped, black is 0.
    @Test func hdrCurvesMapReferenceWhiteToOne() {
        #expect(abs(NCLXProfile.pqToLinear(0.5807) - 1) < 0.01)  // PQ code of 203 cd/m²
        #expect(NCLXProfile.pqToLinear(1) == 1 && NCLXProfile.pqToLinear(0) == 0)
        #expect(abs(NCLXProfile.hlgToLinear(0.75) - 1) < 1e-9 && NCLXProfile.hlgToLinear(0) == 0)
        #expect(NCLXProfile.hlgToLinear(0.5) < 0.5)
        #expect(NCLXProfile.iccProfile(primaries: 9, transfer: 16).flatMap(ICCProfile.colorSpace(of:)) == "RGB")
    }

    private func maxDifference(_ a: [UInt8], _ b: [UInt8]) -> Int {
        zip(a, b).reduce(0) { max($0, abs(Int($1.0) - Int($1.1))) }
    }
}
