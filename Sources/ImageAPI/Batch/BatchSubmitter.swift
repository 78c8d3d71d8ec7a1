import ImageRules

/// Submits many bundles at once and brings every result home, resumably.
///
/// - K bundles (`BatchOptions.concurrency`) are checked, uploaded and created at once.
/// - Every request goes through one `AdaptiveRateLimiter`, so a 429 or `Retry-After` slows the whole batch.
/// - Each bundle's task record and its `BatchItem` (the bundle's stable key) are written in one transaction
///   BEFORE its create is sent. A create whose outcome is unknown is resent with the SAME idempotency key,
///   never with a new one, so no bundle can create two tasks, even across a `kill -9`.
/// - One `TaskPoller` follows every created task at the contract's pace; results are downloaded as each
///   task completes, and the bundle is marked `done` once every result is saved.
/// - Rerunning the same batch skips what is done and picks up the rest; `resumeOpen()` (`imageprep tasks
///   wait --all`) finishes every open task without submitting anything new.
public struct BatchSubmitter: Sendable {
    /// The runner; its transport is wrapped in `RateLimitedTransport` over `limiter`.
    public let runner: TaskRunner
    public let limiter: AdaptiveRateLimiter
    public let options: BatchOptions
    let onProgress: @Sendable (BatchProgress) -> Void

    /// A submitter over `runner`'s client and history, with one shared rate limiter on its transport.
    ///
    /// - Parameters:
    ///   - runner: submits, polls and downloads; its transport gets the shared limiter, its uploads unique names.
    ///   - options: concurrency, pacing and rate (default `BatchOptions()`).
    ///   - onProgress: called after every change (a bundle created, done or failed).
    public init(runner: TaskRunner, options: BatchOptions = BatchOptions(),
                onProgress: @escaping @Sendable (BatchProgress) -> Void = { _ in }) {
        limiter = AdaptiveRateLimiter(options: options.rate, sleeper: runner.client.sleeper)
        var runner = runner
        runner.client.transport = RateLimitedTransport(runner.client.transport, limiter: limiter)
        runner.client.uniqueUploadNames = true  // K uploads at once: same-named files must not replace each other
        self.runner = runner
        self.options = options
        self.onProgress = onProgress
    }

    var history: TaskHistory { runner.history }

    /// What to do with one bundle of the batch.
    enum Step {
        /// Nothing: an earlier run finished it.
        case skip(BatchItem)
        /// Upload and create `bundle` (a fresh record), or resend the create of `record` with its own key.
        case submit(key: String, source: String, bundle: BundleManifest?, record: TaskRecord?)
        /// Its task exists: poll it and download its results.
        case follow(key: String, record: TaskRecord)
    }

    /// Runs the batch `jobs` to its end (every bundle done, failed, or open after its poll timeout).
    ///
    /// - Throws: `ClientError` `.history` when the task history fails (the batch stops; rerun resumes it);
    ///   `CancellationError` when the calling task is cancelled.
    public func run(_ jobs: [BatchJob]) async throws -> BatchSummary {
        let start = runner.client.sleeper.elapsed()
        let tally = BatchTally(onProgress: onProgress)
        var seen = Set<String>(), steps: [Step] = [], duplicates = 0
        for job in jobs {
            guard seen.insert(job.key).inserted else { duplicates += 1; continue }
            let item = try history.batchItem(key: job.key)
            await tally.register(key: job.key, source: job.source, localID: item?.localID)
            steps.append(try step(for: job, item: item))
        }
        var summary = try await execute(steps, tally: tally)
        summary.duplicates = duplicates
        summary.elapsedSeconds = (runner.client.sleeper.elapsed() - start).secondsValue
        return summary
    }

    /// Finishes every open task in the history (reconciling unanswered creates with their own idempotency
    /// keys) and every batch bundle whose results are not saved yet; submits nothing new.
    ///
    /// - Throws: `ClientError` `.history` when the task history fails; `CancellationError` when the calling task is cancelled.
    public func resumeOpen() async throws -> BatchSummary {
        let start = runner.client.sleeper.elapsed()
        let tally = BatchTally(onProgress: onProgress)
        var steps: [Step] = [], covered = Set<Int64>()
        for item in try history.batchItems() where item.state == .submitted {
            guard let id = item.localID, let record = try history.find(String(id)) else { continue }
            covered.insert(id)
            await tally.register(key: item.key, source: item.source, localID: id)
            steps.append(record.taskID == nil ? .submit(key: item.key, source: item.source, bundle: nil, record: record)
                                              : .follow(key: item.key, record: record))
        }
        for record in try history.openRecords() where !covered.contains(record.localID ?? -1) {
            let key = "#\(record.localID ?? 0)"
            await tally.register(key: key, source: "history", localID: record.localID)
            steps.append(record.taskID == nil ? .submit(key: key, source: "history", bundle: nil, record: record)
                                              : .follow(key: key, record: record))
        }
        var summary = try await execute(steps, tally: tally)
        summary.elapsedSeconds = (runner.client.sleeper.elapsed() - start).secondsValue
        return summary
    }

    /// Decides a bundle's step from its batch row.
    private func step(for job: BatchJob, item: BatchItem?) throws -> Step {
        guard let item, let id = item.localID, let record = try history.find(String(id)) else {
            if let item, item.state == .done { return .skip(item) }
            return .submit(key: job.key, source: job.source, bundle: job.bundle, record: nil)
        }
        switch item.state {
        case .done: return .skip(item)
        case .failed where record.taskID != nil: return .skip(item)  // its task ran and failed: not resubmitted
        case .submitted where record.taskID != nil: return .follow(key: job.key, record: record)
        default:  // never answered with a task: resend with the same key
            return .submit(key: job.key, source: job.source, bundle: job.bundle, record: record)
        }
    }
}
