/// One delivery attempt of a task callback, as recorded by the sandbox.
public struct CallbackAttempt: Sendable, Hashable {
    /// The task whose callback this was.
    public var taskID: String
    /// 0 for the first attempt, 1…3 for the retries.
    public var attempt: Int
    /// The configured delay waited before this attempt (zero for the first).
    public var delay: Duration
    /// The receiver's HTTP status, or nil when no response arrived (refused, timed out).
    public var status: Int?
    /// Whether the attempt counts as delivered (a 2xx status).
    public var delivered: Bool { status.map { (200..<300).contains($0) } ?? false }
}
