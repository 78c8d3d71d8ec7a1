public import ImageCore

/// A decoder's result: the pixels, the header facts and any warnings.
public struct DecodedImage: Sendable {
    /// The pixels, as stored (EXIF orientation not applied), possibly shrunk on load.
    public var image: Image
    /// The header facts (dimensions are the file's full stored size).
    public var info: ImageInfo
    /// Recoverable problems met while decoding.
    public var warnings: [CodecWarning]
    /// The shrink-on-load denominator actually applied (1 when none).
    public var shrink: Int

    public init(image: Image, info: ImageInfo, warnings: [CodecWarning] = [], shrink: Int = 1) {
        self.image = image
        self.info = info
        self.warnings = warnings
        self.shrink = shrink
    }
}
