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

    /// Whether the warning reports damage to the file's data (`truncated`, `corrupt-data`, `extraneous-data`,
    /// or a decoding library's own warning), as opposed to a fact about a sound file (`animated`,
    /// `metadata-too-large`, `extension-mismatch`). `DecodeStrictness.strict` refuses damage.
    public var isDamage: Bool { Self.damageCodes.contains(code) }

    static let damageCodes: Set<String> = ["truncated", "corrupt-data", "extraneous-data", "library"]
}
