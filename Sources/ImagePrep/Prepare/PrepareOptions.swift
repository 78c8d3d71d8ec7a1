public import ImageMasks
public import ImageRules

/// How `Preparer` turns a photo and shapes into an edit bundle.
public struct PrepareOptions: Sendable {
    /// Normalization of the base. The format is always PNG (the API wants base and mask as PNG of the same
    /// size for masked edits); the other fields apply as given. Default: `NormalizeOptions()` (auto size,
    /// cover, centre, 10 MB cap).
    public var normalize: NormalizeOptions
    /// Mask rendering (polarity, grow, shrink, feather, …). `originalToBase` and `originalSize` are filled in
    /// by `prepare` from the normalization. Default: transparent polarity, no operations.
    public var mask: Mask.RenderOptions
    /// Write `preview.png` (the base with the edit region tinted and outlined). Default true.
    public var writePreview: Bool
    /// The model written into `bundle.json`. Default `gpt-4o-image`.
    public var model: String
    /// The prompt written into `bundle.json`, if any.
    public var prompt: String?
    /// `n` written into `bundle.json`, if any.
    public var n: Int?

    public init(normalize: NormalizeOptions = .init(), mask: Mask.RenderOptions = .init(), writePreview: Bool = true,
                model: String = BundleManifest.defaultModel, prompt: String? = nil, n: Int? = nil) {
        self.normalize = normalize
        self.mask = mask
        self.writePreview = writePreview
        self.model = model
        self.prompt = prompt
        self.n = n
    }
}
