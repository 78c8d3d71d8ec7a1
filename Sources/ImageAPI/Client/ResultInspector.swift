public import ImageCodecs

/// Checks a downloaded file before it is given its final name, returning its format.
public struct ResultInspector: Sendable {
    /// Returns the format of `bytes` or throws (a sniff or header error).
    public var inspect: @Sendable (_ bytes: [UInt8], _ name: String) throws -> ImageFormat

    public init(inspect: @escaping @Sendable (_ bytes: [UInt8], _ name: String) throws -> ImageFormat) {
        self.inspect = inspect
    }

    /// Sniffs the signature and reads the header with `ImageDecoder.info` (dimensions and limits checked).
    public static var header: ResultInspector {
        ResultInspector { bytes, name in try ImageDecoder.info(bytes, name: name).format }
    }

    /// Checks the signature only (for callers that decode later themselves).
    public static var signature: ResultInspector {
        ResultInspector { bytes, name in try ImageDecoder.sniff(bytes, name: name) }
    }
}
