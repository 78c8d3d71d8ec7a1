/// The running account of one batch run: each bundle's outcome and the counters of the summary. Calls the
/// progress callback after every change.
actor BatchTally {
    private var items: [String: BatchSummary.Item] = [:]
    private var order: [String] = []
    private var keyOfRecord: [Int64: String] = [:]
    private var running = 0
    private(set) var created = 0
    private(set) var reconciled = 0
    private let onProgress: @Sendable (BatchProgress) -> Void

    init(onProgress: @escaping @Sendable (BatchProgress) -> Void) {
        self.onProgress = onProgress
    }

    /// Registers a bundle (in batch order) as open.
    func register(key: String, source: String, localID: Int64? = nil) {
        if items[key] == nil { order.append(key) }
        items[key] = BatchSummary.Item(key: key, source: source, state: "open", skipped: false, localID: localID,
                                       taskID: nil, savedPaths: [], error: nil)
        if let localID { keyOfRecord[localID] = key }
    }

    /// The key a record belongs to.
    func key(of localID: Int64) -> String? { keyOfRecord[localID] }

    /// A create answered with `record`'s task: it is now running.
    func created(_ record: TaskRecord, key: String, reconciled wasReconciled: Bool) {
        created += 1
        if wasReconciled { reconciled += 1 }
        running += 1
        if let id = record.localID { keyOfRecord[id] = key }
        items[key]?.localID = record.localID
        items[key]?.taskID = record.taskID
        report()
    }

    /// A task followed from an earlier run (no create now).
    func following(_ record: TaskRecord, key: String) {
        running += 1
        if let id = record.localID { keyOfRecord[id] = key }
        items[key]?.localID = record.localID
        items[key]?.taskID = record.taskID
        report()
    }

    /// Ends bundle `key` as `state` ("done", "failed", "open"). `wasRunning`: its task had been counted as running.
    func end(_ key: String, state: String, savedPaths: [String] = [], error: String? = nil, skipped: Bool = false,
             wasRunning: Bool) {
        if wasRunning { running -= 1 }
        items[key]?.state = state
        items[key]?.savedPaths = savedPaths
        items[key]?.error = error
        items[key]?.skipped = skipped
        report()
    }

    func summary() -> BatchSummary {
        var summary = BatchSummary()
        summary.items = order.compactMap { items[$0] }
        summary.total = summary.items.count
        summary.done = summary.items.filter { $0.state == "done" }.count
        summary.failed = summary.items.filter { $0.state == "failed" }.count
        summary.open = summary.total - summary.done - summary.failed
        summary.skipped = summary.items.filter(\.skipped).count
        summary.created = created
        summary.reconciled = reconciled
        return summary
    }

    private func report() {
        let values = Array(items.values)
        onProgress(BatchProgress(total: values.count, done: values.filter { $0.state == "done" }.count,
                                 failed: values.filter { $0.state == "failed" }.count, running: running))
    }
}
