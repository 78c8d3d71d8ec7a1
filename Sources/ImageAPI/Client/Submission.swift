/// What the user asks for: a prompt, optional reference images and mask, and request options.
public struct Submission: Sendable, Equatable {
    /// Default `gpt-4o-image`.
    public var model: String
    public var prompt: String
    /// Up to 5 reference images (files are uploaded, URLs passed through).
    public var images: [ImageSource]
    /// The PNG mask for a masked edit (needs exactly one reference image).
    public var mask: ImageSource?
    /// See `GenerationRequest.size`.
    public var size: String?
    /// 1, 2 or 4.
    public var n: Int?
    public var callbackURL: String?

    public init(model: String = "gpt-4o-image", prompt: String, images: [ImageSource] = [], mask: ImageSource? = nil,
                size: String? = nil, n: Int? = nil, callbackURL: String? = nil) {
        self.model = model
        self.prompt = prompt
        self.images = images
        self.mask = mask
        self.size = size
        self.n = n
        self.callbackURL = callbackURL
    }
}
