public import ImageCore

/// Which format to encode to, with that format's options.
public enum EncodeFormat: Sendable, Hashable {
    case png(PNGEncodeOptions = .init())
    case jpeg(JPEGEncodeOptions = .init())
    case webp(WebPEncodeOptions = .init())

    /// The format without options.
    public var format: ImageFormat {
        switch self {
        case .png: .png
        case .jpeg: .jpeg
        case .webp: .webp
        }
    }

    /// `format` with its default options and, for JPEG and WebP, `quality` 1–100 (nil: the format's
    /// `defaultQuality`, JPEG 85 and WebP 80). PNG is lossless and ignores `quality`.
    public init(_ format: ImageFormat, quality: Int? = nil) {
        switch format {
        case .png: self = .png()
        case .jpeg: self = .jpeg(JPEGEncodeOptions(quality: quality ?? JPEGEncodeOptions.defaultQuality))
        case .webp: self = .webp(WebPEncodeOptions(quality: Float(quality ?? WebPEncodeOptions.defaultQuality)))
        }
    }
}

/// PNG row filters.
public enum PNGFilter: String, Sendable, Hashable, Codable, CaseIterable {
    case none, sub, up, average, paeth
    /// libpng's per-row heuristic over all five filters.
    case adaptive
}

/// PNG encoding options.
public struct PNGEncodeOptions: Sendable, Hashable {
    /// Deflate level 0–12 (clamped; libdeflate's levels: 0 stores, 1–9 as zlib's, 10–12 its slow optimal
    /// parsing). Default 6.
    public var compressionLevel: Int
    /// Row filter. Default `.adaptive`.
    public var filter: PNGFilter
    /// Write the smallest lossless colour type the pixels allow (gray, gray+alpha, RGB, RGBA, and 8 bits
    /// when 16-bit samples are all multiples of 257). Default true.
    public var reduceColorType: Bool

    public init(compressionLevel: Int = 6, filter: PNGFilter = .adaptive, reduceColorType: Bool = true) {
        self.compressionLevel = min(max(compressionLevel, 0), 12)
        self.filter = filter
        self.reduceColorType = reduceColorType
    }
}

/// Chroma subsampling for JPEG.
public enum ChromaSubsampling: String, Sendable, Hashable, Codable, CaseIterable {
    /// Half resolution chroma both ways (smaller files; the usual choice for photos).
    case s420 = "4:2:0"
    /// Full resolution chroma (sharper colour edges, larger files).
    case s444 = "4:4:4"
}

/// JPEG encoding options. Images with alpha are flattened onto `background` first.
public struct JPEGEncodeOptions: Sendable, Hashable {
    /// Quality 1–100 (clamped). Default 85.
    public var quality: Int
    /// Default `.s420`.
    public var subsampling: ChromaSubsampling
    /// Progressive scans. Default false.
    public var progressive: Bool
    /// Optimized Huffman tables (smaller, slightly slower). Default true.
    public var optimizeHuffman: Bool
    /// Colour under transparent pixels. Default white.
    public var background: Color

    /// The quality used when none is given: 85.
    public static let defaultQuality = 85

    public init(quality: Int = defaultQuality, subsampling: ChromaSubsampling = .s420, progressive: Bool = false,
                optimizeHuffman: Bool = true, background: Color = .white) {
        self.quality = min(max(quality, 1), 100)
        self.subsampling = subsampling
        self.progressive = progressive
        self.optimizeHuffman = optimizeHuffman
        self.background = background
    }
}

/// WebP encoding options.
public struct WebPEncodeOptions: Sendable, Hashable {
    /// Lossy quality 0–100 (clamped); in lossless mode, the compression effort. Default 80.
    public var quality: Float
    /// Lossless mode. Default false.
    public var lossless: Bool
    /// Alpha plane quality 0–100 (clamped). Default 100.
    public var alphaQuality: Int
    /// Speed/size trade-off 0 (fast) – 6 (small), clamped. Default 4.
    public var method: Int

    /// The lossy quality used when none is given: 80.
    public static let defaultQuality = 80

    public init(quality: Float = Float(defaultQuality), lossless: Bool = false, alphaQuality: Int = 100, method: Int = 4) {
        self.quality = min(max(quality, 0), 100)
        self.lossless = lossless
        self.alphaQuality = min(max(alphaQuality, 0), 100)
        self.method = min(max(method, 0), 6)
    }
}

/// Metadata to write. Nothing is copied from the source unless asked.
public struct EncodeMetadata: Sendable, Hashable {
    /// An ICC profile to embed.
    public var iccProfile: [UInt8]?
    /// A raw EXIF block to embed (TIFF header onwards).
    public var exif: [UInt8]?
    /// Mark the image as sRGB (PNG `sRGB` chunk, perceptual intent). Ignored when `iccProfile` is set.
    public var srgb: Bool

    public init(iccProfile: [UInt8]? = nil, exif: [UInt8]? = nil, srgb: Bool = false) {
        self.iccProfile = iccProfile
        self.exif = exif
        self.srgb = srgb
    }

    /// No metadata.
    public static let none = EncodeMetadata()
}
