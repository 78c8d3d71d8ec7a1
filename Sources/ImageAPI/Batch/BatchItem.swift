public import Foundation
public import GRDB

/// One bundle of a batch in the task history (table `batch_item`, migration `v-batch-submit`): its stable
/// key, the task record that carries it, and whether its results are saved.
///
/// The row is inserted in the same transaction as its task record, before the create is sent, so a killed
/// batch can always find the record (and its idempotency key) of every bundle it may have created a task for.
/// It outlives the record (no foreign key): a finished record may be pruned, the row still says `done`.
public struct BatchItem: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "batch_item"

    /// The state of a bundle.
    public enum State: String, Codable, Sendable {
        /// A task record exists (its create may be unanswered, its task running or its results unsaved).
        case submitted
        /// Every result is saved.
        case done
        /// The bundle broke a rule, the server refused it, or its task failed.
        case failed
    }

    /// `BatchJob.key`.
    public var key: String
    /// Where the bundle was read (`jobs.jsonl:12`, a `bundle.json` path).
    public var source: String
    /// The task record's row id; nil when the bundle failed before one was made.
    public var localID: Int64?
    public var state: State
    /// The saved result files (when `done`).
    public var savedPaths: [String]
    /// Why it failed (key redacted).
    public var error: String?
    public var updatedAt: Date

    public init(key: String, source: String, localID: Int64? = nil, state: State = .submitted, savedPaths: [String] = [],
                error: String? = nil, updatedAt: Date = Date()) {
        self.key = key
        self.source = source
        self.localID = localID
        self.state = state
        self.savedPaths = savedPaths
        self.error = error
        self.updatedAt = updatedAt
    }

    enum CodingKeys: String, CodingKey, ColumnExpression {
        case key = "bundle_key", source, localID = "local_id", state, savedPaths = "saved_paths", error
        case updatedAt = "updated_at"
    }

    /// Registers the migration that creates the table.
    static func register(in migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v-batch-submit") { db in
            try db.create(table: databaseTableName) { t in
                t.primaryKey("bundle_key", .text)
                t.column("source", .text).notNull()
                t.column("local_id", .integer).indexed()
                t.column("state", .text).notNull()
                t.column("saved_paths", .text).notNull().defaults(to: "[]")
                t.column("error", .text)
                t.column("updated_at", .datetime).notNull()
            }
        }
    }
}
