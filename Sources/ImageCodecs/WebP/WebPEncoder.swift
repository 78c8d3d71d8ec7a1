import ImageCore

/// WebP encoding. (Placeholder: the codec lands with the foundation issue.)
public enum WebPEncoder {
    /// Encodes `image`.
    public static func encode(_ image: Image, options: WebPEncodeOptions, metadata: EncodeMetadata) throws -> [UInt8] {
        throw EncodeError(format: .webp, message: "WebP encoding is not built yet")
    }
}
