import ArgumentParser

extension ImagePrepCommand {
    /// `imageprep tasks`: the task history (list, show, wait, download).
    struct Tasks: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "tasks",
            abstract: "List and follow submitted tasks; resume waits and downloads after an interruption.",
            subcommands: [TasksList.self, TasksShow.self, TasksWait.self, TasksDownload.self],
            defaultSubcommand: TasksList.self)
    }
}
