import ImageCodecs
import ImageCore
import ImagePrepTestSupport
import Testing

/// 16-bit and CMYK TIFFs kept as stored samples (`TIFFDecoder`'s `TIFFSamples` path), against the independent
/// references of scripts/golden-tiff-samples.py in `Golden/tiff-samples`: tifffile's decode (pure Python and
/// zlib, not libtiff) for the 16-bit files, exact; Pillow's CMYK bytes for the JPEG-compressed CMYK strip file,
/// exact (both decode its JPEG with libjpeg through libtiff).
@Suite struct TIFFSamplesTests {
    static let golden = CodecTestSupport.goldenDirectory + "/tiff-samples/"

    static func corpusFile(_ name: String) throws -> [UInt8] {
        try ImageFile.read(try #require(Corpus.path("gif-tiff-tests", name)))
    }

    /// Native-endian 16-bit samples of `image`.
    static func samples16(_ image: Image) -> [UInt16] {
        image.pixels.withUnsafeBytes { Array($0.bindMemory(to: UInt16.self)) }
    }

    /// The golden `.u16` file (little-endian).
    static func golden16(_ name: String) throws -> [UInt16] {
        let bytes = try ImageFile.read(golden + name + ".u16")
        return stride(from: 0, to: bytes.count, by: 2).map { UInt16(bytes[$0]) | UInt16(bytes[$0 + 1]) << 8 }
    }

    @Test(arguments: [("16bit.MM.deflate.tif", PixelLayout.gray), ("tiff_16bit_RGB.tiff", .rgb)])
    func sixteenBitSamplesMatchTifffile(_ c: (file: String, layout: PixelLayout)) throws {
        let bytes = try Self.corpusFile(c.file)
        let decoded = try ImageDecoder.decode(bytes, name: c.file)
        #expect(decoded.image.depth == .sixteen && decoded.image.layout == c.layout && decoded.info.layout == c.layout)
        #expect(try ImageDecoder.info(bytes).layout == c.layout)
        #expect(Self.samples16(decoded.image) == (try Self.golden16(c.file)), "exact 16-bit samples")
        // keepSixteenBit false: the same image reduced to 8 bits by rounding.
        let eight = try ImageDecoder.decode(bytes, options: DecodeOptions(keepSixteenBit: false)).image
        #expect(eight.depth == .eight && eight.pixels == decoded.image.to8Bit().pixels)
    }

    /// Planar (separate) configuration, 16x16 tiles, Deflate and an unassociated alpha plane, made by tifffile.
    @Test func planarTiledRGBA16MatchesTheArrayWritten() throws {
        let bytes = try ImageFile.read(Self.golden + "rgba16-planar-tiled.tif")
        let decoded = try ImageDecoder.decode(bytes, name: "rgba16-planar-tiled.tif")
        #expect(decoded.image.layout == .rgba && decoded.image.depth == .sixteen && decoded.info.hasAlpha)
        #expect(decoded.image.width == 100 && decoded.image.height == 40)
        #expect(Self.samples16(decoded.image) == (try Self.golden16("rgba16-planar-tiled.tif")))
    }

    /// Associated (premultiplied) 16-bit alpha comes out straight: against Pillow's 8-bit straight RGBA (by high
    /// byte), alpha within 1 level everywhere and colour within 1 level where opaque.
    @Test func associatedAlphaIsUnpremultiplied() throws {
        let decoded = try ImageDecoder.decode(try Self.corpusFile("tiff_16bit_RGBa.tiff"), name: "tiff_16bit_RGBa.tiff")
        #expect(decoded.image.layout == .rgba && decoded.image.depth == .sixteen)
        let rgba = try ImageFile.read(Self.golden + "tiff_16bit_RGBa.tiff.rgba8")
        let reference = FormatsReference.Reference(width: 100, height: 40, step: 1, rgba: rgba)
        #expect(FormatsReference.maxDifference(decoded.image, reference) <= 1)
    }

    /// CMYK stays CMYK (0 = no ink) with its profile, then goes through ColorConverter's CMYK path.
    @Test func cmykTakesTheCMYKColourPath() throws {
        let file = "tiff_strip_cmyk_jpeg.tif"
        let decoded = try ImageDecoder.decode(try Self.corpusFile(file), name: file)
        #expect(decoded.image.layout == .cmyk && decoded.image.depth == .eight && decoded.info.colorModel == "cmyk")
        #expect(decoded.image.pixels == (try ImageFile.read(Self.golden + file + ".cmyk")), "exact CMYK bytes")
        let converted = ColorConverter(cacheLimit: 2).toSRGB(decoded.image, profile: decoded.info.iccProfile)
        #expect(converted.image.layout == .rgb && converted.image.width == 100)
        #expect(converted.conversion?.hasPrefix(decoded.info.iccProfile == nil ? "generic CMYK" : "") == true
                    || converted.conversion == "CMYK → sRGB (naive)", "\(String(describing: converted.conversion))")
        #expect(converted.warnings.allSatisfy { $0.code == "cmyk-no-profile" })
    }
}
