/// When and how long to wait before repeating a request that failed transiently.
///
/// Retried: network errors (for a create only when the request certainly was not delivered) and HTTP
/// 429, 500, 502 and 503. The n-th retry waits `baseDelay × 2^(n-1)` capped at `maxDelay`, with ±`jitter`
/// spread; a server-requested wait (`Retry-After`, "retry after N seconds") is honoured instead when present,
/// never shortened, up to `maxServerDelay`.
public struct RetryPolicy: Sendable {
    /// Attempts in all, the first included. Default 4. 1 disables retries.
    public var maxAttempts: Int
    /// The first backoff. Default 1 s.
    public var baseDelay: Duration
    /// The largest backoff. Default 30 s.
    public var maxDelay: Duration
    /// Relative spread of the backoff, 0–1. Default 0.25 (±25 %).
    public var jitter: Double
    /// The longest server-requested wait honoured; longer requests end the retries. Default 120 s.
    public var maxServerDelay: Duration

    public init(maxAttempts: Int = 4, baseDelay: Duration = .seconds(1), maxDelay: Duration = .seconds(30),
                jitter: Double = 0.25, maxServerDelay: Duration = .seconds(120)) {
        self.maxAttempts = max(1, maxAttempts)
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
        self.jitter = min(1, max(0, jitter))
        self.maxServerDelay = maxServerDelay
    }

    /// No retries.
    public static var none: RetryPolicy { RetryPolicy(maxAttempts: 1) }

    /// The HTTP statuses worth retrying.
    public static let retryableStatuses: Set<Int> = [429, 500, 502, 503]

    /// The wait before retry number `retry` (1-based), or nil when no retry is left or the server asks for
    /// more than `maxServerDelay`. `random` is a uniform value in 0..<1.
    public func delay(beforeRetry retry: Int, serverDelay: Duration?, random: Double) -> Duration? {
        guard retry < maxAttempts else { return nil }
        if let serverDelay {
            guard serverDelay <= maxServerDelay else { return nil }
            // Honoured as a minimum; a little extra spread keeps many clients from returning at once.
            return serverDelay + .secondsValue(serverDelay.secondsValue * 0.1 * random)
        }
        let exponential = baseDelay.secondsValue * Double(1 << min(retry - 1, 20))
        let capped = min(exponential, maxDelay.secondsValue)
        return .secondsValue(capped * (1 - jitter + 2 * jitter * random))
    }
}
