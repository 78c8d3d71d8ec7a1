/// Something odd but recoverable found while reading a file or making an image: the one warning shape of
/// every layer (codecs, masks, normalize), so that the CLI and reports print any of them the same way.
///
/// Codecs call it `CodecWarning` and masks `Mask.Warning`; both are this type.
public struct ImageWarning: Sendable, Hashable, Codable, CustomStringConvertible {
    /// A stable identifier: `truncated`, `corrupt-data`, `animated`, `extension-mismatch`, `library`, ….
    public var code: String
    /// A sentence for people.
    public var message: String

    public init(code: String, message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "warning [\(code)]: \(message)" }
}
