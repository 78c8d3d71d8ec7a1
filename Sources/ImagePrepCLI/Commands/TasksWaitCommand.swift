import ArgumentParser
import ImageAPI

extension ImagePrepCommand {
    /// `imageprep tasks wait ID`: resume a task after `--no-wait`, a timeout, an unknown outcome or a killed process.
    struct TasksWait: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "wait",
            abstract: "Wait for a task to end and save its results.",
            discussion: """
                A task whose create has no recorded answer (status sending or unknown) is first reconciled: the \
                create is resent with the SAME idempotency key, so an idempotent server returns the original task \
                instead of starting a second one.
                """)

        @OptionGroup var target: TaskTargetOptions

        @OptionGroup var api: APIOptionGroup

        func run() async throws {
            do {
                try await api.withRunner(forTask: target.id) { runner, record in
                    let progress = TaskProgress()
                    let finished = try await runner.wait(record) { progress.update($0) }
                    let (saved, results) = try await runner.download(finished, to: target.output)
                    guard try TaskOutput.reportSaved(saved, results, json: target.json) else { throw ExitCode.fileFailed }
                }
            } catch {
                throw TaskOutput.exitCode(reporting: error)
            }
        }
    }
}
