import CWebP

/// libwebp's status codes turned into text and typed errors: the single choke point from libwebp's C return
/// values to Swift errors. (libwebp never longjmps: decoding returns a `VP8StatusCode`, encoding sets a
/// `WebPEncodingError` on the picture.)
enum WebPStatus {
    /// libwebp's name for a decoding status, with a short explanation.
    static func describe(_ status: VP8StatusCode) -> String {
        switch status {
        case VP8_STATUS_OK: "VP8_STATUS_OK"
        case VP8_STATUS_OUT_OF_MEMORY: "VP8_STATUS_OUT_OF_MEMORY: out of memory"
        case VP8_STATUS_INVALID_PARAM: "VP8_STATUS_INVALID_PARAM: invalid parameter"
        case VP8_STATUS_BITSTREAM_ERROR: "VP8_STATUS_BITSTREAM_ERROR: corrupt or invalid bitstream"
        case VP8_STATUS_UNSUPPORTED_FEATURE: "VP8_STATUS_UNSUPPORTED_FEATURE: unsupported feature"
        case VP8_STATUS_SUSPENDED: "VP8_STATUS_SUSPENDED: decoding suspended"
        case VP8_STATUS_USER_ABORT: "VP8_STATUS_USER_ABORT: aborted"
        case VP8_STATUS_NOT_ENOUGH_DATA: "VP8_STATUS_NOT_ENOUGH_DATA: the data ends early (truncated file)"
        default: "VP8StatusCode \(status.rawValue)"
        }
    }

    /// The typed error of `stage` for a failed libwebp call.
    static func error<Stage: CodecStage>(_ status: VP8StatusCode, as _: Stage.Type, _ summary: String) -> CodecError<Stage> {
        CodecError<Stage>(format: .webp, message: summary, details: describe(status), code: Int(status.rawValue))
    }

    /// libwebp's name for an encoding error, with a short explanation.
    static func describe(_ error: WebPEncodingError) -> String {
        switch error {
        case VP8_ENC_OK: "VP8_ENC_OK"
        case VP8_ENC_ERROR_OUT_OF_MEMORY: "VP8_ENC_ERROR_OUT_OF_MEMORY: out of memory"
        case VP8_ENC_ERROR_BITSTREAM_OUT_OF_MEMORY: "VP8_ENC_ERROR_BITSTREAM_OUT_OF_MEMORY: out of memory flushing the bitstream"
        case VP8_ENC_ERROR_NULL_PARAMETER: "VP8_ENC_ERROR_NULL_PARAMETER: a pointer parameter is NULL"
        case VP8_ENC_ERROR_INVALID_CONFIGURATION: "VP8_ENC_ERROR_INVALID_CONFIGURATION: invalid configuration"
        case VP8_ENC_ERROR_BAD_DIMENSION: "VP8_ENC_ERROR_BAD_DIMENSION: width or height over 16383"
        case VP8_ENC_ERROR_PARTITION0_OVERFLOW: "VP8_ENC_ERROR_PARTITION0_OVERFLOW: partition 0 is bigger than 512 kB"
        case VP8_ENC_ERROR_PARTITION_OVERFLOW: "VP8_ENC_ERROR_PARTITION_OVERFLOW: a partition is bigger than 16 MB"
        case VP8_ENC_ERROR_BAD_WRITE: "VP8_ENC_ERROR_BAD_WRITE: error while flushing bytes"
        case VP8_ENC_ERROR_FILE_TOO_BIG: "VP8_ENC_ERROR_FILE_TOO_BIG: file is bigger than 4 GB"
        case VP8_ENC_ERROR_USER_ABORT: "VP8_ENC_ERROR_USER_ABORT: aborted"
        default: "WebPEncodingError \(error.rawValue)"
        }
    }
}
