/// What a batch run did, per bundle and in total (`imageprep submit --batch --json` prints it).
///
/// Every bundle of the batch has one `items` entry. `done + failed + open == total`; `skipped` counts the
/// done (or failed) bundles this run left alone because an earlier run had finished them.
public struct BatchSummary: Codable, Sendable, Equatable {
    /// One bundle's outcome.
    public struct Item: Codable, Sendable, Equatable {
        /// `BatchJob.key`, or `#<localID>` for a task `tasks wait --all` followed that no batch submitted.
        public var key: String
        public var source: String
        /// `done` (every result saved), `failed`, or `open` (its task may still finish: `imageprep tasks wait --all`).
        public var state: String
        /// Finished by an earlier run; nothing was sent for it now.
        public var skipped: Bool
        public var localID: Int64?
        public var taskID: String?
        public var savedPaths: [String]
        public var error: String?

        enum CodingKeys: String, CodingKey {
            case key, source, state, skipped, localID = "local_id", taskID = "task_id", savedPaths = "saved_paths", error
        }
    }

    /// Distinct bundles (a bundle given twice counts once, see `duplicates`).
    public var total = 0
    public var done = 0
    public var failed = 0
    public var open = 0
    public var skipped = 0
    /// Bundles given more than once (same key): followed once.
    public var duplicates = 0
    /// Creates answered with a task in this run (first sends and same-key resends).
    public var created = 0
    /// Creates resent with their recorded idempotency key (after an unknown outcome, a refusal, or a kill).
    public var reconciled = 0
    /// Polls sent.
    public var polls = 0
    /// Throttle answers (429 or `Retry-After`) the shared rate limiter saw, and the rate it ended at (requests/s).
    public var throttles = 0
    public var finalRate = 0.0
    /// Client-time seconds the run took.
    public var elapsedSeconds = 0.0
    public var items: [Item] = []

    enum CodingKeys: String, CodingKey {
        case total, done, failed, open, skipped, duplicates, created, reconciled, polls, throttles
        case finalRate = "final_rate", elapsedSeconds = "elapsed_seconds", items
    }

    /// Whether every bundle's results are saved.
    public var isComplete: Bool { failed == 0 && open == 0 }
}

/// A snapshot for a progress bar: bundles done, failed and still in flight, of `total`.
public struct BatchProgress: Sendable, Equatable {
    public var total: Int
    public var done: Int
    public var failed: Int
    /// Tasks created and not yet finished.
    public var running: Int

    public init(total: Int, done: Int, failed: Int, running: Int) {
        self.total = total
        self.done = done
        self.failed = failed
        self.running = running
    }
}
