import GRDB

extension TaskHistory {
    /// Stores (inserting or replacing) the fidelity entry of a task.
    ///
    /// - Throws: `ClientError` `.history` (for example when the task is not in the history).
    public func saveFidelity(_ entry: TaskFidelity) throws(ClientError) {
        try access { try pool.write { db in try entry.save(db) } }
    }

    /// The fidelity entry of the task with `localID`, if one was stored.
    ///
    /// - Throws: `ClientError` `.history` when the database cannot be read or written.
    public func fidelity(for localID: Int64) throws(ClientError) -> TaskFidelity? {
        try access { try pool.read { db in try TaskFidelity.fetchOne(db, key: localID) } }
    }
}
