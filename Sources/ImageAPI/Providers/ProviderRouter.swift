public import Foundation
public import ImageRules
import Synchronization

/// Sends each task to the cheapest healthy provider that serves its model, then the next, without ever
/// paying twice for one task.
///
/// Order: providers serving the model whose remembered health allows them, by USD price per image, then
/// `priority`, then name; when none is usable, the cooling ones (never the misconfigured) in the same order.
/// Health is kept in the task history (`provider_health`), so every process sees it.
///
/// No double charge: a create moves on to the next provider only when it provably created no task (nothing
/// was delivered, or an HTTP error answer without a task id). When the outcome is unknown (timeout or reset
/// after sending), the create is reconciled first: resent to the SAME provider with the SAME idempotency key,
/// which an idempotent server answers with the original task. Only a definite answer without a task
/// (401/402/403) lets another provider be tried; otherwise the task stays `unknown` (`tasks wait` reconciles
/// it later) unless `failoverUnknown` (the CLI's `--failover unknown`) accepts the risk. A task id, once
/// known, is polled on its provider to the end. Inputs are uploaded to each provider at most once, just
/// before its create, after its balance was checked.
public struct ProviderRouter: Sendable {
    public var providers: ProviderSet
    public var history: TaskHistory
    /// Default `BundleRulesChecker()`.
    public var checker: any SubmissionChecker
    public var polling: PollingOptions
    /// Default `.stream`.
    public var uploadVariant: UploadVariant
    /// Shared by every provider's client. Default `AsyncHTTPTransport.failingFast()` (a refused connection
    /// fails at once instead of being retried until the deadline).
    public var transport: any HTTPTransport
    /// Per request, inside one provider. Default `RetryPolicy()`.
    public var retryPolicy: RetryPolicy
    public var sleeper: any Sleeper
    /// The time for health decisions (cooldowns). Default `Date()`; tests inject their own.
    public var now: @Sendable () -> Date
    public var healthPolicy: ProviderHealthPolicy
    /// Move on after an unknown outcome that reconciling could not resolve (risks a second task). Default false.
    public var failoverUnknown: Bool
    /// Refuse providers whose reservation (n × USD price) exceeds this; nil = no limit. Default nil.
    public var maxCostUSD: Double?
    /// Receives one line per request and routing decision (keys redacted).
    public var trace: (@Sendable (String) -> Void)?

    public init(providers: ProviderSet, history: TaskHistory, checker: any SubmissionChecker = BundleRulesChecker(),
                polling: PollingOptions = PollingOptions(), uploadVariant: UploadVariant = .stream,
                transport: any HTTPTransport = AsyncHTTPTransport.failingFast(), retryPolicy: RetryPolicy = RetryPolicy(),
                sleeper: any Sleeper = SystemSleeper(), now: @escaping @Sendable () -> Date = { Date() },
                healthPolicy: ProviderHealthPolicy = ProviderHealthPolicy(), failoverUnknown: Bool = false,
                maxCostUSD: Double? = nil, trace: (@Sendable (String) -> Void)? = nil) {
        self.providers = providers
        self.history = history
        self.checker = checker
        self.polling = polling
        self.uploadVariant = uploadVariant
        self.transport = transport
        self.retryPolicy = retryPolicy
        self.sleeper = sleeper
        self.now = now
        self.healthPolicy = healthPolicy
        self.failoverUnknown = failoverUnknown
        self.maxCostUSD = maxCostUSD
        self.trace = trace
    }

    // MARK: Clients

    /// A client for `provider`.
    ///
    /// - Throws: `ClientError` `.configuration` when its key variable is unset.
    public func client(for provider: Provider) throws(ClientError) -> ImageAPIClient {
        guard let configuration = provider.configuration else {
            throw ClientError(.configuration, message: "provider \(provider.name): \(provider.problem ?? "no key")")
        }
        var prefixed: (@Sendable (String) -> Void)?
        if let trace {
            let name = provider.name
            prefixed = { line in trace("[\(name)] \(line)") }
        }
        return ImageAPIClient(configuration: configuration, transport: transport, retryPolicy: retryPolicy, sleeper: sleeper,
                              trace: prefixed)
    }

    /// A task runner talking to `provider` (for waiting, refreshing and downloading its tasks).
    ///
    /// - Throws: `ClientError` `.configuration` when the provider's key variable is unset.
    public func runner(for provider: Provider) throws(ClientError) -> TaskRunner {
        TaskRunner(client: try client(for: provider), history: history, checker: checker, polling: polling,
                   uploadVariant: uploadVariant)
    }

    /// The runner for the provider holding `record`'s task (from its journal); the first provider for a
    /// record made without routing.
    ///
    /// - Throws: `ClientError` `.configuration` when the record's provider is unknown or has no key, `.history` when its journal cannot be read.
    public func runner(for record: TaskRecord) throws(ClientError) -> TaskRunner {
        let name = if let localID = record.localID { try history.provider(of: localID) } else { String?.none }
        guard let provider = name.flatMap(providers.provider(named:)) ?? (name == nil ? providers.providers.first : nil) else {
            throw ClientError(.configuration, message: "task \(record.displayID) lives at provider \(name ?? "?"), which the config no longer lists")
        }
        return try runner(for: provider)
    }

    // MARK: Plan

    /// The providers for `n` images of `model`, in try order, and the ones left out with their reasons.
    ///
    /// - Throws: `ClientError` `.history` when the provider health cannot be read.
    public func plan(model: String, n: Int) throws(ClientError) -> RoutingPlan {
        let time = now()
        var usable: [PlanEntry] = [], cooling: [PlanEntry] = [], skipped: [PlanEntry] = []
        for provider in providers.providers {
            guard providers.isDefaultOnly || provider.price(of: model) != nil else { continue }
            let price = provider.price(of: model)
            let health = try history.health(of: provider.name)
            var entry = PlanEntry(provider: provider.name, credits: price.map { Double(n) * $0.creditsPerImage },
                                  usd: price.map { Double(n) * $0.usdPerImage }, creditsPerImage: price?.creditsPerImage,
                                  usdPerImage: price?.usdPerImage, health: health.summary(now: time, digest: provider.configDigest),
                                  baseURL: provider.configuration?.baseURL)
            if let problem = provider.problem {
                entry.skip = problem
                skipped.append(entry)
            } else if let max = maxCostUSD, (entry.usd ?? .infinity) > max {
                entry.skip = "reservation \(Self.usd(entry.usd)) exceeds --max-cost \(Self.usd(max))"
                skipped.append(entry)
            } else if health.isUsable(now: time, digest: provider.configDigest) {
                usable.append(entry)
            } else if health.state == ProviderHealth.cooling {
                cooling.append(entry)
            } else {
                entry.skip = entry.health
                skipped.append(entry)
            }
        }
        let sort = { (list: [PlanEntry]) in list.sorted { a, b in
            let pa = providers.provider(named: a.provider)?.priority ?? 0, pb = providers.provider(named: b.provider)?.priority ?? 0
            return (a.usdPerImage ?? .infinity, pa, a.provider) < (b.usdPerImage ?? .infinity, pb, b.provider)
        } }
        if usable.isEmpty { return RoutingPlan(model: model, n: n, order: sort(cooling), skipped: skipped) }
        return RoutingPlan(model: model, n: n, order: sort(usable),
                           skipped: skipped + sort(cooling).map { var e = $0; e.skip = e.health; return e })
    }

    /// "$0.0416", or "?" for an unknown price.
    public static func usd(_ value: Double?) -> String {
        value.map { "$" + String(format: "%.4f", $0) } ?? "?"
    }

    // MARK: Run

    /// Submits (routing), waits on the provider that took the task, records its final charge, downloads.
    /// With `retryFailed`, a task that fails with a retryable code is routed and submitted once more (a new
    /// record with `retryOf` set, a new idempotency key; the cheapest healthy provider again, which may be the
    /// same one).
    ///
    /// - Throws: as `TaskRunner.run`, plus `ClientError` `.costLimit` or `.noProvider` when no provider may take
    ///   the task; `APIError`, `TransportError`.
    public func run(_ bundle: BundleManifest, outputDir: String, retryFailed: Bool = false,
                    onUpdate: @escaping @Sendable (TaskObject) async -> Void = { _ in }) async throws -> (TaskRecord, [SavedResult]) {
        do {
            return try await runOnce(bundle, outputDir: outputDir, retryOf: nil, onUpdate: onUpdate)
        } catch let error as ClientError where retryFailed && error.isRetryableFailure {
            trace?("task failed with retryable \(error.code ?? "?"); routing it once more")
            return try await runOnce(bundle, outputDir: outputDir, retryOf: error.localID, onUpdate: onUpdate)
        }
    }

    private func runOnce(_ bundle: BundleManifest, outputDir: String, retryOf: Int64?,
                         onUpdate: @escaping @Sendable (TaskObject) async -> Void) async throws -> (TaskRecord, [SavedResult]) {
        let (record, provider) = try await submit(bundle, outputDir: outputDir, retryOf: retryOf)
        let runner = try runner(for: provider)
        let last = Mutex<TaskObject?>(nil)
        let finished: TaskRecord
        do {
            finished = try await runner.wait(record) { task in
                last.withLock { $0 = task }
                await onUpdate(task)
            }
        } catch {
            try recordCharge(record, task: last.withLock { $0 }, provider: provider)
            throw error
        }
        try recordCharge(finished, task: last.withLock { $0 }, provider: provider)
        return try await runner.download(finished, to: outputDir)
    }

    /// Records the final charge of an ended task: `usage.credits_used` when the task reports it, else the
    /// images produced × the provider's price.
    func recordCharge(_ record: TaskRecord, task: TaskObject?, provider: Provider) throws {
        guard let localID = record.localID, let task, task.status.isTerminal else { return }
        let fallback = provider.price(of: record.model).map { Double(task.results.count) * $0.creditsPerImage }
        guard let charged = task.creditsUsed ?? fallback else { return }
        try history.setCharge(charged, of: localID)
    }
}
