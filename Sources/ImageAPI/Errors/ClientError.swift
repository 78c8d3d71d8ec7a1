public import ImageCore
public import ImageRules

/// A failure of the client's own workflow: configuration, checks before sending, unknown outcomes,
/// failed or timed-out tasks, downloads, the task history.
public struct ClientError: ImagePrepError, Equatable {
    /// The class of error; a struct wrapping a private enum so that kinds can be added without breaking `switch`es.
    public struct Kind: Hashable, Sendable, CustomStringConvertible {
        private enum Base: String, Hashable, Sendable {
            case configuration
            case invalidInput = "invalid input"
            case rulesFailed = "rules failed"
            case unknownOutcome = "unknown outcome"
            case invalidResponse = "invalid response"
            case taskFailed = "task failed"
            case pollTimeout = "poll timeout"
            case downloadFailed = "download failed"
            case history
            case notFound = "not found"
            case insufficientBalance = "insufficient balance"
            case costLimit = "cost limit"
            case noProvider = "no provider"
        }
        private let base: Base

        /// No key, an unsafe config file, a malformed setting.
        public static var configuration: Self { .init(base: .configuration) }
        /// A bad argument: callback URL, prompt, n, size, image count, unreadable file.
        public static var invalidInput: Self { .init(base: .invalidInput) }
        /// The bundle rules rejected the inputs; nothing was sent. `issues` lists every failure.
        public static var rulesFailed: Self { .init(base: .rulesFailed) }
        /// A create request may or may not have reached the server; it was not resent. `localID` names the
        /// history row; `imageprep tasks wait <localID>` reconciles it with the same idempotency key.
        public static var unknownOutcome: Self { .init(base: .unknownOutcome) }
        /// The server's answer could not be decoded.
        public static var invalidResponse: Self { .init(base: .invalidResponse) }
        /// The task ended `failed` or `cancelled`; `code` is the task error code.
        public static var taskFailed: Self { .init(base: .taskFailed) }
        /// The task did not finish within the polling timeout; it may still finish (`tasks wait`).
        public static var pollTimeout: Self { .init(base: .pollTimeout) }
        /// One or more results could not be downloaded or were not valid images.
        public static var downloadFailed: Self { .init(base: .downloadFailed) }
        /// The task history could not be read or written.
        public static var history: Self { .init(base: .history) }
        /// No such task in the history.
        public static var notFound: Self { .init(base: .notFound) }

        /// No provider has the balance the task would reserve; nothing was uploaded.
        public static var insufficientBalance: Self { .init(base: .insufficientBalance) }
        /// The reservation would exceed `--max-cost`; nothing was sent.
        public static var costLimit: Self { .init(base: .costLimit) }
        /// No configured provider serves the model, has a key, or is left to try.
        public static var noProvider: Self { .init(base: .noProvider) }

        public var description: String { base.rawValue }
    }

    public var kind: Kind
    public var message: String
    public var details: String?
    public var file: String?
    /// The API task id, when known.
    public var taskID: String?
    /// The history row, when known.
    public var localID: Int64?
    /// The task error code (`content_policy_violation`, …) for `.taskFailed`.
    public var code: String?
    /// Every rule failure, for `.rulesFailed`.
    public var issues: [RuleIssue]

    public init(_ kind: Kind, message: String, details: String? = nil, file: String? = nil, taskID: String? = nil,
                localID: Int64? = nil, code: String? = nil, issues: [RuleIssue] = []) {
        self.kind = kind
        self.message = message
        self.details = details
        self.file = file
        self.taskID = taskID
        self.localID = localID
        self.code = code
        self.issues = issues
    }

    /// For `.taskFailed`: whether the failure code is one the contract lists as retryable.
    public var isRetryableFailure: Bool { kind == .taskFailed && TaskFailureCode.isRetryable(code) }
}
