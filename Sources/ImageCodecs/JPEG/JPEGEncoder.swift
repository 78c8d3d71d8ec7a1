import ImageCore

/// JPEG encoding. (Placeholder: the codec lands with the foundation issue.)
public enum JPEGEncoder {
    /// Encodes `image`.
    public static func encode(_ image: Image, options: JPEGEncodeOptions, metadata: EncodeMetadata) throws -> [UInt8] {
        throw EncodeError(format: .jpeg, message: "JPEG encoding is not built yet")
    }
}
