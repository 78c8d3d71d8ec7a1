import ArgumentParser
import Foundation
import ImageBatch
import ImageCodecs
import ImagePrep

extension ImagePrepCommand {
    /// `imageprep plan INPUT... [-] -o plan.jsonl`: the manifest of a job, one JSON line per input.
    struct Plan: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "plan",
            abstract: "Write a job's manifest: one JSON line per input image (path, bytes, SHA-256, relative path, options).",
            discussion: """
                Folders are walked recursively (hidden entries skipped, image extensions only); `-` reads a list of \\
                paths from standard input, one per line. The shaping flags are recorded in every line: `normalize \\
                --manifest` uses them. Exit codes: 0 written, 1 an input could not be read, \\
                2 usage error or the manifest could not be written.
                """)

        @Argument(help: "Input images, folders of them, or - for a list of paths on standard input.")
        var inputs: [String]

        @Option(name: .shortAndLong, help: ArgumentHelp("The manifest to write (- for standard output).", valueName: "plan.jsonl"))
        var output: String

        @OptionGroup var job: JobOptionsArguments

        func run() async throws {
            let planner = ManifestPlanner(options: job.jobOptions, maxBytes: job.decoding.maxInputBytes) { ImageFormat(path: $0) != nil }
            let list = inputs.contains("-") ? String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self) : nil
            let items: [ManifestItem]
            do {
                items = try planner.plan(inputs, standardInput: list)
            } catch {
                Terminal.report(error)
                throw ExitCode.fileFailed
            }
            do {
                try Manifest.write(items, to: output)
            } catch {
                Terminal.report(error)
                throw ExitCode.usage
            }
            let bytes = items.reduce(0) { $0 + $1.bytes }
            Terminal.error("imageprep: planned \(items.count) inputs (\(ByteCount.format(bytes))), options \(job.jobOptions.hash) → \(output)")
        }
    }
}
