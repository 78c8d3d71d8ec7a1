import CImageShims
import ImageCore

/// JPEG decoding over libjpeg-turbo: baseline, extended, progressive and arithmetic-coded 8-bit files;
/// grayscale, YCbCr, RGB, CMYK and YCCK; restart markers; DCT-domain shrink-on-load (1/2, 1/4, 1/8).
///
/// Gray files decode to `.gray`, colour files to `.rgb`, CMYK and YCCK files to `.cmyk` with Adobe's
/// inverted storage undone (0 = no ink). 12-bit and lossless files are refused with a `HeaderError`
/// (Debian 12's libjpeg-turbo 2.1.5 cannot decode them). The EXIF orientation and the ICC profile (APP2
/// segments reassembled) are read into `ImageInfo` and not applied.
public enum JPEGDecoder {
    /// Reads the header without decoding pixels.
    ///
    /// - Throws: `HeaderError` (unreadable or unsupported header), `LimitError` (dimensions over `limits`, a
    ///   metadata block larger than `limits.maxMetadataBytes`, or a frame libjpeg refuses as too large).
    public static func info(_ bytes: [UInt8], limits: DecodeLimits) throws -> ImageInfo {
        try JPEGDecompressor.with(bytes, strictness: .lenient) { decompressor in
            let info = try makeInfo(decompressor.readHeader(limits: limits), byteCount: bytes.count)
            try limits.check(width: info.width, height: info.height, format: .jpeg, file: nil)
            return info
        }
    }

    /// Decodes the pixels, at 1/`options.shrink` of the stored size per side (rounded up) when asked.
    ///
    /// `options.limits` is checked after the header, before any pixel memory is allocated. By default
    /// (`DecodeStrictness.standard`) a truncated file throws a `DecodeError` carrying libjpeg's message and
    /// message code, while damage libjpeg recovers from (junk bytes between segments or before a restart marker,
    /// corrupt entropy-coded data, a bad ICC marker) decodes with a `corrupt-data`, `extraneous-data` or
    /// `library` warning, as browsers and Pillow show such files. `.lenient` also returns truncated files
    /// (libjpeg fills what is missing) with a `truncated` warning; `.strict` throws on the first warning.
    ///
    /// - Throws: `HeaderError`, `LimitError` or `DecodeError`.
    public static func decode(_ bytes: [UInt8], options: DecodeOptions) throws -> DecodedImage {
        try JPEGDecompressor.with(bytes, strictness: options.strictness) { decompressor in
            let header = try decompressor.readHeader(limits: options.limits)
            let info = try makeInfo(header, byteCount: bytes.count)
            try options.limits.check(width: info.width, height: info.height, format: .jpeg, file: nil)
            let size = try decompressor.start(scale: options.shrink, layout: info.layout,
                                              invertCMYK: info.layout == .cmyk && header.sawAdobeMarker)
            let image = try Image(width: size.width, height: size.height, layout: info.layout) { storage in
                try decompressor.readImage(into: storage, stride: size.width * info.layout.channels)
            }
            return DecodedImage(image: image, info: info, warnings: decompressor.warnings, shrink: options.shrink)
        }
    }

    static func makeInfo(_ header: JPEGDecompressor.Header, byteCount: Int) throws -> ImageInfo {
        let model: String, layout: PixelLayout
        switch (header.colorSpace, header.components) {
        case (CImageShims_jpeg_SPACE_GRAY, 1): (model, layout) = ("gray", .gray)
        case (CImageShims_jpeg_SPACE_YCBCR, 3): (model, layout) = ("ycbcr", .rgb)
        case (CImageShims_jpeg_SPACE_RGB, 3): (model, layout) = ("rgb", .rgb)
        case (CImageShims_jpeg_SPACE_CMYK, 4): (model, layout) = ("cmyk", .cmyk)
        case (CImageShims_jpeg_SPACE_YCCK, 4): (model, layout) = ("ycck", .cmyk)
        default:
            throw HeaderError(format: .jpeg, message: "unsupported JPEG colour space",
                              details: "\(header.components) components of an unknown colour space")
        }
        return ImageInfo(
            format: .jpeg, width: header.width, height: header.height, layout: layout, bitDepth: 8,
            colorModel: model, hasAlpha: false, isProgressive: header.isProgressive,
            orientation: header.exif.flatMap(EXIF.orientation(in:)) ?? .up,
            iccProfile: header.iccProfile, exif: header.exif, byteCount: byteCount)
    }
}
