extension SandboxConfiguration {
    /// Faults that make one sandbox behave like a failing provider among several (issue 14).
    public struct ProviderFaults: Sendable, Hashable {
        /// When set, every create (`POST /v1/images/generations`) is answered with this HTTP status and the
        /// documented error body, before anything else happens (no task, no charge). Default nil.
        public var failCreates: Int?
        /// Creates that make a NEW task have their response cut off mid-body (the task exists and is
        /// charged); a replay of the same `Idempotency-Key` is answered normally. Default false.
        public var acceptThenDrop: Bool

        public init(failCreates: Int? = nil, acceptThenDrop: Bool = false) {
            self.failCreates = failCreates
            self.acceptThenDrop = acceptThenDrop
        }
    }
}
