/// How a task is polled until it ends. Defaults follow the vendor's guidance for images: first poll after
/// 3 s, then every 3–5 s (uniform jitter), give up after 5 minutes.
public struct PollingOptions: Sendable {
    /// Wait before the first poll. Default 3 s.
    public var firstDelay: Duration
    /// Shortest wait between polls. Default 3 s.
    public var minInterval: Duration
    /// Longest wait between polls. Default 5 s.
    public var maxInterval: Duration
    /// Overall limit from the start of polling. Default 300 s.
    public var timeout: Duration

    public init(firstDelay: Duration = .seconds(3), minInterval: Duration = .seconds(3),
                maxInterval: Duration = .seconds(5), timeout: Duration = .seconds(300)) {
        self.firstDelay = firstDelay
        self.minInterval = minInterval
        self.maxInterval = max(minInterval, maxInterval)
        self.timeout = timeout
    }
}
