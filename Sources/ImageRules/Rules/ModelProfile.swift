import ImageCodecs

/// What one model accepts, as data: the table `BundleRules` checks a bundle against.
///
/// Built-in profiles live in `BuiltInProfiles` as JSON text, decoded with the same schema users write for
/// `imageprep check --rules FILE` (snake_case keys; schema and the reasoning behind every limit in
/// `docs/RULES.md`). A section that is nil is not checked (unknown for that model).
public struct ModelProfile: Sendable, Hashable, Codable {
    /// The model name as the API spells it (`gpt-4o-image`).
    public var model: String
    /// Where the limits come from and which reading was chosen where sources disagree.
    public var notes: String?
    /// Reference images (`image_urls`).
    public var images: Images
    /// The edit mask (`mask_url`); nil when the model takes no mask (a mask is then an error).
    public var mask: Mask?
    /// The prompt.
    public var prompt: Prompt
    /// Allowed values of `n`; nil when unknown (not checked).
    public var n: [Int]?
    /// Allowed values of `size`; nil when unknown (a given size is then a warning, `size.unverified`).
    public var size: Sizes?
    /// The callback URL.
    public var callback: Callback

    public init(model: String, notes: String? = nil, images: Images, mask: Mask?, prompt: Prompt, n: [Int]?,
                size: Sizes?, callback: Callback) {
        self.model = model
        self.notes = notes
        self.images = images
        self.mask = mask
        self.prompt = prompt
        self.n = n
        self.size = size
        self.callback = callback
    }
}
