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
        var result = CImageShims_jpeg_encode_result()
        let rc = input.pixels.withUnsafeBufferPointer { pixels in
            withParams(width: input.width, height: input.height, layout: input.layout, options: options, metadata: metadata) { params in
                params.pixels = pixels.baseAddress
                params.stride = input.rowStride
                return CImageShims_jpeg_encode(&params, &result)
            }
        }
        defer { CImageShims_jpeg_encode_result_free(&result) }
        guard rc == 0, let data = result.data else { throw failure(result) }
        return Array(UnsafeBufferPointer(start: data, count: result.size))
    }

    /// Calls `body` with the shim's parameters for an image of this size and layout (gray or RGB) with
    /// `options` and `metadata` (pinned for the call); no pixels yet.
    static func withParams<R>(width: Int, height: Int, layout: PixelLayout, options: JPEGEncodeOptions, metadata: EncodeMetadata,
                              _ body: (inout CImageShims_jpeg_encode_params) -> R) -> R {
        var exif = metadata.exif
        if let block = exif, block.starts(with: Array("Exif".utf8) + [0, 0]) { exif = Array(block.dropFirst(6)) }
        return withOptionalBuffer(metadata.iccProfile) { icc in
            withOptionalBuffer(exif) { exif in
                var params = CImageShims_jpeg_encode_params(
                    pixels: nil, width: Int32(clamping: width), height: Int32(clamping: height),
                    components: Int32(layout.channels), stride: 0,
                    quality: Int32(options.quality), chroma_444: options.subsampling == .s444 ? 1 : 0,
                    progressive: options.progressive ? 1 : 0, optimize_coding: options.optimizeHuffman ? 1 : 0,
                    icc: icc?.baseAddress, icc_length: icc?.count ?? 0,
                    exif: exif?.baseAddress, exif_length: exif?.count ?? 0)
                return body(&params)
            }
        }
    }

    /// The error a failed shim call reported in `result`.
    static func failure(_ result: CImageShims_jpeg_encode_result) -> EncodeError {
        let text = withUnsafeBytes(of: result.message) { raw in String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self) }
        return EncodeError(format: .jpeg, message: "cannot encode JPEG", details: text, code: result.code == 0 ? nil : Int(result.code))
    }

    /// Calls `body` with the bytes of `array` pinned, or with nil.
    private static func withOptionalBuffer<R>(_ array: [UInt8]?, _ body: (UnsafeBufferPointer<UInt8>?) -> R) -> R {
        guard let array else { return body(nil) }
        return array.withUnsafeBufferPointer { body($0) }
    }
}
