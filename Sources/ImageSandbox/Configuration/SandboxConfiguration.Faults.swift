extension SandboxConfiguration {
    /// Injected faults. Every random decision is a pure function of `seed`, the kind of fault and the
    /// request's sequence number (API and file-service requests are numbered 0, 1, 2… in arrival order),
    /// so the same seed and the same sequence of requests give the same faults.
    ///
    /// Faults apply to `/v1/…` and `/api/v1/…` requests only; serving of `/files/…` and `/results/…` is exempt.
    public struct Faults: Sendable, Hashable {
        /// Seed for every fault decision. Default 0.
        public var seed: UInt64
        /// Fraction 0…1 of requests answered with a 500, 502 or 503 before they are handled (no side effect).
        /// Default 0.
        public var failRate: Double
        /// Requests per second (sandbox clock, fixed one-second windows) before 429 with `Retry-After`;
        /// nil = unlimited. Default nil.
        public var rateLimit: Int?
        /// Extra real delay before each response, in seconds: a uniform pick from this range. Default 0…0.
        public var latency: ClosedRange<Double>
        /// Fraction 0…1 of requests whose response is cut off: the request IS handled (a create makes its
        /// task), then the connection closes after part of the body. Default 0.
        public var dropRate: Double
        /// When set, tasks fail with this `error.code` (e.g. "generation_timeout") instead of completing.
        /// Default nil.
        public var taskFailureCode: String?
        /// Fraction 0…1 of tasks that fail with `taskFailureCode` (when it is set). Default 1.
        public var taskFailureRate: Double

        /// When set, every failure `failRate` injects answers with this status (500, 502 or 503) instead of
        /// a seeded pick among the three. Default nil.
        public var failStatus: Int? = nil
        /// When set, bursts of 429 (with `Retry-After: 1`): requests whose sequence number modulo `period`
        /// is below `length` are refused before they are handled (no side effect). Default nil.
        public var throttleBursts: ThrottleBursts? = nil

        /// Deterministic 429 bursts by request sequence number.
        public struct ThrottleBursts: Sendable, Hashable {
            /// Requests per cycle (≥ 1).
            public var period: Int
            /// Requests refused at the start of each cycle (0…period).
            public var length: Int

            public init(period: Int, length: Int) {
                self.period = max(1, period)
                self.length = min(max(0, length), self.period)
            }
        }

        public init(seed: UInt64 = 0, failRate: Double = 0, rateLimit: Int? = nil, latency: ClosedRange<Double> = 0...0,
                    dropRate: Double = 0, taskFailureCode: String? = nil, taskFailureRate: Double = 1) {
            self.seed = seed
            self.failRate = min(max(failRate, 0), 1)
            self.rateLimit = rateLimit
            self.latency = max(0, latency.lowerBound)...max(0, latency.upperBound)
            self.dropRate = min(max(dropRate, 0), 1)
            self.taskFailureCode = taskFailureCode
            self.taskFailureRate = min(max(taskFailureRate, 0), 1)
        }
    }
}
