import Foundation
import GRDB

extension TaskHistory {
    /// The batch row of bundle `key`, if the bundle was ever submitted.
    ///
    /// - Throws: `ClientError` `.history` when the database cannot be read or written.
    public func batchItem(key: String) throws(ClientError) -> BatchItem? {
        try access { try pool.read { db in try BatchItem.fetchOne(db, key: key) } }
    }

    /// Every batch row, in key order.
    ///
    /// - Throws: `ClientError` `.history` when the database cannot be read or written.
    public func batchItems() throws(ClientError) -> [BatchItem] {
        try access { try pool.read { db in try BatchItem.order(BatchItem.CodingKeys.key).fetchAll(db) } }
    }

    /// Inserts `record` and the batch row `item` pointing at it in ONE transaction (no pruning), so that no
    /// record can exist without its row nor the reverse. Returns both with the record's `localID` set.
    ///
    /// - Throws: `ClientError` `.history` when the database cannot be read or written.
    public func insert(_ record: TaskRecord, for item: BatchItem) throws(ClientError) -> (TaskRecord, BatchItem) {
        try access {
            try pool.write { db in
                var record = record
                try record.insert(db)
                var item = item
                item.localID = record.localID
                item.state = .submitted
                item.updatedAt = Date()
                try item.save(db)
                return (record, item)
            }
        }
    }

    /// Stores `item` (insert or replace), updating `updatedAt`.
    ///
    /// - Throws: `ClientError` `.history` when the database cannot be read or written.
    @discardableResult
    public func save(_ item: BatchItem) throws(ClientError) -> BatchItem {
        try access {
            try pool.write { db in
                var item = item
                item.updatedAt = Date()
                try item.save(db)
                return item
            }
        }
    }

    /// Records whose outcome is open (`TaskRecord.isOpen`), oldest first.
    ///
    /// - Throws: `ClientError` `.history` when the database cannot be read or written.
    public func openRecords() throws(ClientError) -> [TaskRecord] {
        try access {
            try pool.read { db in try TaskRecord.order(TaskRecord.CodingKeys.localID).fetchAll(db) }
        }.filter(\.isOpen)
    }
}
