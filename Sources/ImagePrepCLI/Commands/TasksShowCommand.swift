import ArgumentParser
import ImageAPI

extension ImagePrepCommand {
    /// `imageprep tasks show ID`: one record in full.
    struct TasksShow: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "show", abstract: "Show one task from the history (by #local id, task id or idempotency key).")

        @Argument(help: "The task: local id (3 or #3), task id, or idempotency key.")
        var id: String

        @Flag(help: "Ask the API for the task's current state first and record it.")
        var refresh = false

        @Flag(help: "Print the record as JSON.")
        var json = false

        @OptionGroup var api: APIOptionGroup

        func run() async throws {
            do {
                let history = try api.history()
                var record = try TasksShow.find(id, in: history)
                if refresh, record.taskID != nil { record = try await api.withRunner(forTask: id) { try await $0.refresh($1) } }
                let attempts = try record.localID.map { try history.attempts(of: $0) } ?? []
                let figures = try record.localID.flatMap { try history.fidelity(for: $0) }?.results
                if json {
                    var output = TaskOutput.RecordJSON(record, fidelity: figures)
                    output.attempts = attempts.map(TaskOutput.AttemptJSON.init)
                    try JSONOutput.print(output)
                } else {
                    print(([TaskOutput.details(record)] + FidelityOutput.lines(figures ?? [])).joined(separator: "\n"))
                    if !attempts.isEmpty { print(TaskOutput.journal(attempts)) }
                }
            } catch {
                throw TaskOutput.exitCode(reporting: error)
            }
        }

        /// The record for `id`, or a `.notFound` error.
        static func find(_ id: String, in history: TaskHistory) throws -> TaskRecord {
            guard let record = try history.find(id) else {
                throw ClientError(.notFound, message: "no task \(id) in the history", file: history.path)
            }
            return record
        }
    }
}
