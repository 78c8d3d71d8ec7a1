/// One endpoint that serves image tasks: an API origin, a file-service origin, the key (read from the
/// environment variable the config names, never from the file), the models it serves with their prices,
/// and an optional priority.
public struct Provider: Sendable {
    /// The provider's name as configured (`"a"`); the journal and the health table use it.
    public var name: String
    /// The client configuration (origins and key); nil when the key variable is unset or empty.
    public var configuration: APIConfiguration?
    /// The environment variable holding the key (`"A_KEY"`); nil for the unlisted default provider.
    public var apiKeyEnv: String?
    /// Model → price per image.
    public var models: [String: ModelPrice]
    /// Tie-breaker between equal prices: lower first. Default 0.
    public var priority: Int
    /// A digest of this provider's configuration entry and key (FNV-1a 64, hex); a provider marked
    /// misconfigured (401/403) is tried again once it changes. The key itself is never stored.
    public var configDigest: String
    /// Why it cannot be used at all ("A_KEY is not set"), or nil.
    public var problem: String?

    public init(name: String, configuration: APIConfiguration?, apiKeyEnv: String?, models: [String: ModelPrice],
                priority: Int = 0, configDigest: String, problem: String? = nil) {
        self.name = name
        self.configuration = configuration
        self.apiKeyEnv = apiKeyEnv
        self.models = models
        self.priority = priority
        self.configDigest = configDigest
        self.problem = problem
    }

    /// The price of one image of `model`, when the provider serves it.
    public func price(of model: String) -> ModelPrice? { models[model] }

    /// FNV-1a 64 of `text`, as 16 hex digits.
    static func digest(_ text: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}
