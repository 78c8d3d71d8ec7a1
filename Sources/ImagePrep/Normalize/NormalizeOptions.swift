public import ImageCodecs
public import ImageCore

/// Everything `Normalizer` needs to know. Every field has a default; `NormalizeOptions()` gives an
/// API-ready image: auto size, cover from the centre, auto format, best quality under 10 MB.
public struct NormalizeOptions: Sendable, Hashable {
    /// Output size. Default `.auto` (the API size nearest the upright source's aspect ratio).
    public var size: TargetSize
    /// Cover (crop) or contain (pad). Default `.cover`.
    public var fit: FitMode
    /// Where the crop window (cover) or the image (contain) sits. Default `.centre`.
    public var gravity: Gravity
    /// Pad colour for contain, and the colour alpha is flattened onto for JPEG output. `.transparent` pads with
    /// transparency (and JPEG output then flattens onto white). Default white.
    public var background: Color
    /// Output format. Default `.auto` (PNG when the output uses alpha, else JPEG).
    public var format: OutputFormat
    /// Fixed JPEG/WebP quality 1–100 instead of searching; the byte cap still wins (a lower quality is used
    /// when this one does not fit). Default nil (search).
    public var quality: Int?
    /// The highest quality the search will use, 1–100. Default 95 (above it JPEG files grow fast for no
    /// visible gain).
    public var qualityCeiling: Int
    /// Largest output in bytes. Default 10,000,000 (the API's "10 MB" read as decimal megabytes, which is the
    /// safe reading: 10 MiB would be 10,485,760).
    public var maxBytes: Int
    /// When a PNG cannot fit under `maxBytes` even at the strongest compression, switch to JPEG (or WebP when
    /// alpha is used) instead of failing. Default false.
    public var allowFormatChange: Bool
    /// Resampling kernel. Default `.lanczos3`.
    public var kernel: Resampler.Kernel
    /// Decode JPEG/WebP at 1/2, 1/4 or 1/8 scale when that still leaves at least `shrinkHeadroom` times the
    /// resized size on both axes. Default true.
    public var shrinkOnLoad: Bool
    /// See `shrinkOnLoad`. Default 2.0, libvips's choice: the final Lanczos3 pass always reduces by at least 2×.
    /// A 1/2 JPEG decode averages 2×2 blocks, whose aliasing no final pass removes, so 1.9 would decode a 3.9×
    /// reduction (6000×4000 → 1536×1024) at 1/2 for SSIM-Y 0.9707 instead of 0.9710, in about 0.9× the time
    /// (BENCHMARKS.md, "W2's SSIM").
    public var shrinkHeadroom: Double
    /// Decoder safety limits. Default `.default`.
    public var limits: DecodeLimits
    /// How much damage a decode tolerates. Default `.standard`: recoverable damage gives a warning, a truncated
    /// file an error; `.lenient` accepts truncated files with a warning, `.strict` refuses any damage.
    public var strictness: DecodeStrictness
    /// Most threads one image may use for resampling and colour conversion; nil = all processors. Set 1 when
    /// running several images at once. Default nil.
    public var threadsPerImage: Int?

    public init(
        size: TargetSize = .auto, fit: FitMode = .cover, gravity: Gravity = .centre, background: Color = .white,
        format: OutputFormat = .auto, quality: Int? = nil, qualityCeiling: Int = 95, maxBytes: Int = 10_000_000,
        allowFormatChange: Bool = false, kernel: Resampler.Kernel = .lanczos3, shrinkOnLoad: Bool = true,
        shrinkHeadroom: Double = 2.0, limits: DecodeLimits = .default, strictness: DecodeStrictness = .standard,
        threadsPerImage: Int? = nil
    ) {
        self.size = size
        self.fit = fit
        self.gravity = gravity
        self.background = background
        self.format = format
        self.quality = quality.map { min(max($0, 1), 100) }
        self.qualityCeiling = min(max(qualityCeiling, 1), 100)
        self.maxBytes = max(1, maxBytes)
        self.allowFormatChange = allowFormatChange
        self.kernel = kernel
        self.shrinkOnLoad = shrinkOnLoad
        self.shrinkHeadroom = max(1, shrinkHeadroom)
        self.limits = limits
        self.strictness = strictness
        self.threadsPerImage = threadsPerImage
    }
}
