extension BatchSubmitter {
    /// Runs the steps: the submit stage (K at once) feeds the poller; what the poller sees end is settled
    /// (downloaded, recorded) K at once, while the rest is still being submitted.
    func execute(_ steps: [Step], tally: BatchTally) async throws -> BatchSummary {
        let history = history
        let poller = TaskPoller(client: runner.client, options: runner.polling, maxInFlight: options.concurrency) { id, task in
            _ = try? history.update(id) { $0.status = task.status.rawValue; $0.progress = task.progress }
        }
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await poller.run() }
            group.addTask { try await settleAll(poller.outcomes, tally: tally) }
            do {
                try await submitAll(steps, poller: poller, tally: tally)
            } catch {
                await poller.finishAdding()
                throw error
            }
            await poller.finishAdding()
            try await group.waitForAll()
        }
        var summary = await tally.summary()
        summary.polls = await poller.polls
        summary.throttles = await limiter.throttles
        summary.finalRate = await limiter.rate
        return summary
    }

    /// The submit stage: at most `concurrency` bundles at once; each created task goes to the poller.
    private func submitAll(_ steps: [Step], poller: TaskPoller, tally: BatchTally) async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            var running = 0
            for step in steps {
                switch step {
                case .skip(let item):
                    await tally.end(item.key, state: item.state.rawValue, savedPaths: item.savedPaths, error: item.error,
                                    skipped: true, wasRunning: false)
                case .follow(let key, let record):
                    await tally.following(record, key: key)
                    await poller.add(localID: record.localID!, taskID: record.taskID!)
                case .submit(let key, let source, let bundle, let record):
                    if running >= options.concurrency {
                        try await group.next()
                        running -= 1
                    }
                    running += 1
                    group.addTask {
                        guard let created = try await submit(BatchSubmitter.Submission(key: key, source: source, bundle: bundle), record: record, tally: tally) else { return }
                        await poller.add(localID: created.localID!, taskID: created.taskID!)
                    }
                }
            }
            try await group.waitForAll()
        }
    }

    /// Settles what the poller reports, at most `concurrency` at once.
    private func settleAll(_ outcomes: AsyncStream<TaskPoller.Outcome>, tally: BatchTally) async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            var running = 0
            for await outcome in outcomes {
                if running >= options.concurrency {
                    try await group.next()
                    running -= 1
                }
                running += 1
                group.addTask { try await settle(outcome, tally: tally) }
            }
            try await group.waitForAll()
        }
    }
}
