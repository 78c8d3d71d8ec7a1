import ArgumentParser
import ImageCore

/// The `imageprep` command: lists the subcommands; each lives in its own file under `Commands/`.
///
/// Exit codes: 0 success, 1 a file or check failed, 2 usage or I/O error, 75 a transient failure (retry).
@main
struct ImagePrepCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "imageprep",
        abstract: "Turn images on disk into inputs the gpt-4o-image edit API accepts, submit them, and bring the results home.",
        version: ImagePrepVersion.string,
        subcommands: [
            Info.self,
            Convert.self,
            Check.self,
            Normalize.self,
            MaskCommand.self,
            Prepare.self,
            SandboxCommand.self,
            Submit.self,
            Tasks.self,
            Providers.self,
            Edit.self,
            StudioCommand.self,
            Plan.self,
            Report.self,
        ])

    /// Runs the command and exits with its status.
    static func main() async {
        Terminal.exit(await runReturningStatus())
    }

    /// Parses and runs the command; returns the exit status after printing any message, mapping argument errors
    /// to 2 (ArgumentParser's default is 64). The error is released before `main` exits, so nothing is left
    /// alive in a suspended async frame (LeakSanitizer reported ArgumentParser's error state as leaked).
    static func runReturningStatus() async -> Int32 {
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
            return ExitCode.success.rawValue
        } catch {
            let code = exitCode(for: error)
            let message = fullMessage(for: error)
            if !message.isEmpty {
                if code == .success { print(message) } else { Terminal.error(message) }
            }
            return code == .validationFailure ? ExitCode.usage.rawValue : code.rawValue
        }
    }
}
