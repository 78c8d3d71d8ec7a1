import ArgumentParser

/// Options of `submit` and `edit` about providers and cost (docs/CLIENT.md, "Providers").
struct RoutingOptionGroup: ParsableArguments {
    /// The one opt-out of the no-double-charge rule.
    enum Failover: String, ExpressibleByArgument, CaseIterable {
        /// Move on only when no task was provably created (the default).
        case proven
        /// Also move on after an unknown outcome that reconciling could not resolve (a second task may exist).
        case unknown
    }

    @Flag(name: .customLong("dry-run"), help: "Run every check and print what would be sent, to which provider and at what cost; send nothing.")
    var dryRun = false

    @Option(name: .customLong("max-cost"), help: ArgumentHelp("Refuse a task whose reservation (n × price) would exceed this many US dollars.", valueName: "USD"))
    var maxCost: Double?

    @Option(help: ArgumentHelp("When to try the next provider: proven (no task was created; default) or unknown (also after an unresolved unknown outcome: may charge twice).", valueName: "WHEN"))
    var failover: Failover = .proven

    func validate() throws {
        if let maxCost, !(maxCost >= 0 && maxCost.isFinite) { throw ValidationError("--max-cost must be a non-negative number of US dollars") }
    }
}
