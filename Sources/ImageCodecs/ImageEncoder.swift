public import ImageCore

/// Encodes an `Image` into bytes.
public enum ImageEncoder {
    /// Encodes `image` as `format`; `metadata` is written only when given.
    ///
    /// - Throws: `EncodeError` carrying the C library's message.
    public static func encode(_ image: Image, as format: EncodeFormat, metadata: EncodeMetadata = .none) throws(EncodeError) -> [UInt8] {
        switch format {
        case .png(let options): try PNGEncoder.encode(image, options: options, metadata: metadata)
        case .jpeg(let options): try JPEGEncoder.encode(image, options: options, metadata: metadata)
        case .webp(let options): try WebPEncoder.encode(image, options: options, metadata: metadata)
        }
    }
}
