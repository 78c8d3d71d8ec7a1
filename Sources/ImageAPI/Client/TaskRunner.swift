import Foundation
public import ImageRules

/// The whole road for one submission: check → upload → record → create → wait → download, with the task
/// history written before every network step.
///
/// No double charge: the create carries a fresh `Idempotency-Key` and is recorded (`sending`) before it is
/// sent. When its outcome is unknown (timeout or dropped connection after sending) it is NOT resent: the
/// record becomes `unknown` and `ClientError` `.unknownOutcome` is thrown. `reconcile` (used by `tasks wait`)
/// later resends it with the SAME key, which an idempotent server answers with the original task.
public struct TaskRunner: Sendable {
    public var client: ImageAPIClient
    public var history: TaskHistory
    /// The check run before anything is sent. Default `BundleRulesChecker()`.
    public var checker: any SubmissionChecker
    public var polling: PollingOptions
    /// Default `.stream` (multipart).
    public var uploadVariant: UploadVariant
    /// Default `.header` (signature + `ImageDecoder.info`).
    public var inspector: ResultInspector

    public init(client: ImageAPIClient, history: TaskHistory, checker: any SubmissionChecker = BundleRulesChecker(),
                polling: PollingOptions = PollingOptions(), uploadVariant: UploadVariant = .stream,
                inspector: ResultInspector = .header) {
        self.client = client
        self.history = history
        self.checker = checker
        self.polling = polling
        self.uploadVariant = uploadVariant
        self.inspector = inspector
    }

    // MARK: Submit

    /// Checks `bundle` (nothing is sent when a rule fails), uploads the inputs it sends (`sentImages`,
    /// `sentMask`: the prepared files when `prepare` ran), records the create as `sending`, sends it, and
    /// records the answer.
    ///
    /// - Returns: the record, with `taskID` set.
    /// - Throws: `ClientError` `.rulesFailed` (nothing sent), `.unknownOutcome` (recorded;
    ///   reconcile later), `APIError` (recorded as `rejected`), `TransportError`.
    public func submit(_ bundle: BundleManifest, outputDir: String? = nil) async throws -> TaskRecord {
        let record = try await newRecord(for: bundle, outputDir: outputDir)
        return try await create(try history.insert(record))
    }

    /// Checks `bundle` and uploads the inputs it sends; returns the record to store (status `sending`, a fresh
    /// idempotency key) before its create is sent. Nothing is recorded yet.
    ///
    /// - Throws: `ClientError` `.rulesFailed` (nothing sent), `.invalidInput`, upload errors.
    func newRecord(for bundle: BundleManifest, outputDir: String?) async throws -> TaskRecord {
        try check(bundle)
        guard let prompt = bundle.prompt else {
            throw ClientError(.invalidInput, message: "the request has no prompt", file: bundle.directory)
        }
        let images = bundle.sentImages, mask = bundle.sentMask
        var imageURLs = try await client.resolve(images + (mask.map { [$0] } ?? []), variant: uploadVariant)
        let maskURL = mask == nil ? nil : imageURLs.removeLast()
        let request = GenerationRequest(model: bundle.model, prompt: prompt, size: bundle.size?.description, n: bundle.n,
                                        imageURLs: imageURLs.isEmpty ? nil : imageURLs, maskURL: maskURL,
                                        callbackURL: bundle.callbackURL)
        let inputs = images.map(\.description) + (mask.map { ["mask:\($0)"] } ?? [])
        return TaskRecord(idempotencyKey: Self.newIdempotencyKey(), request: request, inputs: inputs, outputDir: outputDir)
    }

    /// Runs `checker` (no network).
    ///
    /// - Throws: `ClientError` `.rulesFailed` with every issue.
    public func check(_ bundle: BundleManifest) throws(ClientError) {
        try Self.check(bundle, with: checker)
    }

    /// Runs `checker` on `bundle` (no network).
    ///
    /// - Throws: `ClientError` `.rulesFailed` with every issue.
    public static func check(_ bundle: BundleManifest, with checker: any SubmissionChecker) throws(ClientError) {
        let issues = checker.issues(for: bundle)
        guard issues.isEmpty else {
            throw ClientError(.rulesFailed, message: "the inputs break \(issues.count) rule\(issues.count == 1 ? "" : "s"); nothing was sent",
                              details: issues.map(\.description).joined(separator: "; "), issues: issues)
        }
    }

    /// Resends the create of a record whose outcome is unknown (status `sending` or `unknown`, no task id),
    /// with the record's own idempotency key. A record that already has a task id is returned unchanged.
    ///
    /// - Throws: `ClientError` `.unknownOutcome` when the resend is unanswered too, `.history`; `APIError`, `TransportError`.
    public func reconcile(_ record: TaskRecord) async throws -> TaskRecord {
        guard record.needsReconcile else { return record }
        client.log("reconciling #\(record.localID ?? 0) with its idempotency key")
        return try await create(record)
    }

    /// Sends the create of a recorded `record` (status `sending`) and records the answer.
    func create(_ record: TaskRecord) async throws -> TaskRecord {
        let localID = record.localID!
        let task: TaskObject
        do {
            task = try await client.createTask(record.request, idempotencyKey: record.idempotencyKey)
        } catch let error as TransportError where error.mayHaveBeenDelivered {
            try history.update(localID) { $0.status = TaskRecord.unknown; $0.error = "\(error)" }
            throw ClientError(.unknownOutcome,
                              message: "the create request may have reached the server but no answer came back; it was not resent",
                              details: "\(error); run `imageprep tasks wait \(localID)` to reconcile with the same idempotency key",
                              localID: localID)
        } catch {
            let text = client.configuration.apiKey.redact("\(error)")
            try history.update(localID) { $0.status = TaskRecord.rejected; $0.error = text }
            throw error
        }
        return try history.update(localID) { record in
            record.taskID = task.id
            record.status = task.status.rawValue
            record.progress = task.progress
            record.error = nil
        }
    }

    // MARK: Wait and download

    /// Polls the record's task to its end (reconciling an unknown create first), recording every answer.
    ///
    /// - Returns: the record, `completed` with its result URLs.
    /// - Throws: `ClientError` `.taskFailed` (recorded with the code), `.pollTimeout`, `APIError`, `TransportError`.
    public func wait(_ record: TaskRecord, onUpdate: @escaping @Sendable (TaskObject) async -> Void = { _ in }) async throws -> TaskRecord {
        let record = try await reconcile(record)
        guard let taskID = record.taskID, let localID = record.localID else { return record }
        if record.status == TaskStatus.completed.rawValue && !record.resultURLs.isEmpty { return record }
        let history = history
        let task = try await client.waitForTask(id: taskID, options: polling) { task in
            _ = try? history.update(localID) { $0.status = task.status.rawValue; $0.progress = task.progress }
            await onUpdate(task)
        }
        let updated = try recordEnd(task, localID: localID)
        guard task.status == .completed else {
            throw ClientError(.taskFailed, message: "task \(taskID) ended \(task.status)",
                              details: [task.error?.code, task.error?.message].compactMap { $0 }.joined(separator: ": "),
                              taskID: taskID, localID: localID, code: task.error?.code)
        }
        return updated
    }

    /// Records the terminal answer `task` of record `localID`: status, progress, result URLs, error (redacted).
    func recordEnd(_ task: TaskObject, localID: Int64) throws -> TaskRecord {
        try history.update(localID) { record in
            record.status = task.status.rawValue
            record.progress = task.progress
            record.resultURLs = task.results
            record.error = task.error?.message.map(client.configuration.apiKey.redact)
            record.errorCode = task.error?.code
        }
    }

    /// Asks the server once for the record's task and records the answer: status, progress, the result URLs and
    /// the error (its message redacted) when the answer has them. A record without a task id is returned as is.
    ///
    /// - Throws: `APIError`, `TransportError`, `ClientError` `.invalidResponse` or `.history`.
    public func refresh(_ record: TaskRecord) async throws -> TaskRecord {
        guard let taskID = record.taskID, let localID = record.localID else { return record }
        let task = try await client.task(id: taskID)
        return try history.update(localID) { record in
            record.status = task.status.rawValue
            record.progress = task.progress
            if !task.results.isEmpty { record.resultURLs = task.results }
            if let error = task.error {
                record.error = error.message.map(client.configuration.apiKey.redact)
                record.errorCode = error.code
            }
        }
    }

    /// Downloads the results of a completed record into `directory` (default: the record's `outputDir`,
    /// else "."), recording the saved paths and any per-file failure.
    ///
    /// - Returns: the updated record and one `SavedResult` per result URL.
    /// - Throws: `ClientError` `.history`; a failed file is recorded in its `SavedResult`, not thrown. `CancellationError` when cancelled.
    public func download(_ record: TaskRecord, to directory: String? = nil) async throws -> (TaskRecord, [SavedResult]) {
        guard let taskID = record.taskID, let localID = record.localID, !record.resultURLs.isEmpty else {
            throw ClientError(.invalidInput, message: "task \(record.displayID) has no results to download (status \(record.status))")
        }
        let dir = directory ?? record.outputDir ?? "."
        let task = TaskObject(id: taskID, status: .completed, results: record.resultURLs)
        let saved = await client.saveResults(of: task, to: dir, inspector: inspector)
        let failures = saved.filter { $0.path == nil }
        let updated = try history.update(localID) { record in
            record.savedPaths = saved.compactMap(\.path)
            record.outputDir = dir
            record.error = failures.isEmpty ? nil : failures.map { "result \($0.index): \($0.failure ?? "failed")" }.joined(separator: "; ")
        }
        return (updated, saved)
    }

    /// Submits, waits, downloads into `outputDir`; with `retryFailed`, a task that fails with a retryable
    /// code is resubmitted once (same uploaded inputs, new idempotency key, `retryOf` set).
    ///
    /// - Throws: `ClientError` (`.rulesFailed` with nothing sent, `.unknownOutcome`, `.taskFailed`, `.pollTimeout`,
    ///   `.history`), `APIError`, `TransportError`; `CancellationError` when the calling task is cancelled.
    public func run(_ bundle: BundleManifest, outputDir: String, retryFailed: Bool = false,
                    onUpdate: @escaping @Sendable (TaskObject) async -> Void = { _ in }) async throws -> (TaskRecord, [SavedResult]) {
        var record = try await submit(bundle, outputDir: outputDir)
        do {
            record = try await wait(record, onUpdate: onUpdate)
        } catch let error as ClientError where retryFailed && error.isRetryableFailure {
            client.log("task failed with retryable \(error.code ?? "?"); resubmitting once")
            let retry = try history.insert(TaskRecord(idempotencyKey: Self.newIdempotencyKey(), request: record.request,
                                                      inputs: record.inputs, outputDir: outputDir, retryOf: record.localID))
            record = try await wait(try await create(retry), onUpdate: onUpdate)
        }
        return try await download(record, to: outputDir)
    }

    /// A fresh idempotency key (`imageprep-<UUID>`).
    public static func newIdempotencyKey() -> String { "imageprep-\(UUID().uuidString.lowercased())" }
}
