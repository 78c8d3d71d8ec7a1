/// Something odd but recoverable found while reading a file.
public struct CodecWarning: Sendable, Hashable, Codable, CustomStringConvertible {
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
