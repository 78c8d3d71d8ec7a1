import ArgumentParser
import ImageAPI

extension ImagePrepCommand {
    /// `imageprep tasks wait ID` / `tasks wait --all`: resume a task (or every open one) after `--no-wait`, a
    /// timeout, an unknown outcome or a killed process.
    struct TasksWait: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "wait",
            abstract: "Wait for a task (or, with --all, every open task and unfinished batch bundle) to end and save its results.",
            discussion: """
                A task whose create has no recorded answer (status sending or unknown) is first reconciled: the \
                create is resent with the SAME idempotency key, so an idempotent server returns the original task \
                instead of starting a second one. With --all nothing new is submitted; the results of batch \
                bundles go where their batch asked (or -o), and a summary is printed as `submit --batch` does.
                """)

        @Argument(help: "The task: local id (3 or #3), task id, or idempotency key.")
        var id: String?

        @Flag(help: "Every open task in the history and every batch bundle whose results are not saved yet.")
        var all = false

        @Option(help: "With --all: tasks polled and downloaded at once.")
        var concurrency = 4

        @Option(name: [.customShort("o"), .customLong("output")],
                help: ArgumentHelp("Where results are saved (default: where submit was asked to save them).", valueName: "DIR"))
        var output: String?

        @Flag(help: "Print the record (with --all: the summary) as JSON.")
        var json = false

        @OptionGroup var api: APIOptionGroup

        func validate() throws {
            guard concurrency >= 1 else { throw ValidationError("expected a positive number for --concurrency, got \(concurrency)") }
            guard (id != nil) == all else { return }
            throw ValidationError(all ? "give a task or --all, not both" : "give a task (ID) or --all")
        }

        func run() async throws {
            if all {
                return try await BatchSubmission(path: nil, concurrency: concurrency, output: output, json: json,
                                                 api: api).run()
            }
            do {
                try await api.withRunner(forTask: id ?? "") { runner, record in
                    let progress = TaskProgress()
                    let finished = try await runner.wait(record) { progress.update($0) }
                    let (saved, results) = try await runner.download(finished, to: output)
                    guard try TaskOutput.reportSaved(saved, results, json: json) else { throw ExitCode.fileFailed }
                }
            } catch {
                throw TaskOutput.exitCode(reporting: error)
            }
        }
    }
}
