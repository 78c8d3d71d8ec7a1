public import ImageCore

/// What a file's header says, read without decoding the pixels.
public struct ImageInfo: Sendable, Hashable {
    /// The sniffed format.
    public var format: ImageFormat
    /// Stored width in pixels (before EXIF orientation).
    public var width: Int
    /// Stored height in pixels (before EXIF orientation).
    public var height: Int
    /// The layout the decoder produces: gray, grayAlpha, rgb, rgba or cmyk.
    public var layout: PixelLayout
    /// Bits per sample as stored in the file (1, 2, 4, 8 or 16).
    public var bitDepth: Int
    /// The file's colour model as stored: `gray`, `rgb`, `palette`, `ycbcr`, `cmyk`, `ycck`, ….
    public var colorModel: String
    /// Whether the file carries alpha (an alpha channel, PNG `tRNS` or a WebP alpha plane).
    public var hasAlpha: Bool
    /// Whether the file is progressive (JPEG) or interlaced (PNG Adam7).
    public var isProgressive: Bool
    /// EXIF orientation; `.up` when absent.
    public var orientation: Orientation
    /// The embedded ICC profile, if any (JPEG APP2 segments reassembled, PNG iCCP inflated, WebP ICCP).
    public var iccProfile: [UInt8]?
    /// The raw EXIF block (TIFF header onwards), if any.
    public var exif: [UInt8]?
    /// PNG `gAMA` as a float (for example 0.45455), if present.
    public var gamma: Double?
    /// PNG `sRGB` rendering intent (0–3), if present.
    public var srgbIntent: Int?
    /// Frames in the file: 1 for still images.
    public var frameCount: Int
    /// Encoded size in bytes.
    public var byteCount: Int
    /// Top-level images in a container that holds several (HEIF: the primary is the one decoded); 1 otherwise.
    public var imageCount: Int

    public init(
        format: ImageFormat, width: Int, height: Int, layout: PixelLayout, bitDepth: Int, colorModel: String,
        hasAlpha: Bool, isProgressive: Bool = false, orientation: Orientation = .up, iccProfile: [UInt8]? = nil,
        exif: [UInt8]? = nil, gamma: Double? = nil, srgbIntent: Int? = nil, frameCount: Int = 1, byteCount: Int,
        imageCount: Int = 1
    ) {
        self.format = format
        self.width = width
        self.height = height
        self.layout = layout
        self.bitDepth = bitDepth
        self.colorModel = colorModel
        self.hasAlpha = hasAlpha
        self.isProgressive = isProgressive
        self.orientation = orientation
        self.iccProfile = iccProfile
        self.exif = exif
        self.gamma = gamma
        self.srgbIntent = srgbIntent
        self.frameCount = frameCount
        self.byteCount = byteCount
        self.imageCount = imageCount
    }

    /// Channels the decoder produces.
    public var channels: Int { layout.channels }

    /// Stored size.
    public var size: Size { Size(width: width, height: height) }

    /// The size as viewers show it (EXIF orientation applied).
    public var uprightSize: Size { orientation.uprightSize(size) }

    /// Whether the file holds more than one frame.
    public var isAnimated: Bool { frameCount > 1 }

    /// The ICC profile's description tag (`desc`, v2 text or v4 `mluc`), if a profile is present and has one.
    public var iccDescription: String? { iccProfile.flatMap(ICCProfile.description(of:)) }
}
