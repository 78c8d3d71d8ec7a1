import Foundation

/// All mutable sandbox state: tasks, uploaded files, credits and idempotency keys. An actor, so every
/// change is serialised; with a data directory every change is saved before the call returns.
actor SandboxState {
    /// The credits view served by `GET /v1/credits`.
    struct Credits: Codable, Sendable {
        var object = "credits"
        var user_group = "default"
        var total_credits: Double
        var used_credits: Double
        var reserved_credits: Double
        var remaining_credits: Double
    }

    /// The parameters of a validated create request.
    struct NewTask: Sendable {
        var model: String
        var prompt: String
        var width: Int
        var height: Int
        var n: Int
        var inputs: [[UInt8]]
        var mask: [UInt8]?
        var callbackURL: String?
        var idempotencyKey: String?
    }

    private let configuration: SandboxConfiguration
    private let persistence: SandboxPersistence
    private var snapshot: SandboxPersistence.Snapshot
    private var callbackQueue: [SandboxTaskRecord] = []
    /// `http://host:port`, set once the server is bound.
    private(set) var baseURL = ""

    init(configuration: SandboxConfiguration) throws {
        self.configuration = configuration
        persistence = try SandboxPersistence(directory: configuration.dataDirectory)
        snapshot = try persistence.load()
    }

    func setBaseURL(_ url: String) { baseURL = url }

    private var now: Double { configuration.clock.now() }

    private func save() throws {
        try persistence.save(snapshot)
    }

    private func newBlobName(_ kind: String) -> String {
        snapshot.nextBlob += 1
        return "\(kind)-\(snapshot.nextBlob)-\(RandomID.make(8))"
    }

    // MARK: Tasks

    /// The task an idempotency key already created, if any.
    func task(forIdempotencyKey key: String) -> SandboxTaskRecord? {
        snapshot.idempotency[key].flatMap { task(id: $0) }
    }

    /// Creates a task, or returns the one `idempotencyKey` already created (`replayed` true, nothing charged).
    /// - Throws: `SandboxAPIError` 402 when the available credits do not cover `n` images.
    func createTask(_ request: NewTask) throws -> (task: SandboxTaskRecord, replayed: Bool) {
        if let key = request.idempotencyKey, let existing = task(forIdempotencyKey: key) {
            return (existing, true)
        }
        let reserve = Double(request.n) * configuration.creditsPerImage
        let credits = self.credits()
        guard credits.remaining_credits >= reserve else {
            throw SandboxAPIError.insufficientQuota(
                "Insufficient quota: \(request.n) image(s) need \(reserve) credits, \(credits.remaining_credits) available")
        }
        let created = now
        var task = SandboxTaskRecord(
            id: "task-unified-\(Int(created))-\(RandomID.make(8))", sequence: snapshot.nextTaskSequence, created: created,
            model: request.model, prompt: request.prompt, width: request.width, height: request.height, n: request.n,
            inputBlobs: [], maskBlob: nil, callbackURL: request.callbackURL, idempotencyKey: request.idempotencyKey,
            creditsReserved: reserve, duration: configuration.taskDuration)
        for input in request.inputs {
            let name = newBlobName("input")
            try persistence.writeBlob(name, input)
            task.inputBlobs.append(name)
        }
        if let mask = request.mask {
            let name = newBlobName("mask")
            try persistence.writeBlob(name, mask)
            task.maskBlob = name
        }
        snapshot.nextTaskSequence += 1
        snapshot.tasks[task.id] = task
        if let key = request.idempotencyKey { snapshot.idempotency[key] = task.id }
        try save()
        return (task, false)
    }

    /// The task with `id`, finalised if it is due; nil when unknown or expired.
    func task(id: String) -> SandboxTaskRecord? {
        guard var task = snapshot.tasks[id] else { return nil }
        if task.isRunning, now >= task.due {
            task = finalise(task, outcome: nil)
        }
        guard now < task.expiry(resultLifetime: configuration.resultLifetime) else { return nil }
        return task
    }

    /// Cancels a running task (sandbox extension). Returns the task, or nil when unknown/expired.
    func cancel(id: String) -> SandboxTaskRecord? {
        guard let task = task(id: id) else { return nil }
        guard task.isRunning else { return task }
        return finalise(task, outcome: .cancelled)
    }

    /// Finishes `task`: `.completed` or `.failed` (by the task-failure fault) when `outcome` is nil.
    /// Charges the images produced, releases the reservation, saves, and queues the callback.
    private func finalise(_ original: SandboxTaskRecord, outcome requested: SandboxTaskRecord.Outcome?) -> SandboxTaskRecord {
        var task = original
        let faults = configuration.faults
        var outcome = requested ?? .completed
        if requested == nil, let code = faults.taskFailureCode,
           SeededDecision.unit(seed: faults.seed, salt: .taskFailure, index: task.sequence) < faults.taskFailureRate {
            outcome = .failed
            task.errorCode = code
            task.errorMessage = "Task failed with \(code) (sandbox fault injection)"
        }
        if outcome == .cancelled {
            task.errorCode = "request_cancelled"
            task.errorMessage = "Request was cancelled"
        }
        task.outcome = outcome
        task.finished = requested == nil ? task.due : min(now, task.due)
        task.imagesProduced = outcome == .completed ? task.n : 0
        task.creditsUsed = Double(task.imagesProduced) * configuration.creditsPerImage
        snapshot.creditsUsed += task.creditsUsed
        snapshot.tasks[task.id] = task
        if task.callbackURL != nil { callbackQueue.append(task) }
        try? save()
        return task
    }

    /// Finalises every task whose time has come, so credits and callbacks never lag the clock.
    private func finaliseDue() {
        let time = now
        for task in snapshot.tasks.values where task.isRunning && time >= task.due {
            _ = finalise(task, outcome: nil)
        }
    }

    /// Finalises every due task and expires old tasks and files; returns the tasks whose callbacks are due.
    func sweep() -> [SandboxTaskRecord] {
        finaliseDue()
        let time = now
        var changed = false
        for (id, task) in snapshot.tasks {
            if !task.isRunning, time >= task.expiry(resultLifetime: configuration.resultLifetime) {
                removeTask(id)
                changed = true
            }
        }
        for (id, file) in snapshot.files where time >= file.expires {
            removeFile(id)
            changed = true
        }
        if changed { try? save() }
        defer { callbackQueue.removeAll() }
        return callbackQueue
    }

    private func removeTask(_ id: String) {
        guard let task = snapshot.tasks.removeValue(forKey: id) else { return }
        for blob in task.inputBlobs + (task.maskBlob.map { [$0] } ?? []) { persistence.deleteBlob(blob) }
        if let key = task.idempotencyKey, snapshot.idempotency[key] == id { snapshot.idempotency[key] = nil }
    }

    /// The stored bytes of a task's inputs: the reference images and the mask.
    func inputs(of task: SandboxTaskRecord) -> (references: [[UInt8]], mask: [UInt8]?) {
        (task.inputBlobs.compactMap { persistence.readBlob($0) }, task.maskBlob.flatMap { persistence.readBlob($0) })
    }

    /// Tasks ever created and still kept, and files uploaded and still live (for tests of routing).
    func counts() -> (tasks: Int, files: Int) { (snapshot.tasks.count, liveFiles.count) }

    // MARK: Credits

    func credits() -> Credits {
        finaliseDue()
        let reserved = snapshot.tasks.values.filter(\.isRunning).reduce(0) { $0 + $1.creditsReserved }
        return Credits(total_credits: configuration.initialCredits, used_credits: snapshot.creditsUsed,
                       reserved_credits: reserved,
                       remaining_credits: max(0, configuration.initialCredits - snapshot.creditsUsed - reserved))
    }

    // MARK: Files

    /// Live files, newest first.
    private var liveFiles: [FileRecord] {
        let time = now
        return snapshot.files.values.filter { time < $0.expires }
            .sorted { ($0.uploaded, $0.id) > ($1.uploaded, $1.id) }
    }

    /// Stores an upload. A file with the same upload path and name replaces the earlier one.
    /// - Throws: `FileAPIError` 40003 when the quota is full, 50001 when storage fails.
    func addFile(bytes: [UInt8], fileName: String, originalName: String, mimeType: String, uploadPath: String) throws -> FileRecord {
        let replaced = liveFiles.first { $0.fileName == fileName && $0.uploadPath == uploadPath }
        if replaced == nil, liveFiles.count >= configuration.maxFiles {
            throw FileAPIError.quotaExceeded("File quota exceeded: \(configuration.maxFiles) files")
        }
        let time = now
        let record = FileRecord(id: "file-" + RandomID.make(20), fileName: fileName, originalName: originalName,
                                size: bytes.count, mimeType: mimeType, uploadPath: uploadPath, uploaded: time,
                                expires: time + configuration.fileLifetime, blob: newBlobName("file"))
        do {
            try persistence.writeBlob(record.blob, bytes)
        } catch {
            throw FileAPIError.storage("Could not store the file: \(error)")
        }
        if let replaced { removeFile(replaced.id) }
        snapshot.files[record.id] = record
        try? save()
        return record
    }

    private func removeFile(_ id: String) {
        guard let file = snapshot.files.removeValue(forKey: id) else { return }
        persistence.deleteBlob(file.blob)
    }

    /// The live file with `id`, if any.
    func file(id: String) -> FileRecord? {
        guard let file = snapshot.files[id], now < file.expires else { return nil }
        return file
    }

    /// The bytes of a live file.
    func fileBytes(id: String) -> (FileRecord, [UInt8])? {
        guard let file = file(id: id), let bytes = persistence.readBlob(file.blob) else { return nil }
        return (file, bytes)
    }

    /// Deletes a file; false when there was no live file with `id`.
    func deleteFile(id: String) -> Bool {
        guard file(id: id) != nil else { return false }
        removeFile(id)
        try? save()
        return true
    }

    /// One page (1-based) of live files, newest first, and the total count.
    func listFiles(page: Int, pageSize: Int) -> (files: [FileRecord], total: Int) {
        let all = liveFiles
        let start = (page - 1) * pageSize
        guard start < all.count else { return ([], all.count) }
        return (Array(all[start..<min(all.count, start + pageSize)]), all.count)
    }

    /// (used files, used bytes).
    func fileUsage() -> (files: Int, bytes: Int) {
        let all = liveFiles
        return (all.count, all.reduce(0) { $0 + $1.size })
    }

    /// Saves now (used at shutdown).
    func flush() {
        try? save()
    }
}
