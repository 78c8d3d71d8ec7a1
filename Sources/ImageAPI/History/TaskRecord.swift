public import Foundation
public import GRDB

/// One submission in the task history: the request as sent, its idempotency key, and what became of it.
///
/// `status` is the API's task status (`pending`, `processing`, `completed`, `failed`, `cancelled`, …) or one
/// of the client's own: `sending` (recorded, create not yet answered), `unknown` (the create may have
/// reached the server; reconcile with `tasks wait`), `rejected` (the server refused the create or it was
/// never delivered). The API key is never part of a record.
public struct TaskRecord: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "task"

    /// The row id (assigned on insert); `tasks show <localID>` finds it.
    public var localID: Int64?
    /// The API's task id, once the create was answered.
    public var taskID: String?
    /// Sent as `Idempotency-Key`; a reconcile resends the create with the same key.
    public var idempotencyKey: String
    public var model: String
    public var prompt: String
    /// The create body as sent (uploaded URLs, size, n, callback).
    public var request: GenerationRequest
    /// The inputs as given (paths or URLs), for display.
    public var inputs: [String]
    public var status: String
    /// 0–100.
    public var progress: Int
    public var createdAt: Date
    public var updatedAt: Date
    public var resultURLs: [String]
    public var savedPaths: [String]
    /// The last error text (key redacted).
    public var error: String?
    /// The task error code when failed.
    public var errorCode: String?
    /// Where results are saved.
    public var outputDir: String?
    /// The record this one resubmits (`--retry-failed`).
    public var retryOf: Int64?

    public static let sending = "sending"
    public static let unknown = "unknown"
    public static let rejected = "rejected"

    public init(idempotencyKey: String, request: GenerationRequest, inputs: [String], outputDir: String?,
                retryOf: Int64? = nil, now: Date = Date()) {
        self.idempotencyKey = idempotencyKey
        self.model = request.model
        self.prompt = request.prompt
        self.request = request
        self.inputs = inputs
        self.status = Self.sending
        self.progress = 0
        self.createdAt = now
        self.updatedAt = now
        self.resultURLs = []
        self.savedPaths = []
        self.outputDir = outputDir
        self.retryOf = retryOf
    }

    enum CodingKeys: String, CodingKey, ColumnExpression {
        case localID = "local_id", taskID = "task_id", idempotencyKey = "idempotency_key", model, prompt
        case request = "options", inputs, status, progress, createdAt = "created_at", updatedAt = "updated_at"
        case resultURLs = "result_urls", savedPaths = "saved_paths", error, errorCode = "error_code"
        case outputDir = "output_dir", retryOf = "retry_of"
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        localID = inserted.rowID
    }

    /// Whether the task may still change on the server (or its create is unanswered).
    public var isOpen: Bool {
        [Self.sending, Self.unknown, TaskStatus.pending.rawValue, TaskStatus.processing.rawValue].contains(status)
            || !(TaskStatus(rawValue: status).isTerminal || status == Self.rejected)
    }

    /// Whether the create may have reached the server without an answer recorded.
    public var needsReconcile: Bool { taskID == nil && (status == Self.sending || status == Self.unknown) }

    /// The id to show: the task id, else `#<localID>`.
    public var displayID: String { taskID ?? "#\(localID ?? 0)" }
}
