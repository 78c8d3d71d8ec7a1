import CImageShims
public import ImageCore

/// A JPEG encode fed rows as they are made, top to bottom, so that compressing overlaps the work that makes
/// them (the normalizer's resampler, while libjpeg decodes the input on another thread).
///
/// The file equals `JPEGEncoder.encode` of the whole image with the same options and metadata, byte for byte
/// (both run the same libjpeg calls). With `optimizeHuffman` (the default) libjpeg keeps the image's quantized
/// coefficients until `finish`, 2 bytes a sample: 4.7 MB for a 1536x1024 4:2:0 image. Rows are 8-bit gray or
/// RGB. One thread feeds an encoder.
public final class JPEGRowEncoder {
    /// The image's width in pixels.
    public let width: Int
    /// The image's height in pixels.
    public let height: Int
    /// `.gray` or `.rgb`.
    public let layout: PixelLayout
    /// Rows written so far.
    public private(set) var rowsWritten = 0
    private let encoder: OpaquePointer

    /// Starts an encode (the headers and metadata are written here).
    ///
    /// - Throws: `EncodeError` for a layout other than gray or RGB, a size outside 1...65,500, or metadata
    ///   libjpeg refuses (an EXIF block over 65,527 bytes).
    public init(width: Int, height: Int, layout: PixelLayout, options: JPEGEncodeOptions, metadata: EncodeMetadata) throws(EncodeError) {
        guard layout == .gray || layout == .rgb else {
            throw EncodeError(format: .jpeg, message: "cannot encode JPEG", details: "rows must be gray or RGB, not \(layout)")
        }
        self.width = width
        self.height = height
        self.layout = layout
        var result = CImageShims_jpeg_encode_result()
        var started: OpaquePointer?
        let rc = JPEGEncoder.withParams(width: width, height: height, layout: layout, options: options, metadata: metadata) { params in
            CImageShims_jpeg_encoder_start(&params, &started, &result)
        }
        guard rc == 0, let started else { throw JPEGEncoder.failure(result) }
        encoder = started
    }

    deinit { CImageShims_jpeg_encoder_free(encoder) }

    /// Compresses the next `count` rows, `stride` bytes apart (`width × layout.channels` bytes each).
    ///
    /// - Throws: `EncodeError` when more rows are written than the image has, or when libjpeg fails; the
    ///   encoder takes no more rows after a failure.
    public func write(_ rows: UnsafePointer<UInt8>, stride: Int, count: Int = 1) throws(EncodeError) {
        var result = CImageShims_jpeg_encode_result()
        guard CImageShims_jpeg_encoder_write(encoder, rows, stride, Int32(clamping: count), &result) == 0 else {
            throw JPEGEncoder.failure(result)
        }
        rowsWritten += count
    }

    /// Finishes the file after the last row.
    ///
    /// - Throws: `EncodeError` when rows are missing, after a failed write, or when called twice.
    public func finish() throws(EncodeError) -> [UInt8] {
        var result = CImageShims_jpeg_encode_result()
        let rc = CImageShims_jpeg_encoder_finish(encoder, &result)
        defer { CImageShims_jpeg_encode_result_free(&result) }
        guard rc == 0, let data = result.data else { throw JPEGEncoder.failure(result) }
        return Array(UnsafeBufferPointer(start: data, count: result.size))
    }
}
