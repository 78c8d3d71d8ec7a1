/// The body of `POST /v1/images/generations`.
public struct GenerationRequest: Sendable, Equatable, Codable {
    /// Default `gpt-4o-image`.
    public var model: String
    /// The prompt or edit instruction (the client limits it to 1000 characters for gpt-4o-image).
    public var prompt: String
    /// `1:1`, `2:3`, `3:2`, `1024x1024`, `1024x1536` or `1536x1024`; nil lets the server choose.
    public var size: String?
    /// 1, 2 or 4; nil means 1.
    public var n: Int?
    /// Up to 5 reference image URLs.
    public var imageURLs: [String]?
    /// The PNG mask URL (with exactly one reference image).
    public var maskURL: String?
    /// An HTTPS URL on a public host, ≤ 2048 characters.
    public var callbackURL: String?

    public init(model: String = "gpt-4o-image", prompt: String, size: String? = nil, n: Int? = nil,
                imageURLs: [String]? = nil, maskURL: String? = nil, callbackURL: String? = nil) {
        self.model = model
        self.prompt = prompt
        self.size = size
        self.n = n
        self.imageURLs = imageURLs
        self.maskURL = maskURL
        self.callbackURL = callbackURL
    }

    enum CodingKeys: String, CodingKey {
        case model, prompt, size, n
        case imageURLs = "image_urls", maskURL = "mask_url", callbackURL = "callback_url"
    }
}
