import CImageShims
import ImageCore

/// TIFF decoding over libtiff 4.5 (from memory; input only): the first page, strips or tiles, contiguous or
/// planar, 1–16-bit gray, RGB(A), palette, YCbCr and CMYK, every compression Debian's libtiff carries (LZW,
/// Deflate, PackBits, JPEG, CCITT G3/G4, …), through `TIFFRGBAImage`.
///
/// Output is 8-bit `rgba` when the file has an extra (alpha) sample, else `rgb`; associated alpha is
/// un-premultiplied. Two kinds of file skip TIFFRGBAImage and keep their samples (`TIFFSamples`):
/// - 16-bit unsigned gray (black is zero) and RGB, with or without one alpha sample: `gray`, `grayAlpha`, `rgb`
///   or `rgba` at 16 bits (reduced to 8 by rounding when `DecodeOptions.keepSixteenBit` is false), so they are
///   resized at 16 bits and reduced afterwards like 16-bit PNG;
/// - 8-bit CMYK (InkSet CMYK, 4 samples): `cmyk` (0 = no ink) with its ICC profile, converted to sRGB by
///   `ColorConverter`'s CMYK path, the one JPEG CMYK takes.
/// Every other layout goes through TIFFRGBAImage (libtiff reduces over-8-bit samples to 8; `bitDepth` reports
/// the stored depth). Rows come as stored and `ImageInfo.orientation` carries the Orientation tag, applied once
/// downstream like EXIF. Floating-point and 32-bit samples are refused with a `HeaderError`. libtiff's errors become typed errors
/// carrying its text and its warnings become `library` warnings (unknown private tags are ignored); nothing
/// is printed. A multi-page file gives its first page and a `multi-page` warning.
public enum TIFFDecoder {
    /// Reads the first directory's tags and counts the pages (no pixels).
    ///
    /// - Throws: `HeaderError` or `LimitError`.
    public static func info(_ bytes: [UInt8], limits: DecodeLimits) throws -> ImageInfo {
        try withDecoder(bytes, limits: limits) { decoder in try readHeader(decoder, limits: limits, byteCount: bytes.count).info }
    }

    /// Decodes the first page.
    ///
    /// - Throws: `HeaderError`, `LimitError` or `DecodeError` carrying libtiff's message.
    public static func decode(_ bytes: [UInt8], options: DecodeOptions) throws -> DecodedImage {
        try withDecoder(bytes, limits: options.limits) { decoder in
            let (info, header) = try readHeader(decoder, limits: options.limits, byteCount: bytes.count)
            var image: Image
            if let layout = TIFFSamples.layout(header) {
                image = try TIFFSamples.read(decoder, width: info.width, height: info.height, layout: layout,
                                             sixteen: header.bits_per_sample == 16) { message(decoder) }
                if header.extra_sample == 1 { image.unpremultiplyAlpha() }
                if !options.keepSixteenBit { image = image.to8Bit() }
            } else {
                image = try Image(width: info.width, height: info.height, layout: .rgba) { storage in
                    let rc = CImageShims_tiff_read_rgba(decoder, storage.baseAddress, storage.count)
                    guard rc == 0 else {
                        throw DecodeError(format: .tiff, message: "cannot decode the TIFF", details: message(decoder), code: Int(rc))
                    }
                }
                if !info.hasAlpha { image = image.converted(to: .rgb) }
            }
            var warnings: [CodecWarning] = []
            if info.frameCount > 1 {
                warnings.append(CodecWarning(code: "multi-page", message: "TIFF with \(info.frameCount) pages: only the first page was decoded"))
            }
            let count = CImageShims_tiff_warning_count(decoder)
            if count > 0 {
                let times = count > 1 ? " (\(count) warnings)" : ""
                warnings.append(CodecWarning(code: "library",
                                             message: "libtiff: \(String(cString: CImageShims_tiff_warning_message(decoder)))\(times)"))
            }
            return DecodedImage(image: image, info: info, warnings: warnings)
        }
    }

    private static func withDecoder<R>(_ bytes: [UInt8], limits: DecodeLimits, _ body: (OpaquePointer) throws -> R) throws -> R {
        guard !bytes.isEmpty else { throw HeaderError(format: .tiff, message: "the TIFF data is empty") }
        return try bytes.withUnsafeBufferPointer { buffer in
            // libtiff's own allocations (strip and tile buffers) stay under the pixel budget.
            let maxAlloc = Int64(clamping: max(limits.maxPixels, 1 << 20).multipliedReportingOverflow(by: 8).partialValue)
            guard let decoder = CImageShims_tiff_decoder_create(buffer.baseAddress, buffer.count, maxAlloc) else {
                throw DecodeError(format: .tiff, message: "out of memory creating a TIFF decoder")
            }
            defer { CImageShims_tiff_decoder_destroy(decoder) }
            return try body(decoder)
        }
    }

    private static func readHeader(_ decoder: OpaquePointer, limits: DecodeLimits, byteCount: Int) throws
        -> (info: ImageInfo, header: CImageShims_tiff_header) {
        var header = CImageShims_tiff_header()
        let rc = CImageShims_tiff_open(decoder, &header)
        if rc == CImageShims_tiff_unsupported.rawValue {
            throw HeaderError(format: .tiff, message: "unsupported TIFF sample layout", details: message(decoder))
        }
        guard rc == 0 else { throw HeaderError(format: .tiff, message: "cannot read the TIFF header", details: message(decoder)) }
        let width = Int(header.width), height = Int(header.height)
        guard width > 0, height > 0 else {
            throw HeaderError(format: .tiff, message: "invalid TIFF header", details: "dimensions \(width)x\(height)")
        }
        try limits.check(width: width, height: height, format: .tiff, file: nil)
        if Int(header.icc_length) > limits.maxMetadataBytes {
            throw LimitError(format: .tiff, message: "ICC profile of \(header.icc_length) bytes exceeds the limit of \(limits.maxMetadataBytes) bytes")
        }
        let hasAlpha = header.extra_sample >= 0
        let samples = TIFFSamples.layout(header)
        let info = ImageInfo(
            format: .tiff, width: width, height: height, layout: samples ?? (hasAlpha ? .rgba : .rgb),
            bitDepth: Int(header.bits_per_sample), colorModel: colorModel(header.photometric), hasAlpha: hasAlpha,
            orientation: Orientation(rawValue: Int(header.orientation)) ?? .up,
            // TIFFRGBAImage turns CMYK into RGB itself, so a CMYK profile then no longer describes the pixels.
            iccProfile: header.photometric == 5 && samples != .cmyk ? nil
                : header.icc.map { Array(UnsafeBufferPointer(start: $0, count: Int(header.icc_length))) },
            frameCount: max(1, Int(header.directories)), byteCount: byteCount)
        return (info, header)
    }

    private static func colorModel(_ photometric: UInt16) -> String {
        switch photometric {
        case 0: "gray (white is zero)"
        case 1: "gray"
        case 2: "rgb"
        case 3: "palette"
        case 4: "mask"
        case 5: "cmyk"
        case 6: "ycbcr"
        case 8: "cielab"
        default: "unknown (\(photometric))"
        }
    }

    private static func message(_ decoder: OpaquePointer) -> String {
        String(cString: CImageShims_tiff_message(decoder))
    }
}
