import CImageShims
import ImageCore

/// HEIF (HEIC) and AVIF decoding over libheif 1.15 (libde265 for HEVC, dav1d/aom for AV1; input only).
///
/// The primary image is decoded (grids assembled, `clap`, `irot` and `imir` applied by libheif); depth,
/// auxiliary and thumbnail images are ignored, and a file with several top-level images gives the primary and
/// a `multi-image` warning. Because libheif already turned the image upright, `ImageInfo.orientation` is
/// always `.up` and the EXIF Orientation a HEIC carries beside `irot` is not applied again; `width` and
/// `height` are the displayed size (after the transforms). Output is `rgb` or `rgba` (alpha un-premultiplied
/// when the file says it is premultiplied), 8-bit, or 16-bit for 10/12-bit files when
/// `DecodeOptions.keepSixteenBit` (values scaled to the full 16-bit range). The ICC profile is read into
/// `ImageInfo.iccProfile` for the colour stage. An `nclx` colour box is used by libheif for YCbCr → RGB
/// (matrix, range); its primaries and transfer become an ICC profile synthesized by `NCLXProfile` (nil for
/// BT.709/sRGB), so Display P3, BT.2020, PQ or HLG pixels are converted to sRGB by the same colour stage.
///
/// `DecodeLimits` is checked against both the displayed size and the coded (`ispe`) size before anything is
/// decoded. libheif 1.15 does not check that the decoded image matches the header: a mismatch gives a
/// `corrupt-data` warning (refused when strict) and the image as decoded.
public enum HEIFDecoder {
    /// Reads the container (no pixels).
    ///
    /// - Throws: `HeaderError` carrying libheif's message, or `LimitError`.
    public static func info(_ bytes: [UInt8], format: ImageFormat, limits: DecodeLimits) throws -> ImageInfo {
        try HEIFContext.with(bytes, format: format, limits: limits) { heif in try readInfo(heif, limits: limits, byteCount: bytes.count) }
    }

    /// Decodes the primary image.
    ///
    /// - Throws: `HeaderError`, `LimitError` or `DecodeError` carrying libheif's message.
    public static func decode(_ bytes: [UInt8], format: ImageFormat, options: DecodeOptions) throws -> DecodedImage {
        try HEIFContext.with(bytes, format: format, limits: options.limits) { heif in
            var info = try readInfo(heif, limits: options.limits, byteCount: bytes.count)
            let sixteen = info.bitDepth > 8 && options.keepSixteenBit
            let decoded = try heif.decode(chroma: chroma(alpha: info.hasAlpha, sixteen: sixteen), toEightBit: !sixteen)
            defer { CImageShims_heif_image_release(decoded) }
            let width = Int(CImageShims_heif_image_get_width(decoded, heif_channel_interleaved))
            let height = Int(CImageShims_heif_image_get_height(decoded, heif_channel_interleaved))
            let warnings = try sizeWarnings(&info, width: width, height: height, limits: options.limits) + multiImageWarnings(info)
            let image = try copyPixels(decoded, width: width, height: height, info: info, sixteen: sixteen)
            return DecodedImage(image: image, info: info, warnings: warnings)
        }
    }

    /// A `corrupt-data` warning when libheif decoded another size than the header's (1.15 does not check),
    /// with `info` corrected to the decoded size; that size is checked against `limits` first.
    static func sizeWarnings(_ info: inout ImageInfo, width: Int, height: Int, limits: DecodeLimits) throws -> [CodecWarning] {
        guard width != info.width || height != info.height else { return [] }
        try limits.check(width: width, height: height, format: info.format, file: nil)
        defer { (info.width, info.height) = (width, height) }
        return [CodecWarning(code: "corrupt-data", message: "the header says \(info.width)x\(info.height) but the image decodes to \(width)x\(height)")]
    }

    /// A `multi-image` warning when the file has more than one top-level image.
    static func multiImageWarnings(_ info: ImageInfo) -> [CodecWarning] {
        guard info.imageCount > 1 else { return [] }
        return [CodecWarning(code: "multi-image", message: "\(info.imageCount) top-level images: only the primary image was decoded")]
    }

    static func readInfo(_ heif: HEIFContext, limits: DecodeLimits, byteCount: Int) throws -> ImageInfo {
        let handle = heif.handle, format = heif.format
        let width = Int(CImageShims_heif_image_handle_get_width(handle)), height = Int(CImageShims_heif_image_handle_get_height(handle))
        let codedWidth = Int(CImageShims_heif_image_handle_get_ispe_width(handle)), codedHeight = Int(CImageShims_heif_image_handle_get_ispe_height(handle))
        guard width > 0, height > 0 else {
            throw HeaderError(format: format, message: "invalid \(HEIFContext.name(format)) header", details: "dimensions \(width)x\(height)")
        }
        try limits.check(width: width, height: height, format: format, file: nil)
        try limits.check(width: codedWidth, height: codedHeight, format: format, file: nil)
        let luma = Int(CImageShims_heif_image_handle_get_luma_bits_per_pixel(handle))
        let alpha = CImageShims_heif_image_handle_has_alpha_channel(handle) != 0
        let nclx = CImageShims_heif_image_handle_get_color_profile_type(handle) == heif_color_profile_type_nclx
        let icc = try nclx ? heif.nclxProfile() : heif.iccProfile(maxBytes: limits.maxMetadataBytes)
        return ImageInfo(
            format: format, width: width, height: height, layout: alpha ? .rgba : .rgb, bitDepth: luma > 0 ? luma : 8,
            colorModel: nclx ? "ycbcr (nclx)" : "ycbcr", hasAlpha: alpha, orientation: .up, iccProfile: icc,
            exif: heif.exif(maxBytes: limits.maxMetadataBytes), byteCount: byteCount, imageCount: max(1, heif.topLevelImages))
    }

    private static func chroma(alpha: Bool, sixteen: Bool) -> heif_chroma {
        #if _endian(big)
        if sixteen { return alpha ? heif_chroma_interleaved_RRGGBBAA_BE : heif_chroma_interleaved_RRGGBB_BE }
        #else
        if sixteen { return alpha ? heif_chroma_interleaved_RRGGBBAA_LE : heif_chroma_interleaved_RRGGBB_LE }
        #endif
        return alpha ? heif_chroma_interleaved_RGBA : heif_chroma_interleaved_RGB
    }

    /// Copies libheif's interleaved plane into an `Image`, widening >8-bit values to 16 bits and undoing
    /// premultiplied alpha.
    private static func copyPixels(_ decoded: OpaquePointer, width: Int, height: Int, info: ImageInfo, sixteen: Bool) throws -> Image {
        var stride: Int32 = 0
        guard let plane = CImageShims_heif_image_get_plane_readonly(decoded, heif_channel_interleaved, &stride) else {
            throw DecodeError(format: info.format, message: "libheif returned no interleaved plane")
        }
        let layout: PixelLayout = info.hasAlpha ? .rgba : .rgb
        let rowBytes = width * layout.channels * (sixteen ? 2 : 1)
        guard Int(stride) >= rowBytes else { throw DecodeError(format: info.format, message: "libheif returned a short row") }
        let bits = Int(CImageShims_heif_image_get_bits_per_pixel_range(decoded, heif_channel_interleaved))
        var image = Image(width: width, height: height, layout: layout, depth: sixteen ? .sixteen : .eight) { out in
            for y in 0..<height {
                UnsafeMutableRawBufferPointer(rebasing: UnsafeMutableRawBufferPointer(out)[(y * rowBytes)..<((y + 1) * rowBytes)])
                    .copyMemory(from: UnsafeRawBufferPointer(start: plane + y * Int(stride), count: rowBytes))
            }
            if sixteen && bits > 8 && bits < 16 { widen(out, bits: bits) }
        }
        if info.hasAlpha && CImageShims_heif_image_is_premultiplied_alpha(decoded) != 0 { image.unpremultiplyAlpha() }
        return image
    }

    /// Scales `bits`-bit values stored in 16-bit samples to the full 0…65535 range (bit replication).
    private static func widen(_ storage: UnsafeMutableBufferPointer<UInt8>, bits: Int) {
        let raw = UnsafeMutableRawBufferPointer(storage)
        let samples = raw.bindMemory(to: UInt16.self)
        let up = UInt16(16 - bits), down = UInt16(2 * bits - 16)
        for i in samples.indices {
            let v = samples[i]
            samples[i] = v << up | v >> down
        }
    }
}
