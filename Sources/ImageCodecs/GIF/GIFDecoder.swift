import CImageShims
import ImageCore

/// GIF decoding over giflib 5.2 (record by record, from memory; input only).
///
/// The logical screen is checked against `DecodeLimits` before anything is allocated (a frame larger than the
/// screen is clipped, never grown into). The first frame is composited on a transparent screen: interlace
/// undone, the transparent index kept as alpha 0. Output is 8-bit `rgba` when any pixel is transparent, else
/// `rgb`. An animated file gives its first frame and an `animated` warning; damage after the first frame
/// (junk records, a missing trailer) gives a `corrupt-data` warning; a file without any colour table shows
/// indices as grey levels with a `corrupt-data` warning.
public enum GIFDecoder {
    /// Reads the screen descriptor and walks the records without decoding pixels (frames are counted).
    ///
    /// - Throws: `HeaderError` or `LimitError`.
    public static func info(_ bytes: [UInt8], limits: DecodeLimits) throws -> ImageInfo {
        try withDecoder(bytes) { decoder in
            let screen = try openScreen(decoder, limits: limits)
            var scan = CImageShims_gif_scan_result()
            let rc = CImageShims_gif_scan(decoder, nil, 0, &scan)
            guard rc == 0 else { throw HeaderError(format: .gif, message: "cannot read the GIF", details: message(decoder)) }
            return makeInfo(screen, scan: scan, byteCount: bytes.count)
        }
    }

    /// Decodes the first frame onto the logical screen.
    ///
    /// - Throws: `HeaderError`, `LimitError` or `DecodeError` carrying giflib's message.
    public static func decode(_ bytes: [UInt8], options: DecodeOptions) throws -> DecodedImage {
        try withDecoder(bytes) { decoder in
            let screen = try openScreen(decoder, limits: options.limits)
            var scan = CImageShims_gif_scan_result()
            let width = Int(screen.width), height = Int(screen.height)
            var image = try Image(width: width, height: height, layout: .rgba) { storage in
                let rc = CImageShims_gif_scan(decoder, storage.baseAddress, storage.count, &scan)
                guard rc == 0 else {
                    throw DecodeError(format: .gif, message: "cannot decode the GIF", details: message(decoder), code: Int(rc))
                }
            }
            if scan.used_transparency == 0 { image = image.converted(to: .rgb) }
            var info = makeInfo(screen, scan: scan, byteCount: bytes.count)
            info.layout = image.layout  // a transparent index no pixel uses leaves an opaque image
            return DecodedImage(image: image, info: info, warnings: warnings(scan, info: info, decoder: decoder))
        }
    }

    private static func withDecoder<R>(_ bytes: [UInt8], _ body: (OpaquePointer) throws -> R) throws -> R {
        try bytes.withUnsafeBufferPointer { buffer in
            guard let decoder = CImageShims_gif_decoder_create(buffer.baseAddress, buffer.count) else {
                throw DecodeError(format: .gif, message: "out of memory creating a GIF decoder")
            }
            defer { CImageShims_gif_decoder_destroy(decoder) }
            return try body(decoder)
        }
    }

    private static func openScreen(_ decoder: OpaquePointer, limits: DecodeLimits) throws -> CImageShims_gif_screen {
        var screen = CImageShims_gif_screen()
        guard CImageShims_gif_open(decoder, &screen) == 0 else {
            throw HeaderError(format: .gif, message: "invalid GIF header", details: message(decoder))
        }
        guard screen.width > 0, screen.height > 0 else {
            throw HeaderError(format: .gif, message: "invalid GIF header",
                              details: "logical screen \(screen.width)x\(screen.height)")
        }
        try limits.check(width: Int(screen.width), height: Int(screen.height), format: .gif, file: nil)
        return screen
    }

    private static func makeInfo(_ screen: CImageShims_gif_screen, scan: CImageShims_gif_scan_result, byteCount: Int) -> ImageInfo {
        let alpha = scan.first_has_transparency != 0 || scan.used_transparency != 0
        return ImageInfo(
            format: .gif, width: Int(screen.width), height: Int(screen.height), layout: alpha ? .rgba : .rgb,
            bitDepth: 8, colorModel: "palette", hasAlpha: alpha, isProgressive: scan.first_interlaced != 0,
            frameCount: Int(scan.frames), byteCount: byteCount)
    }

    private static func warnings(_ scan: CImageShims_gif_scan_result, info: ImageInfo, decoder: OpaquePointer) -> [CodecWarning] {
        var warnings: [CodecWarning] = []
        if info.frameCount > 1 {
            warnings.append(CodecWarning(code: "animated",
                                         message: "animated GIF with \(info.frameCount) frames: only the first frame was decoded"))
        }
        if scan.trailing_error != 0 {
            warnings.append(CodecWarning(code: "corrupt-data",
                                         message: "giflib: \(message(decoder)) after the first frame; the rest was ignored"))
        }
        if scan.missing_palette != 0 {
            warnings.append(CodecWarning(code: "corrupt-data", message: "the GIF has no colour table: indices shown as grey levels"))
        }
        if scan.index_out_of_range != 0 {
            warnings.append(CodecWarning(code: "corrupt-data", message: "colour indices past the colour table were shown as black"))
        }
        return warnings
    }

    private static func message(_ decoder: OpaquePointer) -> String {
        String(cString: CImageShims_gif_message(decoder))
    }
}
