/// Safety limits checked right after a file's header is read, before any pixel memory is allocated.
///
/// The defaults follow sharp's `limitInputPixels` (0x3FFF² = 268,402,689 pixels). Treat every file as
/// hostile: tighten these for servers and CI that read untrusted uploads.
public struct DecodeLimits: Sendable, Hashable, Codable {
    /// Largest width × height accepted. Default 268,402,689.
    public var maxPixels: Int
    /// Largest width in pixels. Default 65,535.
    public var maxWidth: Int
    /// Largest height in pixels. Default 65,535.
    public var maxHeight: Int
    /// Largest encoded input in bytes. Default 256 MiB.
    public var maxInputBytes: Int
    /// Largest metadata block (ICC profile, EXIF, any ancillary chunk) in bytes. Default 16 MiB.
    public var maxMetadataBytes: Int

    public init(
        maxPixels: Int = 268_402_689, maxWidth: Int = 65_535, maxHeight: Int = 65_535,
        maxInputBytes: Int = 256 << 20, maxMetadataBytes: Int = 16 << 20
    ) {
        self.maxPixels = maxPixels
        self.maxWidth = maxWidth
        self.maxHeight = maxHeight
        self.maxInputBytes = maxInputBytes
        self.maxMetadataBytes = maxMetadataBytes
    }

    /// The default limits.
    public static let `default` = DecodeLimits()

    /// Throws a `LimitError` when a header's dimensions exceed the limits.
    ///
    /// - Throws: `LimitError`.
    public func check(width: Int, height: Int, format: ImageFormat?, file: String?) throws(LimitError) {
        if width > maxWidth {
            throw LimitError(format: format, file: file, message: "width \(width) exceeds the limit of \(maxWidth) pixels")
        }
        if height > maxHeight {
            throw LimitError(format: format, file: file, message: "height \(height) exceeds the limit of \(maxHeight) pixels")
        }
        let (pixels, overflow) = width.multipliedReportingOverflow(by: height)
        if overflow || pixels > maxPixels {
            throw LimitError(format: format, file: file,
                             message: "\(width)x\(height) exceeds the limit of \(maxPixels) pixels")
        }
    }

    /// Throws a `LimitError` when the encoded input is larger than `maxInputBytes`.
    ///
    /// - Throws: `LimitError`.
    public func check(inputBytes: Int, format: ImageFormat?, file: String?) throws(LimitError) {
        if inputBytes > maxInputBytes {
            throw LimitError(format: format, file: file,
                             message: "input of \(inputBytes) bytes exceeds the limit of \(maxInputBytes) bytes")
        }
    }
}
