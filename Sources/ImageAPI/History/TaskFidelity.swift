public import GRDB
public import ImageFidelity

/// The fidelity bookkeeping of one masked task in the history (table `task_fidelity`, migration
/// `v-fidelity`): what its results are measured against, and the figures and composites of each result.
/// Deleted with its task (foreign key, `ON DELETE CASCADE`).
public struct TaskFidelity: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "task_fidelity"
    /// The task's row id.
    public var localID: Int64
    /// Base, mask, original photo and transform (JSON).
    public var source: FidelitySource
    /// One entry per measured result, by index (JSON); empty until the results are downloaded.
    public var results: [ResultFidelity]

    public init(localID: Int64, source: FidelitySource, results: [ResultFidelity] = []) {
        self.localID = localID
        self.source = source
        self.results = results
    }

    enum CodingKeys: String, CodingKey, ColumnExpression {
        case localID = "local_id", source, results
    }

    /// Registers the migration that creates the table.
    static func register(in migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v-fidelity") { db in
            try db.create(table: databaseTableName) { t in
                t.primaryKey("local_id", .integer).references(TaskRecord.databaseTableName, column: "local_id", onDelete: .cascade)
                t.column("source", .text).notNull()
                t.column("results", .text).notNull().defaults(to: "[]")
            }
        }
    }
}
