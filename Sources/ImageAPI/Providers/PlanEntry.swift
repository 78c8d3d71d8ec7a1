/// One provider in a routing plan: its price for the task and whether (and why not) it would be tried.
public struct PlanEntry: Sendable, Equatable, Encodable {
    public var provider: String
    /// n × credits per image (the reservation), nil when the price is unknown.
    public var credits: Double?
    /// n × USD per image, nil when the price is unknown.
    public var usd: Double?
    public var creditsPerImage: Double?
    public var usdPerImage: Double?
    /// `healthy`, or the reason it is cooling or misconfigured.
    public var health: String
    /// Why it is not tried (cooling, misconfigured, no key, over `--max-cost`), nil when it is.
    public var skip: String?
    /// The API origin.
    public var baseURL: String?

    enum CodingKeys: String, CodingKey {
        case provider, credits, usd, creditsPerImage = "credits_per_image", usdPerImage = "usd_per_image", health, skip
        case baseURL = "base_url"
    }
}

/// The providers for one task: `order` in the order they would be tried, `skipped` with their reasons.
public struct RoutingPlan: Sendable, Equatable {
    public var model: String
    public var n: Int
    public var order: [PlanEntry]
    public var skipped: [PlanEntry]
}
