import ArgumentParser
import Foundation
import ImageAPI

extension ImagePrepCommand {
    /// `imageprep tasks list`: a header of counts, then one line per task, newest first.
    struct TasksList: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List the task history, newest first.")

        @Flag(help: "Print the records as a JSON array.")
        var json = false

        @Flag(help: "Total the final charges recorded per provider (credits).")
        var total = false

        @OptionGroup var api: APIOptionGroup

        func run() async throws {
            do {
                let history = try api.history()
                let records = try history.list()
                if total { return try TaskOutput.printCharges(try history.chargedCredits(), json: json) }
                if json {
                    try JSONOutput.print(records.map { TaskOutput.RecordJSON($0) })
                    return
                }
                print(Self.header(records))
                for r in records {
                    let prompt = r.prompt.count > 40 ? String(r.prompt.prefix(39)) + "…" : r.prompt
                    let id = ("#\(r.localID ?? 0)").padding(toLength: 5, withPad: " ", startingAt: 0)
                    let task = (r.taskID ?? "-").padding(toLength: 36, withPad: " ", startingAt: 0)
                    let status = r.status.padding(toLength: 10, withPad: " ", startingAt: 0)
                    print("\(id) \(task) \(status) \(String(r.progress).leftPadded(to: 3))%  \(TaskOutput.timestamp(r.createdAt))  \(prompt)")
                }
            } catch {
                throw TaskOutput.exitCode(reporting: error)
            }
        }

        /// "N running · N completed", plus failed/unknown counts when there are any.
        static func header(_ records: [TaskRecord]) -> String {
            let running = records.filter { $0.isOpen && $0.status != TaskRecord.unknown }.count
            let completed = records.filter { $0.status == "completed" }.count
            let failed = records.filter { ["failed", "cancelled", TaskRecord.rejected].contains($0.status) }.count
            let unknown = records.filter { $0.status == TaskRecord.unknown }.count
            var parts = ["\(running) running", "\(completed) completed"]
            if failed > 0 { parts.append("\(failed) failed") }
            if unknown > 0 { parts.append("\(unknown) unknown") }
            return parts.joined(separator: " · ")
        }
    }
}
