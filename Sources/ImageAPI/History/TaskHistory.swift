import SystemIO
import Foundation
import GRDB
import ImageCodecs

/// The durable task history: SQLite in WAL mode, shared safely by several processes (each waits up to
/// `busyTimeout` for another's write), committed before every network step so that a killed process
/// loses nothing (`tasks wait` resumes).
///
/// Keeps the newest `keep` records (default 20); older finished ones are pruned on insert. Records whose
/// outcome is still open (sending, unknown, pending, processing), and those of batch bundles whose results
/// are not saved yet, are never pruned.
public final class TaskHistory: Sendable {
    /// The database file.
    public let path: String
    /// How many records to keep. Default 20.
    public let keep: Int
    let pool: any DatabaseWriter

    /// `$XDG_DATA_HOME/imageprep/tasks.sqlite`, default `~/.local/share/imageprep/tasks.sqlite`.
    public static func defaultPath(environment env: [String: String]) -> String {
        let base = env["XDG_DATA_HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? "\(env["HOME"] ?? ".")/.local/share"
        return "\(base)/imageprep/tasks.sqlite"
    }

    /// Opens (creating if needed, directory mode 0700, file mode 0600) the history at `path`.
    ///
    /// - Throws: `ClientError` `.history`.
    public init(path: String, keep: Int = 20, busyTimeout: Duration = .seconds(15)) throws(ClientError) {
        self.path = path
        self.keep = max(1, keep)
        do {
            try LocalFile.makeDirectories(LocalFile.parentDirectory(of: path), mode: 0o700)
            var config = Configuration()
            config.busyMode = .timeout(busyTimeout.secondsValue)
            config.label = "imageprep.history"
            // Created empty with mode 0600 first: SQLite gives its -wal and -shm files the same mode. Another
            // process may win the race to create it; then its file is the one to open.
            try LocalFile.write([], to: path, exclusive: true)
            let pool = try Self.retryingBusy(patience: busyTimeout) { try DatabasePool(path: path, configuration: config) }
            try Self.migrate(pool, patience: busyTimeout)
            self.pool = pool
        } catch let error as ClientError {
            throw error
        } catch {
            throw ClientError(.history, message: "cannot open the task history", details: "\(error)", file: path)
        }
    }

    /// A history in memory only (a GRDB `DatabaseQueue`: no file, no WAL), for scripts and tests that want
    /// the runner's bookkeeping without a scratch database. `path` is `:memory:`; everything is lost with it.
    ///
    /// - Throws: `ClientError` `.history`.
    public init(inMemory keep: Int = 20) throws(ClientError) {
        path = ":memory:"
        self.keep = max(1, keep)
        do {
            let queue = try DatabaseQueue(configuration: Configuration())
            try Self.migrator.migrate(queue)
            pool = queue
        } catch {
            throw ClientError(.history, message: "cannot open an in-memory task history", details: "\(error)")
        }
    }

    /// Runs `body`, retrying while another process holds a lock SQLite will not wait for: when two processes
    /// open a new history together, `PRAGMA journal_mode = WAL` answers `SQLITE_BUSY` at once without calling
    /// the busy handler, and a migration whose read snapshot went stale gets `SQLITE_BUSY_SNAPSHOT`.
    private static func retryingBusy<T>(patience: Duration, _ body: () throws -> T) throws -> T {
        let clock = ContinuousClock()
        let deadline = clock.now + patience
        var attempt = 0
        while true {
            do {
                return try body()
            } catch let error as DatabaseError where error.resultCode == .SQLITE_BUSY && clock.now < deadline {
                attempt += 1
                usleep(useconds_t(min(200_000, 5_000 * attempt) + Int.random(in: 0..<5_000)))
            }
        }
    }

    /// Applies the migrations, also when other processes open the same new history at the same moment.
    ///
    /// GRDB reads the applied migrations before it takes the write lock for each one, so a process that lost
    /// the race runs a migration another has just committed and fails (`table … already exists`). Such a
    /// failure is retried while the others make progress (the applied set grew during the attempt), and is
    /// success once every migration is applied; a failure with no one else's progress is a real error.
    private static func migrate(_ pool: DatabasePool, patience: Duration) throws {
        let migrator = Self.migrator
        let clock = ContinuousClock()
        let deadline = clock.now + patience
        while true {
            let before = try retryingBusy(patience: patience) { try pool.read(migrator.appliedIdentifiers) }
            do {
                return try retryingBusy(patience: patience) { try migrator.migrate(pool) }
            } catch let error as DatabaseError {
                let after = try retryingBusy(patience: patience) { try pool.read(migrator.appliedIdentifiers) }
                if try pool.read(migrator.hasCompletedMigrations) { return }
                guard after.isStrictSuperset(of: before), clock.now < deadline else { throw error }
            }
        }
    }

    private static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.create(table: TaskRecord.databaseTableName) { t in
                t.autoIncrementedPrimaryKey("local_id")
                t.column("task_id", .text).unique()
                t.column("idempotency_key", .text).notNull().unique()
                t.column("model", .text).notNull()
                t.column("prompt", .text).notNull()
                t.column("options", .text).notNull()
                t.column("inputs", .text).notNull()
                t.column("status", .text).notNull()
                t.column("progress", .integer).notNull().defaults(to: 0)
                t.column("created_at", .datetime).notNull()
                t.column("updated_at", .datetime).notNull()
                t.column("result_urls", .text).notNull()
                t.column("saved_paths", .text).notNull()
                t.column("error", .text)
                t.column("error_code", .text)
                t.column("output_dir", .text)
                t.column("retry_of", .integer)
            }
        }
        ProviderJournal.registerMigration(in: &migrator)  // "v-providers": provider health and the attempt journal
        TaskFidelity.register(in: &migrator)  // issue 19
        BatchItem.register(in: &migrator)  // issue 15: "v-batch-submit", the bundles of batch submits
        return migrator
    }

    /// Inserts `record` (its `localID` is assigned) and prunes beyond `keep`.
    ///
    /// - Throws: `ClientError` `.history` when the database cannot be read or written.
    public func insert(_ record: TaskRecord) throws(ClientError) -> TaskRecord {
        try access {
            try pool.write { db in
                var record = record
                try record.insert(db)
                try prune(db)
                return record
            }
        }
    }

    /// Applies `change` to the record with `localID` and stores it (updating `updatedAt`).
    ///
    /// - Throws: `ClientError` `.notFound` when there is no such record, `.history` when the database fails.
    @discardableResult
    public func update(_ localID: Int64, _ change: @Sendable (inout TaskRecord) -> Void) throws(ClientError) -> TaskRecord {
        try access {
            try pool.write { db in
                guard var record = try TaskRecord.fetchOne(db, key: localID) else {
                    throw ClientError(.notFound, message: "no task #\(localID) in the history", file: path)
                }
                change(&record)
                record.updatedAt = Date()
                try record.update(db)
                return record
            }
        }
    }

    /// The record for `reference`: a local id (`3` or `#3`), a task id, or an idempotency key.
    ///
    /// - Throws: `ClientError` `.history` when the database cannot be read or written.
    public func find(_ reference: String) throws(ClientError) -> TaskRecord? {
        let text = reference.hasPrefix("#") ? String(reference.dropFirst()) : reference
        return try access {
            try pool.read { db in
                if let local = Int64(text), let record = try TaskRecord.fetchOne(db, key: local) { return record }
                return try TaskRecord.filter(TaskRecord.CodingKeys.taskID == text || TaskRecord.CodingKeys.idempotencyKey == text)
                    .fetchOne(db)
            }
        }
    }

    /// Records, newest first.
    ///
    /// - Throws: `ClientError` `.history` when the database cannot be read or written.
    public func list(limit: Int? = nil) throws(ClientError) -> [TaskRecord] {
        try access {
            try pool.read { db in
                try TaskRecord.order(TaskRecord.CodingKeys.localID.desc).limit(limit ?? Int.max).fetchAll(db)
            }
        }
    }

    /// The journal mode in effect (`wal`).
    ///
    /// - Throws: `ClientError` `.history` when the database cannot be read or written.
    public func journalMode() throws(ClientError) -> String {
        try access { try pool.read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") ?? "" } }
    }

    private func prune(_ db: Database) throws {
        let open = [TaskRecord.sending, TaskRecord.unknown, TaskStatus.pending.rawValue, TaskStatus.processing.rawValue]
        try db.execute(sql: """
            DELETE FROM task WHERE local_id NOT IN (SELECT local_id FROM task ORDER BY local_id DESC LIMIT ?)
            AND status NOT IN (\(open.map { _ in "?" }.joined(separator: ",")))
            AND local_id NOT IN (SELECT local_id FROM batch_item WHERE state = 'submitted' AND local_id IS NOT NULL)
            """, arguments: StatementArguments([keep] + open))
    }

    func access<T>(_ body: () throws -> T) throws(ClientError) -> T {
        do {
            return try body()
        } catch let error as ClientError {
            throw error
        } catch {
            throw ClientError(.history, message: "task history error", details: "\(error)", file: path)
        }
    }
}
