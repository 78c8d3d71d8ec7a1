import Foundation
import GRDB

/// The history's provider tables: `provider_health` (one row per provider) and `task_attempt` (the journal,
/// deleted with its task record). Added by the migration "v-providers".
enum ProviderJournal {
    static func registerMigration(in migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v-providers") { db in
            try db.create(table: ProviderHealth.databaseTableName) { t in
                t.primaryKey("provider", .text)
                t.column("state", .text).notNull()
                t.column("until", .datetime)
                t.column("failures", .integer).notNull().defaults(to: 0)
                t.column("reason", .text)
                t.column("config_digest", .text)
                t.column("updated_at", .datetime).notNull()
            }
            try db.create(table: TaskAttempt.databaseTableName) { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("local_id", .integer).notNull().indexed()
                    .references(TaskRecord.databaseTableName, column: "local_id", onDelete: .cascade)
                t.column("provider", .text).notNull()
                t.column("at", .datetime).notNull()
                t.column("outcome", .text).notNull()
                t.column("reason", .text)
                t.column("credits_reserved", .double)
                t.column("credits_charged", .double)
                t.column("usd_reserved", .double)
            }
        }
    }
}

extension TaskHistory {
    // MARK: Health

    /// The remembered health of `provider` (healthy when never seen).
    ///
    /// - Throws: `ClientError` `.history` when the database cannot be read or written.
    public func health(of provider: String) throws(ClientError) -> ProviderHealth {
        try access { try pool.read { db in try ProviderHealth.fetchOne(db, key: provider) } } ?? ProviderHealth(provider: provider)
    }

    /// Stores `health` (replacing the provider's row).
    ///
    /// - Throws: `ClientError` `.history` when the database cannot be read or written.
    public func setHealth(_ health: ProviderHealth) throws(ClientError) {
        try access { try pool.write { db in try health.save(db) } }
    }

    // MARK: Journal

    /// Appends `attempt` to its task's journal.
    ///
    /// - Throws: `ClientError` `.history` when the database cannot be read or written.
    @discardableResult
    public func record(_ attempt: TaskAttempt) throws(ClientError) -> TaskAttempt {
        try access {
            try pool.write { db in
                var attempt = attempt
                try attempt.insert(db)
                return attempt
            }
        }
    }

    /// The journal of the record `localID`, oldest first.
    ///
    /// - Throws: `ClientError` `.history` when the database cannot be read or written.
    public func attempts(of localID: Int64) throws(ClientError) -> [TaskAttempt] {
        try access {
            try pool.read { db in
                try TaskAttempt.filter(TaskAttempt.CodingKeys.localID == localID).order(TaskAttempt.CodingKeys.id).fetchAll(db)
            }
        }
    }

    /// The provider holding the record's task (its `created`/`reconciled` attempt), if it went through routing.
    ///
    /// - Throws: `ClientError` `.history` when the database cannot be read or written.
    public func provider(of localID: Int64) throws(ClientError) -> String? {
        try attempts(of: localID).last { $0.holdsTask || $0.outcome == TaskAttempt.unknown }?.provider
    }

    /// Records the final charge on the attempt that holds the record's task.
    ///
    /// - Throws: `ClientError` `.history` when the database cannot be read or written.
    public func setCharge(_ credits: Double, of localID: Int64) throws(ClientError) {
        try access {
            try pool.write { db in
                guard var attempt = try TaskAttempt.filter(TaskAttempt.CodingKeys.localID == localID)
                    .filter([TaskAttempt.created, TaskAttempt.reconciled].contains(TaskAttempt.CodingKeys.outcome))
                    .order(TaskAttempt.CodingKeys.id.desc).fetchOne(db) else { return }
                attempt.creditsCharged = credits
                try attempt.update(db)
            }
        }
    }

    /// The sum of the recorded final charges, in credits, per provider.
    ///
    /// - Throws: `ClientError` `.history` when the database cannot be read or written.
    public func chargedCredits() throws(ClientError) -> [String: Double] {
        try access {
            try pool.read { db in
                var totals: [String: Double] = [:]
                for row in try Row.fetchAll(db, sql: "SELECT provider, SUM(credits_charged) AS total FROM task_attempt WHERE credits_charged IS NOT NULL GROUP BY provider") {
                    totals[row["provider"]] = row["total"]
                }
                return totals
            }
        }
    }
}
