import ImageCodecs
import ImageCore
import ImagePrepTestSupport
import Testing

/// WebP encoding: lossless exact, lossy above a PSNR floor, alpha kept, metadata only when asked, limits.
@Suite struct WebPRoundTripTests {
    @Test(arguments: [PixelLayout.rgb, .rgba])
    func losslessIsExact(_ layout: PixelLayout) throws {
        var image = CodecTestSupport.pattern(width: 41, height: 29, layout: layout)
        if layout == .rgba {
            // Fully transparent pixels keep their colour too (libwebp's `exact`).
            for i in stride(from: 3, to: image.pixels.count, by: 4 * 7) { image.pixels[i] = 0 }
        }
        let bytes = try ImageEncoder.encode(image, as: .webp(WebPEncodeOptions(lossless: true)))
        let decoded = try ImageDecoder.decode(bytes)
        #expect(decoded.info.colorModel == "rgb")  // VP8L
        #expect(decoded.image == image)
    }

    @Test(arguments: [PixelLayout.rgb, .rgba])
    func lossyIsAboveAPSNRFloor(_ layout: PixelLayout) throws {
        // Smooth gradients (photo-like; the noisy `pattern` is a worst case for 4:2:0 lossy coding).
        let (w, h) = (96, 64)
        let samples = (0..<(w * h)).flatMap { i -> [Int] in
            let x = i % w, y = i / w
            let rgb = [x * 255 / (w - 1), y * 255 / (h - 1), (x + y) * 255 / (w + h - 2)]
            return layout == .rgba ? rgb + [255 - x * 2] : rgb
        }
        let image = CodecTestSupport.image(width: w, height: h, layout: layout, depth: .eight, samples: samples)
        let bytes = try ImageEncoder.encode(image, as: .webp(WebPEncodeOptions(quality: 90)))
        let decoded = try ImageDecoder.decode(bytes)
        #expect(decoded.info.colorModel == "ycbcr")  // VP8
        #expect(decoded.image.layout == layout)
        let colour = { (i: Image) in i.converted(to: .rgb) }
        let psnr = CodecTestSupport.psnr(colour(image), colour(decoded.image))
        #expect(psnr > 35, "PSNR \(psnr) dB")
        if layout == .rgba {
            // alphaQuality 100 (the default) stores the alpha plane losslessly.
            let alpha = { (i: Image) in stride(from: 3, to: i.pixels.count, by: 4).map { i.pixels[$0] } }
            #expect(alpha(decoded.image) == alpha(image))
        }
        // Lower quality, smaller file.
        let small = try ImageEncoder.encode(image, as: .webp(WebPEncodeOptions(quality: 20)))
        #expect(small.count < bytes.count)
    }

    @Test func opaqueAlphaAndGrayAreWrittenAsRGB() throws {
        let opaque = CodecTestSupport.pattern(width: 16, height: 16, layout: .rgba, opaque: true)
        let decoded = try ImageDecoder.decode(try ImageEncoder.encode(opaque, as: .webp(WebPEncodeOptions(lossless: true))))
        #expect(!decoded.info.hasAlpha && decoded.image == opaque.converted(to: .rgb))

        let gray = CodecTestSupport.pattern(width: 16, height: 16, layout: .gray, depth: .sixteen)
        let grayDecoded = try ImageDecoder.decode(try ImageEncoder.encode(gray, as: .webp(WebPEncodeOptions(lossless: true))))
        #expect(grayDecoded.image == gray.converted(to: .rgb))
    }

    @Test func metadataIsWrittenOnlyWhenAsked() throws {
        let image = CodecTestSupport.pattern(width: 8, height: 8, layout: .rgba)
        let plain = try ImageDecoder.info(try ImageEncoder.encode(image, as: .webp()))
        #expect(plain.iccProfile == nil && plain.exif == nil)

        // A minimal big-endian EXIF block with Orientation = 6.
        let exif: [UInt8] = [0x4D, 0x4D, 0, 42, 0, 0, 0, 8, 0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, 6, 0, 0, 0, 0, 0, 0, 0, 0]
        let icc = [UInt8](repeating: 9, count: 300)
        let bytes = try ImageEncoder.encode(image, as: .webp(), metadata: EncodeMetadata(iccProfile: icc, exif: exif))
        let decoded = try ImageDecoder.decode(bytes)
        #expect(decoded.info.iccProfile == icc)
        #expect(decoded.info.exif == exif)
        #expect(decoded.info.orientation == .right)
        #expect(decoded.info.hasAlpha)
        let tightLimits = DecodeLimits(maxMetadataBytes: 100)
        let dropped = try ImageDecoder.decode(bytes, options: DecodeOptions(limits: tightLimits))
        #expect(dropped.info.iccProfile == nil && dropped.info.exif == exif)
        #expect(dropped.warnings.contains { $0.code == "metadata-too-large" })
    }

    @Test(arguments: [2, 4, 8])
    func scaledDecodeRoundsUp(_ shrink: Int) throws {
        let image = CodecTestSupport.pattern(width: 101, height: 37, layout: .rgba)
        let bytes = try ImageEncoder.encode(image, as: .webp(WebPEncodeOptions(lossless: true)))
        let decoded = try ImageDecoder.decode(bytes, options: DecodeOptions(shrink: shrink))
        #expect(decoded.image.width == (101 + shrink - 1) / shrink)
        #expect(decoded.image.height == (37 + shrink - 1) / shrink)
        #expect(decoded.shrink == shrink)
    }

    /// An animated VP8X header (no frames needed for the header) with the given canvas size.
    static func animatedHeader(width: Int, height: Int) -> [UInt8] {
        func le24(_ v: Int) -> [UInt8] { [UInt8(v & 0xFF), UInt8(v >> 8 & 0xFF), UInt8(v >> 16 & 0xFF)] }
        let vp8x: [UInt8] = Array("VP8X".utf8) + [10, 0, 0, 0, 0x02, 0, 0, 0] + le24(width - 1) + le24(height - 1)
        let body = Array("WEBP".utf8) + vp8x
        let size = body.count
        return Array("RIFF".utf8) + [UInt8(size & 0xFF), UInt8(size >> 8 & 0xFF), 0, 0] + body
    }

    @Test func hugeHeaderIsALimitError() throws {
        // 70000 x 50000: over the width limit; the canvas is never allocated.
        let huge = Self.animatedHeader(width: 70_000, height: 50_000)
        #expect(throws: LimitError.self) { try ImageDecoder.decode(huge, name: "huge.webp") }
        #expect(throws: LimitError.self) { try ImageDecoder.info(huge, name: "huge.webp") }
        // 60000 x 60000: within width/height, over the pixel limit.
        #expect(throws: LimitError.self) { try ImageDecoder.decode(Self.animatedHeader(width: 60_000, height: 60_000)) }
        // Custom limits on a real file.
        let small = try ImageEncoder.encode(CodecTestSupport.pattern(width: 40, height: 40, layout: .rgb), as: .webp())
        #expect(throws: LimitError.self) { try ImageDecoder.decode(small, options: DecodeOptions(limits: DecodeLimits(maxPixels: 1000))) }
    }

    @Test func corruptAndTruncatedData() throws {
        let image = CodecTestSupport.pattern(width: 64, height: 64, layout: .rgb)
        let bytes = try ImageEncoder.encode(image, as: .webp(WebPEncodeOptions(quality: 90)))
        let truncated = Array(bytes.prefix(bytes.count * 2 / 3))
        do {
            _ = try ImageDecoder.decode(truncated, name: "cut.webp")
            Issue.record("expected a DecodeError")
        } catch let error as DecodeError {
            #expect(error.details?.contains("NOT_ENOUGH_DATA") == true, "\(error)")
            #expect(error.file == "cut.webp")
        }
        let partial = try ImageDecoder.decode(truncated, options: DecodeOptions(strictness: .lenient))
        #expect(partial.image.width == 64 && partial.image.height == 64)
        #expect(partial.warnings.contains { $0.code == "truncated" }, "\(partial.warnings)")
        #expect(partial.image.pixels.suffix(64 * 3).allSatisfy { $0 == 0 })

        // A damaged header: "VP8 " chunk with a broken frame tag.
        var broken = bytes
        for i in 20..<min(30, broken.count) { broken[i] = 0xFF }
        #expect(throws: HeaderError.self) { try ImageDecoder.decode(broken) }
    }

    @Test func oversizedImageIsAnEncodeError() throws {
        let wide = Image(width: 17_000, height: 1, layout: .rgb, filledWith: 128)
        do {
            _ = try ImageEncoder.encode(wide, as: .webp())
            Issue.record("expected an EncodeError")
        } catch {  // typed: an EncodeError
            #expect(error.details?.contains("BAD_DIMENSION") == true, "\(error)")
        }
    }
}
