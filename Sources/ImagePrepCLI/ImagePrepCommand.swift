import ArgumentParser
import ImagePrep

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The `imageprep` command: lists the subcommands; each lives in its own file under `Commands/`.
///
/// Exit codes: 0 success, 1 a file or check failed, 2 usage or I/O error.
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
            Mask.self,
            SandboxCommand.self,
        ])

    /// Runs the command, mapping argument errors to exit code 2 (ArgumentParser's default is 64).
    static func main() async {
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            let code = exitCode(for: error)
            if code == .validationFailure {
                let message = fullMessage(for: error)
                if !message.isEmpty { Terminal.error(message) }
                Terminal.exit(ExitCode.usage.rawValue)
            }
            exit(withError: error)
        }
    }
}
