import ArgumentParser
import ImageAPI
import ImagePrep

extension ImagePrepCommand {
    /// `imageprep tasks download ID`: (re)download a completed task's results.
    struct TasksDownload: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "download", abstract: "Download the results of a completed task (links expire after 24 h).")

        @OptionGroup var target: TaskTargetOptions

        @OptionGroup var fidelity: FidelityOptionGroup
        @OptionGroup var api: APIOptionGroup

        func run() async throws {
            do {
                try await api.withRunner(forTask: target.id) { runner, found in
                    var record = found
                    if record.resultURLs.isEmpty { record = try await runner.refresh(record) }
                    let (saved, results) = try await runner.download(record, to: target.output)
                    let figures = try FidelityPass(options: fidelity.options).apply(to: saved, history: runner.history)
                    if figures == nil && fidelity.options.keepOutsideMask {
                        Terminal.error("imageprep: --keep-outside-mask: task \(saved.displayID) has no base and mask recorded (not a masked task submitted by this client)")
                        throw ExitCode.usage
                    }
                    guard try TaskOutput.reportSaved(saved, results, json: target.json, fidelity: figures) else { throw ExitCode.fileFailed }
                }
            } catch {
                throw TaskOutput.exitCode(reporting: error)
            }
        }
    }
}
