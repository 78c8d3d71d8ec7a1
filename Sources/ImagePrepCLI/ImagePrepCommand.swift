import ArgumentParser
import ImagePrep

@main
struct ImagePrepCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "imageprep",
        abstract: "Turn images on disk into inputs the gpt-4o-image edit API accepts, submit them, and bring the results home.",
        version: ImagePrepVersion.string,
        subcommands: [
            SandboxCommand.self,
        ])
}
