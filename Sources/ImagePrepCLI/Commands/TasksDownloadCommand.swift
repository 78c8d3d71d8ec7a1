import ArgumentParser
import ImageAPI

extension ImagePrepCommand {
    /// `imageprep tasks download ID`: (re)download a completed task's results.
    struct TasksDownload: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "download", abstract: "Download the results of a completed task (links expire after 24 h).")

        @OptionGroup var target: TaskTargetOptions

        @OptionGroup var api: APIOptionGroup

        func run() async throws {
            do {
                try await api.withRunner(forTask: target.id) { runner, found in
                    var record = found
                    if record.resultURLs.isEmpty { record = try await runner.refresh(record) }
                    let (saved, results) = try await runner.download(record, to: target.output)
                    guard try TaskOutput.reportSaved(saved, results, json: target.json) else { throw ExitCode.fileFailed }
                }
            } catch {
                throw TaskOutput.exitCode(reporting: error)
            }
        }
    }
}
