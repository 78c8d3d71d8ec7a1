import ImageCore

/// PNG encoding. (Placeholder: the codec lands with the foundation issue.)
public enum PNGEncoder {
    /// Encodes `image`.
    public static func encode(_ image: Image, options: PNGEncodeOptions, metadata: EncodeMetadata) throws -> [UInt8] {
        throw EncodeError(format: .png, message: "PNG encoding is not built yet")
    }
}
