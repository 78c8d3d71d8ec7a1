import Foundation
import ImageCodecs
import ImageCore
import ImagePrepTestSupport
import Testing

@Suite struct JPEGEncoderTests {
    typealias Support = JPEGTestSupport

    /// The sampling factors byte of the first component in the SOF (0x22 = 4:2:0 luma, 0x11 = 4:4:4).
    static func lumaSampling(_ jpeg: [UInt8]) -> UInt8? {
        Support.headerSegments(jpeg).first { [0xC0, 0xC1, 0xC2].contains($0.marker) }.map { $0.payload[7] }
    }

    @Test(arguments: [(ChromaSubsampling.s420, false), (.s444, false), (.s420, true), (.s444, true)])
    func roundTripPSNR(_ subsampling: ChromaSubsampling, progressive: Bool) throws {
        let image = Support.syntheticRGB()
        let options = JPEGEncodeOptions(quality: 90, subsampling: subsampling, progressive: progressive)
        let jpeg = try ImageEncoder.encode(image, as: .jpeg(options))
        #expect(FormatSniffer.format(of: jpeg) == .jpeg)
        #expect(Self.lumaSampling(jpeg) == (subsampling == .s444 ? 0x11 : 0x22))
        let decoded = try ImageDecoder.decode(jpeg)
        #expect(decoded.info.isProgressive == progressive)
        #expect(decoded.info.colorModel == "ycbcr")
        #expect(decoded.image.layout == .rgb && decoded.image.size == image.size)
        let psnr = Support.psnr(decoded.image.pixels, image.pixels)
        #expect(psnr >= 35, "PSNR \(psnr) dB")
    }

    @Test(arguments: [ChromaSubsampling.s420, .s444])
    func photoRoundTripPSNR(_ subsampling: ChromaSubsampling) throws {
        let original = try ImageDecoder.decode(try Support.bytes("sharp-fixtures", "flowers.jpeg")).image
        let jpeg = try JPEGEncoder.encode(original, options: JPEGEncodeOptions(quality: 90, subsampling: subsampling), metadata: .none)
        let again = try JPEGDecoder.decode(jpeg, options: .init()).image
        let psnr = Support.psnr(again.pixels, original.pixels)
        #expect(psnr >= 35, "PSNR \(psnr) dB")
    }

    @Test func grayRoundTrip() throws {
        let rgb = Support.syntheticRGB()
        let gray = rgb.converted(to: .gray)
        let jpeg = try JPEGEncoder.encode(gray, options: JPEGEncodeOptions(quality: 90), metadata: .none)
        let decoded = try JPEGDecoder.decode(jpeg, options: .init())
        #expect(decoded.info.colorModel == "gray")
        #expect(decoded.image.layout == .gray)
        #expect(Support.psnr(decoded.image.pixels, gray.pixels) >= 38)
        // Progressive gray too.
        let progressive = try JPEGEncoder.encode(gray, options: JPEGEncodeOptions(quality: 90, progressive: true), metadata: .none)
        let again = try JPEGDecoder.decode(progressive, options: .init())
        #expect(again.info.isProgressive)
        #expect(Support.psnr(again.image.pixels, gray.pixels) >= 38)
    }

    @Test func qualityTradesSizeForFidelity() throws {
        let image = Support.syntheticRGB()
        let low = try JPEGEncoder.encode(image, options: JPEGEncodeOptions(quality: 30), metadata: .none)
        let high = try JPEGEncoder.encode(image, options: JPEGEncodeOptions(quality: 95), metadata: .none)
        #expect(low.count < high.count)
        let lowPSNR = Support.psnr(try JPEGDecoder.decode(low, options: .init()).image.pixels, image.pixels)
        let highPSNR = Support.psnr(try JPEGDecoder.decode(high, options: .init()).image.pixels, image.pixels)
        #expect(lowPSNR < highPSNR)
        // Optimized Huffman tables make the same scan smaller.
        let plain = try JPEGEncoder.encode(image, options: JPEGEncodeOptions(quality: 95, optimizeHuffman: false), metadata: .none)
        #expect(high.count < plain.count)
        let samePixels = try JPEGDecoder.decode(plain, options: .init()).image.pixels == JPEGDecoder.decode(high, options: .init()).image.pixels
        #expect(samePixels)
    }

    @Test func alphaIsFlattenedOntoBackground() throws {
        var rgba = Image(width: 32, height: 16, layout: .rgba, filledWith: 0)   // transparent black
        for i in 0..<(16 * 16) { rgba.pixels[i / 16 * 128 + (i % 16) * 4 + 0] = 255; rgba.pixels[i / 16 * 128 + (i % 16) * 4 + 3] = 255 }  // left half opaque red
        let onWhite = try JPEGDecoder.decode(JPEGEncoder.encode(rgba, options: JPEGEncodeOptions(quality: 95), metadata: .none), options: .init()).image
        #expect(onWhite.layout == .rgb)
        #expect((0..<3).allSatisfy { onWhite.sample(x: 28, y: 8, channel: $0) >= 250 })
        #expect(onWhite.sample(x: 4, y: 8, channel: 0) >= 240 && onWhite.sample(x: 4, y: 8, channel: 1) <= 15)
        let onBlue = try JPEGDecoder.decode(JPEGEncoder.encode(rgba, options: JPEGEncodeOptions(quality: 95, background: Color(red: 0, green: 0, blue: 255)), metadata: .none), options: .init()).image
        #expect(onBlue.sample(x: 28, y: 8, channel: 2) >= 240 && onBlue.sample(x: 28, y: 8, channel: 0) <= 15)
    }

    @Test func sixteenBitAndCMYKInputs() throws {
        let rgb = Support.syntheticRGB(width: 64, height: 48)
        let wide = Image(width: 64, height: 48, layout: .rgb, depth: .sixteen) { dst in
            dst.withMemoryRebound(to: UInt16.self) { p in for i in 0..<p.count { p[i] = UInt16(rgb.pixels[i]) * 257 } }
        }
        let fromWide = try JPEGDecoder.decode(JPEGEncoder.encode(wide, options: JPEGEncodeOptions(quality: 95), metadata: .none), options: .init()).image
        #expect(Support.psnr(fromWide.pixels, rgb.pixels) >= 35)
        let cmyk = rgb.converted(to: .cmyk)
        let fromCMYK = try JPEGDecoder.decode(JPEGEncoder.encode(cmyk, options: JPEGEncodeOptions(quality: 95), metadata: .none), options: .init()).image
        #expect(fromCMYK.layout == .rgb)
        #expect(Support.psnr(fromCMYK.pixels, cmyk.converted(to: .rgb).pixels) >= 35)
    }

    // MARK: - Metadata

    @Test func metadataIsNotWrittenUnlessAsked() throws {
        let jpeg = try JPEGEncoder.encode(Support.syntheticRGB(), options: .init(), metadata: .none)
        let markers = Support.headerSegments(jpeg).map(\.marker)
        #expect(!markers.contains(0xE1) && !markers.contains(0xE2))
        let info = try JPEGDecoder.info(jpeg, limits: .default)
        #expect(info.iccProfile == nil && info.exif == nil && info.orientation == .up)
    }

    @Test func iccIsWrittenWhenAskedAndReadBackEqual() throws {
        // A profile larger than one APP2 segment holds, so it must be split and reassembled.
        let profile = (0..<150_000).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ $0 >> 7) }
        let jpeg = try JPEGEncoder.encode(Support.syntheticRGB(), options: .init(), metadata: EncodeMetadata(iccProfile: profile))
        #expect(Support.headerSegments(jpeg).filter { $0.marker == 0xE2 }.count == 3)
        #expect(try JPEGDecoder.info(jpeg, limits: .default).iccProfile == profile)
        #expect(try JPEGDecoder.decode(jpeg, options: .init()).info.iccProfile == profile)
    }

    @Test
    func realICCRoundTrips() throws {
        let source = try ImageDecoder.decode(try Support.bytes("wide-gamut-tests", "P3-sRGB-color-bars.jpg"))
        let icc = try #require(source.info.iccProfile)
        let jpeg = try JPEGEncoder.encode(source.image, options: .init(), metadata: EncodeMetadata(iccProfile: icc))
        let info = try ImageDecoder.info(jpeg)
        #expect(info.iccProfile == icc)
        #expect(info.iccDescription == "DCI-P3-D65-2_2-Gamma")
        #expect(info.exif == nil)
    }

    /// A minimal big-endian EXIF block whose IFD0 holds one Orientation entry.
    static func exifBlock(orientation: UInt8) -> [UInt8] {
        [0x4D, 0x4D, 0x00, 0x2A, 0, 0, 0, 8,   // TIFF header, IFD0 at 8
         0, 1,                                 // one entry
         0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, orientation, 0, 0,
         0, 0, 0, 0]                           // no next IFD
    }

    @Test func exifIsWrittenWhenAsked() throws {
        let exif = Self.exifBlock(orientation: 6)
        let jpeg = try JPEGEncoder.encode(Support.syntheticRGB(), options: .init(), metadata: EncodeMetadata(exif: exif))
        let app1 = Support.headerSegments(jpeg).filter { $0.marker == 0xE1 }
        #expect(app1.count == 1 && app1.first?.payload == Array("Exif".utf8) + [0, 0] + exif)
        let info = try JPEGDecoder.info(jpeg, limits: .default)
        #expect(info.exif == exif)
        #expect(info.orientation == .right)
        #expect(info.iccProfile == nil)
        // A block given with the APP1 prefix is not prefixed twice.
        let prefixed = try JPEGEncoder.encode(Support.syntheticRGB(), options: .init(),
                                              metadata: EncodeMetadata(exif: Array("Exif".utf8) + [0, 0] + exif))
        #expect(try JPEGDecoder.info(prefixed, limits: .default).exif == exif)
    }

    @Test func oversizedExifIsAnEncodeError() throws {
        let error = try #require(throws: EncodeError.self) {
            try JPEGEncoder.encode(Support.syntheticRGB(), options: .init(), metadata: EncodeMetadata(exif: [UInt8](repeating: 0, count: 70_000)))
        }
        #expect(error.details?.contains("APP1") == true)
        #expect(error.format == .jpeg)
    }

    @Test func oversizedImageIsAnEncodeError() throws {
        let wide = Image(width: 65_501, height: 1, layout: .gray, filledWith: 0)
        #expect(throws: EncodeError.self) { try JPEGEncoder.encode(wide, options: .init(), metadata: .none) }
    }
}
