import ImageCore

/// WebP decoding. (Placeholder: the codec lands with the foundation issue.)
public enum WebPDecoder {
    /// Reads the header.
    public static func info(_ bytes: [UInt8], limits: DecodeLimits) throws -> ImageInfo {
        throw HeaderError(format: .webp, message: "WebP decoding is not built yet")
    }

    /// Decodes the pixels.
    public static func decode(_ bytes: [UInt8], options: DecodeOptions) throws -> DecodedImage {
        throw DecodeError(format: .webp, message: "WebP decoding is not built yet")
    }
}
