import CImageShims
import CPNG
public import ImageCore

/// PNG encoding: libpng 1.6 writes the header and metadata chunks, the shim writes the image data (each row's
/// filter chosen by libpng's heuristic among those `PNGEncodeOptions.filter` allows, the whole image deflated in
/// one libdeflate call: smaller and faster than libpng's row-by-row zlib at the same level).
///
/// With `PNGEncodeOptions.reduceColorType` (the default) the smallest lossless colour type is written:
/// gray, gray+alpha, RGB or RGBA, at 8 bits when 16-bit samples are all exact 8-bit values. CMYK input is
/// converted to RGB first. Metadata is written only when `metadata` asks: an iCCP chunk for
/// `iccProfile`, otherwise an sRGB chunk (perceptual) for `srgb`, and an eXIf chunk for `exif`.
/// An embedded RGB profile keeps the output RGB even for gray pixels.
public enum PNGEncoder {
    /// Encodes `image`.
    ///
    /// - Throws: `EncodeError` carrying libpng's message (for example a profile libpng rejects).
    public static func encode(_ image: Image, options: PNGEncodeOptions, metadata: EncodeMetadata) throws(EncodeError) -> [UInt8] {
        let source = image.layout == .cmyk ? image.converted(to: .rgb) : image
        let iccSpace = metadata.iccProfile.flatMap(ICCProfile.colorSpace(of:))
        let plan = options.reduceColorType
            ? PNGColorReduction.plan(for: source, allowGray: iccSpace != "RGB")
            : PNGColorReduction.identity(source)
        let pixels = plan.apply(to: source)

        let colorType: Int32 = switch plan.layout {
        case .gray: PNG_COLOR_TYPE_GRAY
        case .grayAlpha: PNG_COLOR_TYPE_GRAY_ALPHA
        case .rgb: PNG_COLOR_TYPE_RGB
        case .rgba, .cmyk: PNG_COLOR_TYPE_RGB_ALPHA
        }
        var output: UnsafeMutablePointer<UInt8>?
        var outputSize = 0
        var message = [CChar](repeating: 0, count: Int(CImageShims_png_message_capacity))
        let status = pixels.withUnsafeBufferPointer { pixelBuffer in
            withOptionalBuffer(metadata.iccProfile) { icc in
                withOptionalBuffer(metadata.exif) { exif in
                    var params = CImageShims_png_encode_params(
                        width: UInt32(source.width), height: UInt32(source.height), color_type: colorType,
                        bit_depth: Int32(plan.depth.rawValue), compression_level: Int32(options.compressionLevel),
                        filters: filterMask(options.filter), icc: icc.baseAddress, icc_length: icc.count,
                        srgb_intent: metadata.srgb && metadata.iccProfile == nil ? 0 : -1,
                        exif: exif.baseAddress, exif_length: exif.count)
                    return CImageShims_png_encode(&params, pixelBuffer.baseAddress,
                                                  source.width * plan.layout.channels * plan.depth.bytes,
                                                  &output, &outputSize, &message, message.count)
                }
            }
        }
        guard status == 0, let output else {
            let text = String(decoding: message.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            throw EncodeError(format: .png, message: "PNG encoding failed",
                              details: text.isEmpty ? PNGReadContext.describe(status) : text, code: Int(status))
        }
        defer { CImageShims_free(output) }
        return Array(UnsafeBufferPointer(start: output, count: outputSize))
    }

    /// libpng's filter mask for `filter`.
    static func filterMask(_ filter: PNGFilter) -> Int32 {
        switch filter {
        case .none: PNG_FILTER_NONE
        case .sub: PNG_FILTER_SUB
        case .up: PNG_FILTER_UP
        case .average: PNG_FILTER_AVG
        case .paeth: PNG_FILTER_PAETH
        case .adaptive: PNG_FILTER_NONE | PNG_FILTER_SUB | PNG_FILTER_UP | PNG_FILTER_AVG | PNG_FILTER_PAETH
        }
    }

    private static func withOptionalBuffer<R>(_ bytes: [UInt8]?, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        guard let bytes, !bytes.isEmpty else { return body(UnsafeBufferPointer(start: nil, count: 0)) }
        return bytes.withUnsafeBufferPointer(body)
    }
}
