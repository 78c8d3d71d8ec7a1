import ImageRules

extension BatchSubmitter {
    /// A bundle to submit: its key, where it was read, and the manifest (nil when only its record is known).
    struct Submission: Sendable {
        var key: String
        var source: String
        var bundle: BundleManifest?
    }

    /// Submits one bundle until its create is answered with a task, trying up to `submitAttempts` times.
    ///
    /// The record (and the bundle's `BatchItem`) is stored before the first send. Every later send is a resend
    /// of THAT record with its own idempotency key (status set back to `sending` first), so however often a
    /// create is lost, refused with 429/5xx or killed, the server sees one key and creates one task.
    ///
    /// - Returns: the record with its task id, or nil when the bundle failed (recorded) or stays open
    ///   (an outcome still unknown after every attempt: `tasks wait --all` reconciles it).
    func submit(_ job: Submission, record existing: TaskRecord?, tally: BatchTally) async throws -> TaskRecord? {
        let key = job.key
        var record = existing
        var attempt = 0
        while true {
            attempt += 1
            do {
                let reconciling = record != nil
                let created = try await send(job, record: &record)
                await tally.created(created, key: key, reconciled: reconciling)
                return created
            } catch let error where Self.isTransient(error) && attempt < options.submitAttempts {
                runner.client.log("bundle \(key.prefix(12)): attempt \(attempt) failed (\(error)); trying again")
            } catch {
                try await fail(job, record: record, error: error, tally: tally)
                return nil
            }
            if let id = record?.localID { record = try history.find(String(id)) }
            let delay = runner.client.retryPolicy.delay(beforeRetry: min(attempt, 3), serverDelay: nil, random: runner.client.random())
            try await runner.client.sleeper.sleep(for: delay ?? .seconds(1))
        }
    }

    /// One try: a fresh record (check, upload, insert with its batch row, create) or a resend of `record`.
    private func send(_ job: Submission, record: inout TaskRecord?) async throws -> TaskRecord {
        if let current = record, let id = current.localID {
            let sending = current.needsReconcile ? current : try history.update(id) { $0.status = TaskRecord.sending; $0.error = nil }
            return try await runner.reconcile(sending)
        }
        guard let bundle = job.bundle else {
            throw ClientError(.invalidInput, message: "bundle \(job.key) has neither a manifest nor a record")
        }
        let fresh = try await runner.newRecord(for: bundle, outputDir: options.outputDir ?? ".")
        let (inserted, _) = try history.insert(fresh, for: BatchItem(key: job.key, source: job.source))
        record = inserted
        return try await runner.create(inserted)
    }

    /// Records why a bundle did not get a task. A create whose outcome is still unknown stays `submitted`
    /// (open: its task may exist); anything else is `failed`.
    private func fail(_ job: Submission, record: TaskRecord?, error: any Error, tally: BatchTally) async throws {
        let key = job.key
        let text = runner.client.configuration.apiKey.redact("\(error)")
        let current = try record?.localID.flatMap { try history.find(String($0)) } ?? record
        if let current, current.needsReconcile {
            await tally.end(key, state: "open", error: text, wasRunning: false)
            return
        }
        if var item = try history.batchItem(key: key) {
            item.state = .failed
            item.error = text
            try history.save(item)
        } else if !key.hasPrefix("#") {
            try history.save(BatchItem(key: key, source: job.source, state: .failed, error: text))
        }
        await tally.end(key, state: "failed", error: text, wasRunning: false)
    }

    /// Worth another try of the same bundle: network failures, 429/5xx, an unknown create outcome.
    static func isTransient(_ error: any Error) -> Bool {
        switch error {
        case let error as APIError: error.isTransient
        case is TransportError: true
        case let error as ClientError: error.kind == .unknownOutcome
        default: false
        }
    }
}
