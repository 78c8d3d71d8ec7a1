import CImageShims
public import ImageCore

/// JPEG encoding over libjpeg-turbo (baseline or progressive, 4:2:0 or 4:4:4, optimized Huffman tables).
///
/// Input is reduced to what JPEG stores: 16-bit samples are rounded to 8 bits, alpha is flattened onto
/// `options.background`, CMYK is converted to RGB with `Image.converted(to:)`'s naive formula. Gray images
/// stay single-channel. Metadata is written only when given: an ICC profile as APP2 segments, EXIF as one
/// APP1 `Exif\0\0` segment.
public enum JPEGEncoder {
    /// Encodes `image`.
    ///
    /// - Throws: `EncodeError` with libjpeg's message (for example an EXIF block over 65,527 bytes or an
    ///   image wider or taller than 65,500 pixels).
    public static func encode(_ image: Image, options: JPEGEncodeOptions, metadata: EncodeMetadata) throws(EncodeError) -> [UInt8] {
        let input: Image
        switch image.layout {
        case .gray, .rgb: input = image.to8Bit()
        case .grayAlpha, .rgba: input = image.flattened(onto: options.background)
        case .cmyk: input = image.converted(to: .rgb)
        }
        var exif = metadata.exif
        if let block = exif, block.starts(with: Array("Exif".utf8) + [0, 0]) { exif = Array(block.dropFirst(6)) }

        var result = CImageShims_jpeg_encode_result()
        let rc = input.pixels.withUnsafeBufferPointer { pixels in
            withOptionalBuffer(metadata.iccProfile) { icc in
                withOptionalBuffer(exif) { exif in
                    var params = CImageShims_jpeg_encode_params(
                        pixels: pixels.baseAddress, width: Int32(clamping: input.width), height: Int32(clamping: input.height),
                        components: Int32(input.layout.channels), stride: input.rowStride,
                        quality: Int32(options.quality), chroma_444: options.subsampling == .s444 ? 1 : 0,
                        progressive: options.progressive ? 1 : 0, optimize_coding: options.optimizeHuffman ? 1 : 0,
                        icc: icc?.baseAddress, icc_length: icc?.count ?? 0,
                        exif: exif?.baseAddress, exif_length: exif?.count ?? 0)
                    return CImageShims_jpeg_encode(&params, &result)
                }
            }
        }
        defer { CImageShims_jpeg_encode_result_free(&result) }
        guard rc == 0, let data = result.data else {
            let text = withUnsafeBytes(of: result.message) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            throw EncodeError(format: .jpeg, message: "cannot encode JPEG", details: text,
                              code: result.code == 0 ? nil : Int(result.code))
        }
        return Array(UnsafeBufferPointer(start: data, count: result.size))
    }

    /// Calls `body` with the bytes of `array` pinned, or with nil.
    private static func withOptionalBuffer<R>(_ array: [UInt8]?, _ body: (UnsafeBufferPointer<UInt8>?) -> R) -> R {
        guard let array else { return body(nil) }
        return array.withUnsafeBufferPointer { body($0) }
    }
}
