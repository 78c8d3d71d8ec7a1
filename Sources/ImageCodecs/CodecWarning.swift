public import ImageCore

/// A warning from a codec: the shared `ImageWarning` of ImageCore (codes such as `truncated`,
/// `corrupt-data`, `animated`, `extension-mismatch`, `library`).
public typealias CodecWarning = ImageWarning

extension ImageWarning {
    /// Whether the warning reports damage to the file's data (`truncated`, `corrupt-data`, `extraneous-data`,
    /// or a decoding library's own warning), as opposed to a fact about a sound file (`animated`,
    /// `metadata-too-large`, `extension-mismatch`). `DecodeStrictness.strict` refuses damage.
    public var isDamage: Bool { Self.damageCodes.contains(code) }

    static let damageCodes: Set<String> = ["truncated", "corrupt-data", "extraneous-data", "library"]
}
