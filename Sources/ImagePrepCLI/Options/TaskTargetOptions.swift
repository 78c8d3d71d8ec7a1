import ArgumentParser

/// The task a `tasks wait` / `tasks download` acts on, where its results go, and the output format.
struct TaskTargetOptions: ParsableArguments {
    @Argument(help: "The task: local id (3 or #3), task id, or idempotency key.")
    var id: String

    @Option(name: [.customShort("o"), .customLong("output")],
            help: ArgumentHelp("Where results are saved (default: where submit was asked to save them).", valueName: "DIR"))
    var output: String?

    @Flag(help: "Print the record as JSON.")
    var json = false
}
