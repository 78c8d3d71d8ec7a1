import ArgumentParser
import ImageAPI
import ImageFidelity
import ImagePrep
import ImageRules

/// The submit road shared by `submit` and `edit`: a dry run, the configuration's single provider (today's
/// road, unchanged), or routing over the configured providers.
struct Submission {
    var bundle: BundleManifest
    var api: APIOptionGroup
    var routing: RoutingOptionGroup
    var checker: any SubmissionChecker
    var output: String
    var json: Bool
    var retryFailed: Bool
    var noWait = false
    /// What to measure and composite for a masked bundle's results (issue 19).
    var fidelity = FidelityOptions()

    func run() async throws {
        if routing.dryRun { return try await dryRun() }
        let providers = api.sandbox ? nil : try api.providerSet()
        guard let providers, !providers.isDefaultOnly else { return try await single() }
        let router = try api.router(providers, routing: routing, checker: checker)
        if noWait {
            let (record, _) = try await router.submit(bundle, outputDir: output)
            return try submitted(record, history: router.history)
        }
        let progress = TaskProgress()
        let (record, saved) = try await router.run(bundle, outputDir: output, retryFailed: retryFailed) { progress.update($0) }
        try report(record, saved, history: router.history)
    }

    /// A task left to run (`--no-wait`): what its results will be measured against is recorded now.
    private func submitted(_ record: TaskRecord, history: TaskHistory) throws {
        if let source = FidelitySource(manifest: bundle) { try FidelityPass.record(source, for: record, in: history) }
        if json { try JSONOutput.print(TaskOutput.RecordJSON(record)) } else { print(record.taskID ?? record.displayID) }
    }

    /// The saved results, measured outside the mask (and composited as `fidelity` asks) for a masked bundle.
    private func report(_ record: TaskRecord, _ saved: [SavedResult], history: TaskHistory) throws {
        let measured = FidelityOutput.measure(bundle, record, history: history, options: fidelity)
        guard try TaskOutput.reportSaved(record, saved, json: json, fidelity: measured.figures), measured.ok else {
            throw ExitCode.fileFailed
        }
    }

    /// Checks and prints the plan; sends nothing (with `--sandbox` nothing leaves the process either).
    private func dryRun() async throws {
        try TaskRunner.check(bundle, with: checker)
        let providers = try api.sandbox ? ProviderSet.defaultOnly(APIConfiguration(apiKey: APIKey("dry-run"))) : api.providerSet()
        let plan = try api.router(providers, routing: routing, checker: checker).plan(model: bundle.model, n: bundle.n ?? 1)
        if json { try JSONOutput.print(PlanOutput.json(bundle, plan)) } else { print(PlanOutput.text(bundle, plan)) }
        if plan.order.isEmpty { throw ProviderRouter.nothingToTry(plan, maxCost: routing.maxCost) }
    }

    /// Today's road: one provider, `TaskRunner`; `--max-cost` checked against its price first.
    private func single() async throws {
        try await api.withRunner(checker: checker) { runner in
            if routing.maxCost != nil {
                let providers = ProviderSet.defaultOnly(runner.client.configuration)
                let plan = try api.router(providers, routing: routing, checker: checker).plan(model: bundle.model, n: bundle.n ?? 1)
                if plan.order.isEmpty { throw ProviderRouter.nothingToTry(plan, maxCost: routing.maxCost) }
            }
            if noWait {
                return try submitted(try await runner.submit(bundle, outputDir: output), history: runner.history)
            }
            let progress = TaskProgress()
            let (record, saved) = try await runner.run(bundle, outputDir: output, retryFailed: retryFailed) { progress.update($0) }
            try report(record, saved, history: runner.history)
        }
    }
}
