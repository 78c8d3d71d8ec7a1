/// How a batch is submitted.
public struct BatchOptions: Sendable {
    /// Bundles uploaded and created at once (K); also the most polls and downloads in flight. Default 4.
    public var concurrency: Int
    /// Where results are saved, as `DIR/<task-id>-<i>.<ext>`; nil: the folder each task record names (its
    /// submit's), else ".". Default ".".
    public var outputDir: String?
    /// Tries of one bundle's upload + create when they fail transiently (network, 429 or 5xx after the
    /// client's own retries, an unknown outcome reconciled with the same idempotency key). Default 8.
    public var submitAttempts: Int
    /// The shared, adaptive request rate.
    public var rate: AdaptiveRateLimiter.Options

    public init(concurrency: Int = 4, outputDir: String? = ".", submitAttempts: Int = 8,
                rate: AdaptiveRateLimiter.Options = AdaptiveRateLimiter.Options()) {
        self.concurrency = max(1, concurrency)
        self.outputDir = outputDir
        self.submitAttempts = max(1, submitAttempts)
        self.rate = rate
    }
}
