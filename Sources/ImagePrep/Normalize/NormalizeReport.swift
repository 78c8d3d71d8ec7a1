public import ImageCodecs
public import ImageCore

/// What `Normalizer` did to one image, for people (`--json`) and for code.
public struct NormalizeReport: Sendable, Codable, Hashable {
    /// The input's name (path), when given.
    public var input: String?
    /// The output path, when written by the CLI.
    public var output: String?
    /// Output format.
    public var format: ImageFormat
    /// Output size as "WIDTHxHEIGHT" (the API's notation), and in pixels.
    public var size: String
    public var width: Int
    public var height: Int
    /// Encoded size in bytes.
    public var bytes: Int
    /// The byte cap that applied.
    public var maxBytes: Int
    /// JPEG/WebP quality chosen (nil for PNG).
    public var quality: Int?
    /// zlib level used (PNG only).
    public var compressionLevel: Int?
    /// Encodes run to meet the cap.
    public var encodes: Int
    /// Input format, stored size and EXIF orientation (1–8).
    public var inputFormat: ImageFormat
    public var inputWidth: Int
    public var inputHeight: Int
    public var orientation: Int
    /// Shrink-on-load denominator used by the decoder (1 = none).
    public var shrinkOnLoad: Int
    /// Cover or contain.
    public var fit: FitMode
    /// The colour conversion applied ("Display P3 → sRGB"), nil when the input was already sRGB or untagged.
    public var colorConversion: String?
    /// The map from the upright original (full size, EXIF orientation applied) to the output.
    public var transform: AffineTransform
    /// Warnings (upscaled, format changed, CMYK without profile, decoder warnings, …).
    public var warnings: [CodecWarning]
}
