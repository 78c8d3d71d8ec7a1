/// What one provider charges for one image of one model: reserved per requested image (`n`) at create,
/// charged per produced image at the end.
public struct ModelPrice: Sendable, Equatable, Codable {
    /// Credits per image (the provider's own unit).
    public var creditsPerImage: Double
    /// US dollars per image; what routing compares across providers.
    public var usdPerImage: Double

    public init(creditsPerImage: Double, usdPerImage: Double) {
        self.creditsPerImage = creditsPerImage
        self.usdPerImage = usdPerImage
    }

    /// The product page's price of `gpt-4o-image` (API-CONTRACT §2): 1.5 credits, $0.0208 per image. Used
    /// for the single provider of a configuration without a `providers` list.
    public static let gpt4oImage = ModelPrice(creditsPerImage: 1.5, usdPerImage: 0.0208)

    enum CodingKeys: String, CodingKey {
        case creditsPerImage = "credits_per_image", usdPerImage = "usd_per_image"
    }
}
