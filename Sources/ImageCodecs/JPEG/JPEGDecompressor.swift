import CImageShims
import ImageCore

/// A libjpeg-turbo decompression context behind the C shim, alive only inside `with(_:strict:_:)` while the
/// input bytes are pinned. Every shim return code becomes a typed error here and nowhere else.
struct JPEGDecompressor {
    /// The phase a shim call belongs to, which decides the error's stage.
    enum Phase {
        case header, decode
    }

    /// The header as the shim reports it, with metadata copied into Swift arrays.
    struct Header {
        var width: Int
        var height: Int
        var components: Int
        var colorSpace: Int
        var isProgressive: Bool
        var sawAdobeMarker: Bool
        /// Each component's (horizontal, vertical) sampling factors (the first four components).
        var sampling: [[Int]]
        var exif: [UInt8]?
        var iccProfile: [UInt8]?

        /// Whether `startPlanes()` takes this frame: 3-component YCbCr with chroma sampled 1×1 and luma 1×1,
        /// 2×1 or 2×2 (4:4:4, 4:2:2, 4:2:0).
        var hasPlanes: Bool {
            components == 3 && colorSpace == CImageShims_jpeg_SPACE_YCBCR && sampling.count == 3
                && sampling[1] == [1, 1] && sampling[2] == [1, 1] && [[1, 1], [2, 1], [2, 2]].contains(sampling[0])
        }
    }

    /// Scans allowed in one file (TurboJPEG's TJFLAG_LIMITSCANS uses the same bound).
    static let maxScans: Int32 = 500

    private let context: OpaquePointer

    /// Runs `body` with a decompressor over `bytes`; the bytes stay pinned and the context is destroyed on
    /// every path. `strictness` picks the warnings that stop decoding: none when lenient, truncation by default,
    /// every class when strict.
    static func with<R>(_ bytes: [UInt8], strictness: DecodeStrictness, _ body: (JPEGDecompressor) throws -> R) throws -> R {
        try bytes.withUnsafeBufferPointer { buffer in try with(buffer, strictness: strictness, body) }
    }

    /// `with(_:strictness:_:)` over bytes the caller keeps alive for the duration of `body`.
    static func with<R>(_ buffer: UnsafeBufferPointer<UInt8>, strictness: DecodeStrictness,
                        _ body: (JPEGDecompressor) throws -> R) throws -> R {
        guard let base = buffer.baseAddress, !buffer.isEmpty else { throw HeaderError(format: .jpeg, message: "the JPEG data is empty") }
        guard let context = CImageShims_jpeg_decoder_create(base, buffer.count, failOn(strictness), maxScans) else {
            throw DecodeError(format: .jpeg, message: "out of memory creating a JPEG decoder")
        }
        defer { CImageShims_jpeg_decoder_destroy(context) }
        return try body(JPEGDecompressor(context: context))
    }

    /// The shim's fail-on mask of warning classes for `strictness`.
    private static func failOn(_ strictness: DecodeStrictness) -> Int32 {
        switch strictness {
        case .lenient: 0
        case .standard: Int32(1 << CImageShims_jpeg_WARN_TRUNCATED)
        case .strict: Int32(1 << CImageShims_jpeg_WARN_CLASSES) - 1
        }
    }

    /// Reads the markers up to the first scan. The metadata size is checked against `limits`.
    func readHeader(limits: DecodeLimits) throws -> Header {
        var raw = CImageShims_jpeg_header()
        let rc = CImageShims_jpeg_decoder_read_header(context, &raw)
        if rc != 0 {
            if Int(rc) == CImageShims_jpeg_ERR_DIMENSIONS {
                // Report the frame against the caller's limits first; libjpeg's own cap is the fallback.
                try limits.check(width: Int(raw.width), height: Int(raw.height), format: .jpeg, file: nil)
            }
            throw failure(rc, during: .header)
        }
        for (name, length) in [("ICC profile", raw.icc_length), ("EXIF block", raw.exif_length)]
        where length > limits.maxMetadataBytes {
            throw LimitError(format: .jpeg, message:
                "\(name) of \(length) bytes exceeds the limit of \(limits.maxMetadataBytes) bytes")
        }
        return Header(
            width: Int(raw.width), height: Int(raw.height), components: Int(raw.components),
            colorSpace: Int(raw.color_space), isProgressive: raw.progressive != 0,
            sawAdobeMarker: raw.saw_adobe_marker != 0,
            sampling: zip([raw.h_samp.0, raw.h_samp.1, raw.h_samp.2, raw.h_samp.3],
                          [raw.v_samp.0, raw.v_samp.1, raw.v_samp.2, raw.v_samp.3])
                .prefix(Int(raw.components)).map { [Int($0), Int($1)] },
            exif: raw.exif.map { Array(UnsafeBufferPointer(start: $0, count: raw.exif_length)) },
            iccProfile: raw.icc.map { Array(UnsafeBufferPointer(start: $0, count: raw.icc_length)) })
    }

    /// Starts decompression at 1/`scale` into `layout` (gray, rgb or cmyk); returns the output size.
    func start(scale: Int, layout: PixelLayout, invertCMYK: Bool) throws -> (width: Int, height: Int) {
        let space: Int
        switch layout {
        case .gray: space = CImageShims_jpeg_OUT_GRAY
        case .rgb: space = CImageShims_jpeg_OUT_RGB
        case .cmyk: space = CImageShims_jpeg_OUT_CMYK
        default: throw DecodeError(format: .jpeg, message: "JPEG cannot decode to \(layout.rawValue)")
        }
        var width: Int32 = 0, height: Int32 = 0, components: Int32 = 0
        let rc = CImageShims_jpeg_decoder_start(context, Int32(scale), Int32(space), invertCMYK ? 1 : 0,
                                                &width, &height, &components)
        if rc != 0 { throw failure(rc, during: .decode) }
        guard Int(components) == layout.channels, width > 0, height > 0 else {
            throw DecodeError(format: .jpeg, message: "libjpeg produced \(components) channels for \(layout.rawValue)")
        }
        return (Int(width), Int(height))
    }

    /// Starts a full-size decode into YCbCr planes, without upsampling or colour conversion; returns their
    /// geometry. Only for frames whose `Header.hasPlanes`.
    func startPlanes() throws -> YCbCrStrips {
        var raw = CImageShims_jpeg_planes()
        let rc = CImageShims_jpeg_decoder_start_planes(context, &raw)
        if rc != 0 { throw failure(rc, during: .decode) }
        let width = [raw.width.0, raw.width.1, raw.width.2], height = [raw.height.0, raw.height.1, raw.height.2]
        let stride = [raw.stride.0, raw.stride.1, raw.stride.2]
        let stripRows = [raw.strip_rows.0, raw.strip_rows.1, raw.strip_rows.2]
        let xSpan = [raw.x_span.0, raw.x_span.1, raw.x_span.2], ySpan = [raw.y_span.0, raw.y_span.1, raw.y_span.2]
        return YCbCrStrips(planes: (0..<3).map {
            YCbCrStrips.Plane(width: Int(width[$0]), height: Int(height[$0]), stride: Int(stride[$0]),
                              stripRows: Int(stripRows[$0]), xSpan: Int(xSpan[$0]), ySpan: Int(ySpan[$0]))
        }, strips: Int(raw.strips))
    }

    /// Decodes the next strip of a planes decode into `destination` (`YCbCrStrips.stripBytes`); finishes after
    /// the last.
    func readStrip(into destination: UnsafeMutablePointer<UInt8>) throws {
        let rc = CImageShims_jpeg_decoder_read_strip(context, destination)
        if rc != 0 { throw failure(rc, during: .decode) }
    }

    /// Strips of a planes decode not read yet.
    var stripsLeft: Int { Int(CImageShims_jpeg_decoder_strips_left(context)) }

    /// Decodes every row into `destination` (rows `stride` bytes apart) and finishes.
    func readImage(into destination: UnsafeMutableBufferPointer<UInt8>, stride: Int) throws {
        let rc = CImageShims_jpeg_decoder_read_image(context, destination.baseAddress, stride)
        if rc != 0 { throw failure(rc, during: .decode) }
    }

    /// Decodes the next `count` rows into `destination` (rows `stride` bytes apart); finishes after the last.
    func readRows(into destination: UnsafeMutablePointer<UInt8>, stride: Int, count: Int) throws {
        let rc = CImageShims_jpeg_decoder_read_rows(context, destination, stride, Int32(count))
        if rc != 0 { throw failure(rc, during: .decode) }
    }

    /// How many input bytes libjpeg has read: it never reads those again.
    var bytesRead: Int { CImageShims_jpeg_decoder_bytes_read(context) }

    /// Rows not read yet (0 once all are read).
    var rowsLeft: Int { Int(CImageShims_jpeg_decoder_rows_left(context)) }

    /// The warnings libjpeg emitted, one per class, with the first text of each.
    var warnings: [CodecWarning] {
        let classes: [(Int, String)] = [
            (CImageShims_jpeg_WARN_TRUNCATED, "truncated"), (CImageShims_jpeg_WARN_CORRUPT, "corrupt-data"),
            (CImageShims_jpeg_WARN_EXTRANEOUS, "extraneous-data"), (CImageShims_jpeg_WARN_OTHER, "library"),
        ]
        return classes.compactMap { cls, code in
            let count = CImageShims_jpeg_decoder_warning_count(context, Int32(cls))
            guard count > 0, let text = CImageShims_jpeg_decoder_warning_message(context, Int32(cls)) else { return nil }
            let times = count > 1 ? " (\(count) times)" : ""
            return CodecWarning(code: code, message: "libjpeg: \(String(cString: text))\(times)")
        }
    }

    /// The one place shim return codes become typed errors.
    private func failure(_ rc: Int32, during phase: Phase) -> any Error {
        let text = String(cString: CImageShims_jpeg_decoder_message(context))
        let code = Int(CImageShims_jpeg_decoder_code(context))
        func staged(_ message: String) -> any Error {
            switch phase {
            case .header: HeaderError(format: .jpeg, message: message, details: text, code: code)
            case .decode: DecodeError(format: .jpeg, message: message, details: text, code: code)
            }
        }
        switch Int(rc) {
        case CImageShims_jpeg_ERR_SCANS:
            return LimitError(format: .jpeg, message: "too many scans", details: text)
        case CImageShims_jpeg_ERR_MEMORY:
            return LimitError(format: .jpeg, message: "decoding needs more memory than the frame allows", details: text, code: code)
        case CImageShims_jpeg_ERR_DIMENSIONS:
            return LimitError(format: .jpeg, message: "the frame is larger than JPEG decoding supports", details: text, code: code)
        case CImageShims_jpeg_ERR_WARNING:
            let truncated = CImageShims_jpeg_decoder_warning_count(context, Int32(CImageShims_jpeg_WARN_TRUNCATED)) > 0
            return staged(truncated
                ? "the JPEG data is truncated (decode leniently to accept it with a warning)"
                : "the JPEG data is damaged, refused in strict mode (the default decode accepts it with a warning)")
        case CImageShims_jpeg_ERR_USAGE:
            return DecodeError(format: .jpeg, message: "JPEG decoder misuse", details: text)
        default:
            return staged(phase == .header ? "cannot read the JPEG header" : "cannot decode the JPEG data")
        }
    }
}
