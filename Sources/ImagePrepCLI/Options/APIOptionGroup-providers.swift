import ArgumentParser
import Foundation
import ImageAPI
import ImagePrep
import ImageRules
import ImageSandbox

extension APIOptionGroup {
    /// The providers from the config file, or with `--sandbox` the one sandbox.
    func providerSet(sandbox running: RunningSandbox? = nil) throws -> ProviderSet {
        if let running { return .defaultOnly(running.apiConfiguration) }
        return try ProviderSet.load(environment: environment)
    }

    /// A router over `providers` with the history, the time scale and `--verbose`.
    func router(_ providers: ProviderSet, routing: RoutingOptionGroup? = nil,
                checker: any SubmissionChecker = BundleRulesChecker()) throws -> ProviderRouter {
        let scale = environment["IMAGEPREP_TIME_SCALE"].flatMap(Double.init) ?? 1
        var trace: (@Sendable (String) -> Void)?
        if verbose { trace = { line in Terminal.error("imageprep: \(line)") } }
        return ProviderRouter(providers: providers, history: try history(), checker: checker,
                              polling: PollingOptions(timeout: .milliseconds(Int64(timeout * 1000))), uploadVariant: upload,
                              sleeper: SystemSleeper(scale: scale), healthPolicy: providers.healthPolicy,
                              failoverUnknown: routing?.failover == .unknown,
                              maxCostUSD: routing?.maxCost,
                              trace: trace)
    }

    /// Runs `body` with a router (starting the in-process sandbox with `--sandbox`, as `withRunner` does).
    func withRouter<T>(routing: RoutingOptionGroup? = nil, checker: any SubmissionChecker = BundleRulesChecker(),
                       _ body: (ProviderRouter) async throws -> T) async throws -> T {
        guard sandbox else { return try await body(router(providerSet(), routing: routing, checker: checker)) }
        let running = try await Sandbox.start(SandboxConfiguration(taskDuration: sandboxTaskDuration, allowInsecureCallbacks: true))
        Terminal.error("imageprep: sandbox listening on \(running.baseURL)")
        do {
            let result = try await body(router(providerSet(sandbox: running), routing: routing, checker: checker))
            try await running.shutdown()
            return result
        } catch {
            try? await running.shutdown()
            throw error
        }
    }

    /// Runs `body` with the runner of the provider that holds task `id` (its journal says which); the
    /// configuration's own runner for a task made without a `providers` list.
    func withRunner<T>(forTask id: String, _ body: (TaskRunner, TaskRecord) async throws -> T) async throws -> T {
        if sandbox { return try await withRunner { runner in try await body(runner, try ImagePrepCommand.TasksShow.find(id, in: runner.history)) } }
        let providers = try providerSet()
        if providers.isDefaultOnly {
            let runner = try runner()
            return try await body(runner, try ImagePrepCommand.TasksShow.find(id, in: runner.history))
        }
        let router = try router(providers)
        let record = try ImagePrepCommand.TasksShow.find(id, in: router.history)
        return try await body(try router.runner(for: record), record)
    }
}
