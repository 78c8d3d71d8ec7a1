extension BatchSubmitter {
    /// Settles one ended task: records its end; when completed, downloads every result into `outputDir` and
    /// marks the bundle `done` once all are saved (a failed download leaves it open for a rerun).
    func settle(_ outcome: TaskPoller.Outcome, tally: BatchTally) async throws {
        switch outcome {
        case .ended(let localID, let task):
            let key = await tally.key(of: localID) ?? "#\(localID)"
            let record = try runner.recordEnd(task, localID: localID)
            guard task.status == .completed else {
                let text = [task.error?.code, record.error].compactMap { $0 }.joined(separator: ": ")
                try mark(key, .failed, error: "task \(task.id) ended \(task.status)" + (text.isEmpty ? "" : ": \(text)"))
                return await tally.end(key, state: "failed", error: text, wasRunning: true)
            }
            let (saved, results) = try await runner.download(record, to: options.outputDir)
            guard results.allSatisfy({ $0.path != nil }) else {
                return await tally.end(key, state: "open", error: saved.error, wasRunning: true)
            }
            try mark(key, .done, savedPaths: saved.savedPaths)
            await tally.end(key, state: "done", savedPaths: saved.savedPaths, wasRunning: true)
        case .timedOut(let localID, let taskID, let lastError):
            let key = await tally.key(of: localID) ?? "#\(localID)"
            await tally.end(key, state: "open", error: "task \(taskID) did not end in time" + (lastError.map { "; last poll: \($0)" } ?? ""),
                            wasRunning: true)
        case .refused(let localID, let taskID, let error):
            let key = await tally.key(of: localID) ?? "#\(localID)"
            try mark(key, .failed, error: "task \(taskID): \(error)")
            await tally.end(key, state: "failed", error: error, wasRunning: true)
        }
    }

    /// Updates bundle `key`'s batch row (none for a task no batch submitted).
    private func mark(_ key: String, _ state: BatchItem.State, savedPaths: [String] = [], error: String? = nil) throws {
        guard var item = try history.batchItem(key: key) else { return }
        item.state = state
        item.savedPaths = savedPaths
        item.error = error
        try history.save(item)
    }
}
