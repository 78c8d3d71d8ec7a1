import ImageCore

/// JPEG decoding. (Placeholder: the codec lands with the foundation issue.)
public enum JPEGDecoder {
    /// Reads the header.
    public static func info(_ bytes: [UInt8], limits: DecodeLimits) throws -> ImageInfo {
        throw HeaderError(format: .jpeg, message: "JPEG decoding is not built yet")
    }

    /// Decodes the pixels.
    public static func decode(_ bytes: [UInt8], options: DecodeOptions) throws -> DecodedImage {
        throw DecodeError(format: .jpeg, message: "JPEG decoding is not built yet")
    }
}
