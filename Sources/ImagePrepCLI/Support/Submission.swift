import ArgumentParser
import ImageAPI
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

    func run() async throws {
        if routing.dryRun { return try await dryRun() }
        let providers = api.sandbox ? nil : try api.providerSet()
        guard let providers, !providers.isDefaultOnly else { return try await single() }
        let router = try api.router(providers, routing: routing, checker: checker)
        if noWait {
            let (record, _) = try await router.submit(bundle, outputDir: output)
            if json { try JSONOutput.print(TaskOutput.RecordJSON(record)) } else { print(record.taskID ?? record.displayID) }
            return
        }
        let progress = TaskProgress()
        let (record, saved) = try await router.run(bundle, outputDir: output) { progress.update($0) }
        guard try TaskOutput.reportSaved(record, saved, json: json) else { throw ExitCode.fileFailed }
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
                let record = try await runner.submit(bundle, outputDir: output)
                if json { try JSONOutput.print(TaskOutput.RecordJSON(record)) } else { print(record.taskID ?? record.displayID) }
                return
            }
            let progress = TaskProgress()
            let (record, saved) = try await runner.run(bundle, outputDir: output, retryFailed: retryFailed) { progress.update($0) }
            guard try TaskOutput.reportSaved(record, saved, json: json) else { throw ExitCode.fileFailed }
        }
    }
}
