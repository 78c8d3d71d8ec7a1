public import Foundation
public import GRDB

/// One line of a task's journal: one provider tried (or skipped) for the task, when, with what outcome,
/// why the router moved on, and the credits reserved and finally charged there.
public struct TaskAttempt: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "task_attempt"

    /// Outcomes.
    public static let created = "created", reconciled = "reconciled", unknown = "unknown", failedOver = "failed-over",
        rejected = "rejected", skipped = "skipped"

    public var id: Int64?
    /// The history record (`TaskRecord.localID`).
    public var localID: Int64
    public var provider: String
    public var at: Date
    /// `created` (the task lives here), `reconciled` (an unknown create resolved to its task), `unknown`
    /// (outcome not known, not moved on), `failed-over` (provably no task; the next provider was tried),
    /// `rejected` (the request is wrong: reported, never moved on), `skipped` (not tried: cooling, no balance, cost).
    public var outcome: String
    /// Why (HTTP status and message, transport failure, balance, …), key redacted.
    public var reason: String?
    /// n × price, reserved at create.
    public var creditsReserved: Double?
    /// The final charge read from the task (or images produced × price), when it ended.
    public var creditsCharged: Double?
    /// n × USD price.
    public var usdReserved: Double?

    public init(localID: Int64, provider: String, at: Date, outcome: String, reason: String? = nil,
                creditsReserved: Double? = nil, usdReserved: Double? = nil) {
        self.localID = localID
        self.provider = provider
        self.at = at
        self.outcome = outcome
        self.reason = reason
        self.creditsReserved = creditsReserved
        self.usdReserved = usdReserved
    }

    enum CodingKeys: String, CodingKey, ColumnExpression {
        case id, localID = "local_id", provider, at, outcome, reason, creditsReserved = "credits_reserved"
        case creditsCharged = "credits_charged", usdReserved = "usd_reserved"
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }

    /// Whether the task lives at this attempt's provider.
    public var holdsTask: Bool { outcome == Self.created || outcome == Self.reconciled }
}
