import Foundation
public import ImageRules

extension ProviderRouter {
    /// The status of a record while the router looks for a provider (before any create was sent).
    public static let routing = "routing"

    /// Checks `bundle`, then tries the providers of `plan` in order: balance check, uploads, create, each
    /// attempt written to the record's journal.
    ///
    /// - Returns: the record (with its task id) and the provider that holds the task.
    /// - Throws: `ClientError` `.rulesFailed`, `.costLimit` or `.noProvider` (nothing sent), `.insufficientBalance`
    ///   (nothing uploaded), `.unknownOutcome` (recorded; reconcile with `tasks wait`), the provider's `APIError`
    ///   for a wrong request (400/422: never sent elsewhere).
    /// `retryOf`: the history row this submission retries (`--retry-failed`), stored on the new record.
    public func submit(_ bundle: BundleManifest, outputDir: String? = nil, retryOf: Int64? = nil) async throws -> (TaskRecord, Provider) {
        try TaskRunner.check(bundle, with: checker)
        guard let prompt = bundle.prompt else {
            throw ClientError(.invalidInput, message: "the request has no prompt", file: bundle.directory)
        }
        let plan = try plan(model: bundle.model, n: bundle.n ?? 1)
        guard !plan.order.isEmpty else { throw Self.nothingToTry(plan, maxCost: maxCostUSD) }
        let request = GenerationRequest(model: bundle.model, prompt: prompt, size: bundle.size?.description, n: bundle.n,
                                        callbackURL: bundle.callbackURL)
        let inputs = bundle.sentImages.map(\.description) + (bundle.sentMask.map { ["mask:\($0)"] } ?? [])
        var record = TaskRecord(idempotencyKey: TaskRunner.newIdempotencyKey(), request: request, inputs: inputs, outputDir: outputDir,
                                retryOf: retryOf)
        record.status = Self.routing
        record = try history.insert(record)
        let localID = record.localID!
        for entry in plan.skipped {
            try history.record(TaskAttempt(localID: localID, provider: entry.provider, at: now(), outcome: TaskAttempt.skipped,
                                           reason: entry.skip, creditsReserved: entry.credits, usdReserved: entry.usd))
        }
        var reasons: [String] = [], balanceOnly = true
        for entry in plan.order {
            guard let provider = providers.provider(named: entry.provider) else { continue }
            let step = try await attempt(bundle, record: record, provider: provider, entry: entry)
            switch step {
            case .done(let done): return (done, provider)
            case .next(let reason, let balance):
                reasons.append("\(provider.name): \(reason)")
                balanceOnly = balanceOnly && balance
            }
        }
        let text = reasons.joined(separator: "; ")
        try history.update(localID) { $0.status = TaskRecord.rejected; $0.error = text }
        if balanceOnly {
            throw ClientError(.insufficientBalance, message: "no provider has the credits this task reserves; nothing was uploaded",
                              details: text, localID: localID)
        }
        throw ClientError(.noProvider, message: "every provider failed before creating a task; nothing was charged",
                          details: text, localID: localID)
    }

    /// What one provider's attempt led to.
    enum Step {
        case done(TaskRecord)
        /// Move on; `balance` when only the balance check stopped it (nothing was uploaded).
        case next(String, balance: Bool)
    }

    /// Balance, uploads and create on one provider.
    func attempt(_ bundle: BundleManifest, record: TaskRecord, provider: Provider, entry: PlanEntry) async throws -> Step {
        let client = try client(for: provider)
        let localID = record.localID!
        if let short = try await balanceShortfall(client, provider: provider, entry: entry, localID: localID) {
            return .next(short.reason, balance: short.balance)
        }
        let images = bundle.sentImages, mask = bundle.sentMask
        var urls: [String]
        do {
            urls = try await client.resolve(images + (mask.map { [$0] } ?? []), variant: uploadVariant)
        } catch {
            switch CreateOutcome.of(error, key: client.configuration.apiKey) {
            case .rejected(let error):
                try finish(localID, provider: provider, entry: entry, outcome: TaskAttempt.rejected, reason: "upload: \(error)")
                throw error
            case .noTask(let reason, let change):
                try moveOn(provider, entry: entry, localID: localID, reason: "upload: " + reason, change: change)
                return .next("upload: " + reason, balance: false)
            case .unknown(let reason):
                try moveOn(provider, entry: entry, localID: localID, reason: "upload: " + reason, change: .cool(retryAfter: nil))
                return .next("upload: " + reason, balance: false)
            case .task:
                return .next("upload: unexpected answer", balance: false)
            }
        }
        let maskURL = mask == nil ? nil : urls.removeLast()
        let imageURLs = urls
        let updated = try history.update(localID) { record in
            record.request.imageURLs = imageURLs.isEmpty ? nil : imageURLs
            record.request.maskURL = maskURL
            record.status = TaskRecord.sending
            record.error = nil
        }
        return try await create(updated, client: client, provider: provider, entry: entry)
    }

    /// The create, and the reconcile when its outcome is unknown.
    func create(_ record: TaskRecord, client: ImageAPIClient, provider: Provider, entry: PlanEntry) async throws -> Step {
        let localID = record.localID!
        var outcome = await send(record, client: client)
        if case .unknown(let reason) = outcome {
            try history.record(TaskAttempt(localID: localID, provider: provider.name, at: now(), outcome: TaskAttempt.unknown,
                                           reason: reason + "; reconciling with the same idempotency key",
                                           creditsReserved: entry.credits, usdReserved: entry.usd))
            outcome = Self.reconciled(await send(record, client: client))
            if case .task(let task) = outcome {
                return .done(try accept(task, localID: localID, provider: provider, entry: entry, outcome: TaskAttempt.reconciled))
            }
        }
        switch outcome {
        case .task(let task):
            return .done(try accept(task, localID: localID, provider: provider, entry: entry, outcome: TaskAttempt.created))
        case .noTask(let reason, let change):
            try moveOn(provider, entry: entry, localID: localID, reason: reason, change: change)
            return .next(reason, balance: false)
        case .rejected(let error):
            let text = client.configuration.apiKey.redact("\(error)")
            try finish(localID, provider: provider, entry: entry, outcome: TaskAttempt.rejected, reason: text)
            try history.update(localID) { $0.status = TaskRecord.rejected; $0.error = text }
            throw error
        case .unknown(let reason):
            try cool(provider, change: .cool(retryAfter: nil), reason: reason)
            if failoverUnknown {
                try finish(localID, provider: provider, entry: entry, outcome: TaskAttempt.failedOver,
                           reason: reason + "; moving on by --failover unknown (a second task may exist)")
                return .next(reason, balance: false)
            }
            try finish(localID, provider: provider, entry: entry, outcome: TaskAttempt.unknown,
                       reason: reason + "; stopped: no other provider is tried while a task may exist here")
            try history.update(localID) { $0.status = TaskRecord.unknown; $0.error = reason }
            throw ClientError(.unknownOutcome,
                              message: "the create at \(provider.name) may have made a task and reconciling could not tell; no other provider was tried",
                              details: "\(reason); `imageprep tasks wait \(localID)` reconciles it later, `--failover unknown` would have moved on",
                              localID: localID)
        }
    }

    /// Sends the record's create once (the client retries what is safe to retry).
    func send(_ record: TaskRecord, client: ImageAPIClient) async -> CreateOutcome {
        do {
            return .task(try await client.createTask(record.request, idempotencyKey: record.idempotencyKey))
        } catch {
            return CreateOutcome.of(error, key: client.configuration.apiKey)
        }
    }

    /// A reconcile's answer: only a definite refusal (401/402/403) proves that no task exists; a server or
    /// network failure leaves the outcome unknown.
    static func reconciled(_ outcome: CreateOutcome) -> CreateOutcome {
        switch outcome {
        case .noTask(let reason, .cool(_)): return .unknown(reason: "reconcile: " + reason)
        case .noTask(let reason, let change): return .noTask(reason: "reconciled, no task: " + reason, change: change)
        default: return outcome
        }
    }

    /// Records the task on the history and the journal; the provider is healthy again.
    func accept(_ task: TaskObject, localID: Int64, provider: Provider, entry: PlanEntry, outcome: String) throws -> TaskRecord {
        try finish(localID, provider: provider, entry: entry, outcome: outcome, reason: nil,
                   reserved: task.creditsReserved ?? entry.credits)
        try history.setHealth(ProviderHealth(provider: provider.name, updatedAt: now()))
        return try history.update(localID) { record in
            record.taskID = task.id
            record.status = task.status.rawValue
            record.progress = task.progress
            record.error = nil
        }
    }

    /// Checks the balance where the provider reports one. Returns why to move on, or nil to go ahead.
    func balanceShortfall(_ client: ImageAPIClient, provider: Provider, entry: PlanEntry,
                          localID: Int64) async throws -> (reason: String, balance: Bool)? {
        let balance: ImageAPIClient.Balance?
        do {
            balance = try await client.credits()
        } catch {
            guard case .noTask(let reason, let change) = CreateOutcome.of(error, key: client.configuration.apiKey) else {
                return nil  // a balance that cannot be read does not stop the create; the create's answer decides
            }
            try moveOn(provider, entry: entry, localID: localID, reason: "balance check: " + reason, change: change)
            return ("balance check: " + reason, false)
        }
        guard let balance, let needed = entry.credits, balance.remaining < needed else { return nil }
        let reason = "balance \(Self.credits(balance.remaining)) credits < reservation \(Self.credits(needed))"
        try finish(localID, provider: provider, entry: entry, outcome: TaskAttempt.skipped, reason: reason)
        return (reason, true)
    }

    /// Cools the provider and journals a fail-over.
    func moveOn(_ provider: Provider, entry: PlanEntry, localID: Int64, reason: String, change: CreateOutcome.HealthChange) throws {
        try cool(provider, change: change, reason: reason)
        try finish(localID, provider: provider, entry: entry, outcome: TaskAttempt.failedOver, reason: reason)
    }

    func finish(_ localID: Int64, provider: Provider, entry: PlanEntry, outcome: String, reason: String?,
                reserved: Double? = nil) throws {
        try history.record(TaskAttempt(localID: localID, provider: provider.name, at: now(), outcome: outcome, reason: reason,
                                       creditsReserved: reserved ?? entry.credits, usdReserved: entry.usd))
    }

    /// Writes the provider's new health.
    func cool(_ provider: Provider, change: CreateOutcome.HealthChange, reason: String) throws {
        let time = now()
        var health = try history.health(of: provider.name)
        health.reason = reason
        health.updatedAt = time
        switch change {
        case .misconfigured:
            health.state = ProviderHealth.misconfigured
            health.configDigest = provider.configDigest
            health.until = nil
        case .quota:
            health.state = ProviderHealth.cooling
            health.until = time.addingTimeInterval(healthPolicy.quotaCooldown.secondsValue)
        case .cool(let retryAfter):
            health.failures += 1
            health.state = ProviderHealth.cooling
            health.until = time.addingTimeInterval(healthPolicy.cooldown(failures: health.failures, retryAfter: retryAfter).secondsValue)
        }
        trace?("provider \(provider.name): \(health.state) — \(reason)")
        try history.setHealth(health)
    }

    static func credits(_ value: Double) -> String { String(format: "%g", value) }

    /// The error when no provider is left to try (`.costLimit` when `--max-cost` left them all out).
    public static func nothingToTry(_ plan: RoutingPlan, maxCost: Double?) -> ClientError {
        let details = plan.skipped.map { "\($0.provider): \($0.skip ?? $0.health)" }.joined(separator: "; ")
        if let maxCost, !plan.skipped.isEmpty, plan.skipped.allSatisfy({ ($0.usd ?? .infinity) > maxCost }) {
            return ClientError(.costLimit, message: "the reservation would exceed --max-cost \(usd(maxCost)) at every provider; nothing was sent",
                               details: details)
        }
        return ClientError(.noProvider, message: plan.skipped.isEmpty ? "no configured provider serves \(plan.model)"
                                                                      : "no provider can take \(plan.model) now; nothing was sent",
                           details: details.isEmpty ? nil : details)
    }
}
