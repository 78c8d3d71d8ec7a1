import CImageShims
import ImageCore

/// One libpng read session over bytes that stay pinned for its lifetime (the C shim reads them directly).
///
/// The single choke point between the PNG shim's int codes and Swift's typed errors: every call returns the
/// shim's status, and `failure(_:as:)` turns it and libpng's message into a `CodecError` of the right stage.
final class PNGReadContext {
    private let decoder: OpaquePointer

    /// Opens a session; `bytes` must stay valid until the context is released.
    /// With `lenient`, CRC errors in critical chunks become warnings and the data is used.
    init(_ bytes: UnsafeBufferPointer<UInt8>, limits: DecodeLimits, lenient: Bool = false) throws(DecodeError) {
        func clamp(_ value: Int) -> UInt32 { UInt32(clamping: max(value, 1)) }
        guard let decoder = CImageShims_png_decoder_create(
            bytes.baseAddress, bytes.count, clamp(limits.maxWidth), clamp(limits.maxHeight),
            max(limits.maxMetadataBytes, 1), PNGReadContext.maxCachedChunks, lenient ? 1 : 0)
        else { throw DecodeError(format: .png, message: "out of memory creating the libpng reader") }
        self.decoder = decoder
    }

    deinit { CImageShims_png_decoder_destroy(decoder) }

    /// A shim call's non-zero status.
    struct Failure: Error { var status: Int32 }

    /// Ancillary chunks libpng may keep (text, sPLT, unknown); beyond this it stops storing them.
    static let maxCachedChunks: UInt32 = 1000

    /// The header as libpng read it, or the shim status on failure.
    func readHeader() -> Result<CImageShims_png_header, Failure> {
        var header = CImageShims_png_header()
        let status = CImageShims_png_read_header(decoder, &header)
        return status == 0 ? .success(header) : .failure(Failure(status: status))
    }

    /// gAMA, sRGB, iCCP and eXIf as currently known, copied into Swift arrays.
    func metadata() -> (gamma: Double?, srgbIntent: Int?, icc: [UInt8]?, exif: [UInt8]?) {
        var m = CImageShims_png_metadata()
        CImageShims_png_get_metadata(decoder, &m)
        func copy(_ pointer: UnsafePointer<UInt8>?, _ count: UInt32) -> [UInt8]? {
            guard let pointer, count > 0 else { return nil }
            return Array(UnsafeBufferPointer(start: pointer, count: Int(count)))
        }
        return (m.has_gamma != 0 ? m.gamma : nil, m.has_srgb != 0 ? Int(m.srgb_intent) : nil,
                copy(m.icc, m.icc_length), copy(m.exif, m.exif_length))
    }

    func startPixels(keepSixteenBit: Bool) -> Result<CImageShims_png_output, Failure> {
        var output = CImageShims_png_output()
        let status = CImageShims_png_start_pixels(decoder, keepSixteenBit ? 1 : 0, &output)
        return status == 0 ? .success(output) : .failure(Failure(status: status))
    }

    /// Decodes into `pixels`; returns the status and the rows libpng finished.
    func readPixels(into pixels: UnsafeMutableBufferPointer<UInt8>, rowStride: Int, zeroFill: Bool) -> (status: Int32, rows: Int) {
        var rows: UInt32 = 0
        let status = CImageShims_png_read_pixels(decoder, pixels.baseAddress, pixels.count, rowStride, zeroFill ? 1 : 0, &rows)
        return (status, Int(rows))
    }

    func readEnd() -> Int32 { CImageShims_png_read_end(decoder) }

    /// libpng's last error message.
    var message: String { String(cString: CImageShims_png_decoder_message(decoder)) }

    /// libpng's warnings so far, as `CodecWarning`s (code `library`).
    var warnings: [CodecWarning] {
        let count = Int(CImageShims_png_decoder_warning_count(decoder))
        let kept = min(count, Int(CImageShims_png_max_kept_warnings))
        var result = (0..<kept).map {
            CodecWarning(code: "library", message: "libpng: " + String(cString: CImageShims_png_decoder_warning(decoder, Int32($0))))
        }
        if count > kept { result.append(CodecWarning(code: "library", message: "libpng: \(count - kept) more warnings")) }
        return result
    }

    /// The libpng warnings joined, for error details.
    private var warningText: String? {
        let texts = warnings.map { String($0.message.dropFirst("libpng: ".count)) }
        return texts.isEmpty ? nil : texts.joined(separator: "; ")
    }

    /// The typed error for a failed shim call in `stage`, carrying libpng's message (and warnings) as details.
    func failure<Stage: CodecStage>(_ status: Int32, as _: Stage.Type, _ summary: String) -> CodecError<Stage> {
        var details = message
        if details.isEmpty { details = PNGReadContext.describe(status) }
        if let warningText, status != CImageShims_png_ok.rawValue { details += " (warnings: \(warningText))" }
        return CodecError<Stage>(format: .png, message: summary, details: details, code: Int(status))
    }

    static func describe(_ status: Int32) -> String {
        switch status {
        case CImageShims_png_error.rawValue: "libpng error"
        case CImageShims_png_limit.rawValue: "image exceeds the user limits"
        case CImageShims_png_nomem.rawValue: "out of memory"
        case CImageShims_png_usage.rawValue: "internal: shim called out of order or with a short buffer"
        default: "status \(status)"
        }
    }
}
