public import Foundation
public import GRDB

/// What the history remembers of one provider across processes: cooled down until a time, or
/// misconfigured (401/403) until its configuration digest changes.
public struct ProviderHealth: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "provider_health"

    /// The state names.
    public static let healthy = "healthy", cooling = "cooling", misconfigured = "misconfigured"

    public var provider: String
    /// `healthy`, `cooling` or `misconfigured`.
    public var state: String
    /// End of the cooldown (for `cooling`).
    public var until: Date?
    /// Consecutive failures that cooled it (the exponent of the next cooldown).
    public var failures: Int
    /// Why (status or transport failure, server message without the key).
    public var reason: String?
    /// `Provider.configDigest` when it was marked misconfigured.
    public var configDigest: String?
    public var updatedAt: Date

    public init(provider: String, state: String = Self.healthy, until: Date? = nil, failures: Int = 0,
                reason: String? = nil, configDigest: String? = nil, updatedAt: Date = Date()) {
        self.provider = provider
        self.state = state
        self.until = until
        self.failures = failures
        self.reason = reason
        self.configDigest = configDigest
        self.updatedAt = updatedAt
    }

    enum CodingKeys: String, CodingKey, ColumnExpression {
        case provider, state, until, failures, reason, configDigest = "config_digest", updatedAt = "updated_at"
    }

    /// Whether `provider` (with its current digest) may be tried at `now`.
    public func isUsable(now: Date, digest: String) -> Bool {
        switch state {
        case Self.cooling: return (until ?? .distantPast) <= now
        case Self.misconfigured: return configDigest != digest
        default: return true
        }
    }

    /// "cooling until …", "misconfigured (…)", or "healthy", as seen at `now` with the current digest.
    public func summary(now: Date, digest: String) -> String {
        guard !isUsable(now: now, digest: digest) else { return Self.healthy }
        if state == Self.misconfigured { return "misconfigured: \(reason ?? "401/403") (until the config changes)" }
        let seconds = Int(((until ?? now).timeIntervalSince(now)).rounded(.up))
        return "cooling \(seconds) s: \(reason ?? "failed")"
    }
}

/// How long a failing provider is left alone.
public struct ProviderHealthPolicy: Sendable {
    /// The first cooldown. Default 30 s.
    public var baseCooldown: Duration
    /// The longest cooldown after repeated failures (a server's Retry-After may ask for more). Default 15 min.
    public var maxCooldown: Duration
    /// The cooldown after 402 / insufficient credits. Default 6 h.
    public var quotaCooldown: Duration

    public init(baseCooldown: Duration = .seconds(30), maxCooldown: Duration = .seconds(900),
                quotaCooldown: Duration = .seconds(6 * 3600)) {
        self.baseCooldown = baseCooldown
        self.maxCooldown = maxCooldown
        self.quotaCooldown = quotaCooldown
    }

    /// The cooldown after the `failures`-th consecutive failure (1-based): base × 2^(failures-1), capped,
    /// and never shorter than `retryAfter`.
    public func cooldown(failures: Int, retryAfter: Duration?) -> Duration {
        let exponential = baseCooldown.secondsValue * Double(1 << min(max(failures - 1, 0), 20))
        let capped = min(exponential, maxCooldown.secondsValue)
        return .secondsValue(max(capped, retryAfter?.secondsValue ?? 0))
    }
}
