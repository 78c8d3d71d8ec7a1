import Foundation
import SystemIO

extension ShardRunner {
    /// What a worker task needs to do one group of items (all with the same output).
    struct Context: Sendable {
        var folder: String
        var layout: OutputLayout
        var kind: OutputKind
        var maxInputBytes: Int
        /// Under `mirror`: item key → output recorded as done by an earlier report.
        var done: [String: String]
        var collisions: [String: String]
        var work: Work

        /// Does the first item of `items` (or finds its output done) and gives every item of the group an entry.
        func process(_ items: [ManifestItem]) async -> [ShardReport.Entry] {
            let first = items[0]
            let destination = folder + "/" + layout.stem(for: first)
            if let earlier = collisions[first.key] {
                return items.map {
                    ShardReport.Entry(item: $0, status: .failed, failure: .badInput,
                                      error: "\($0.path): its mirrored output name is taken by \(earlier); use --layout hashed")
                }
            }
            if let existing = existingOutput(destination), layout == .hashed || done[first.key] == existing {
                let size = Self.size(of: existing)
                return items.map { ShardReport.Entry(item: $0, status: .skipped, output: existing, outputBytes: size) }
            }
            do {
                let bytes = try LocalFile.read(first.path, maxBytes: maxInputBytes)
                guard ContentHash.sha256(bytes) == first.sha256 else {
                    throw ManifestError(file: first.path, message: "the file changed since it was planned (its SHA-256 differs); plan again")
                }
                let output = try await work(first, bytes, destination)
                let size = Self.size(of: output)
                return [ShardReport.Entry(item: first, status: .written, output: output, outputBytes: size)]
                    + items.dropFirst().map { ShardReport.Entry(item: $0, status: .skipped, output: output, outputBytes: size) }
            } catch {
                let kind = FailureKind.classify(error, input: first.path)
                return items.map { ShardReport.Entry(item: $0, status: .failed, failure: kind, error: "\(error)") }
            }
        }

        /// The output already made for `destination`, if any (outputs are renamed into place whole, so one that
        /// exists is complete).
        func existingOutput(_ destination: String) -> String? {
            switch kind {
            case .file(let extensions):
                return extensions.lazy.map { destination + "." + $0 }.first { LocalFile.exists($0) }
            case .folder:
                return ShardRunner.isFolder(destination) ? destination : nil
            }
        }

        /// The size of a file, or of the files in a folder, in bytes.
        static func size(of path: String) -> Int? {
            let manager = FileManager.default
            if !ShardRunner.isFolder(path) { return (try? manager.attributesOfItem(atPath: path))?[.size] as? Int }
            let names = (try? manager.contentsOfDirectory(atPath: path)) ?? []
            return names.reduce(0) { $0 + (((try? manager.attributesOfItem(atPath: path + "/" + $1))?[.size] as? Int) ?? 0) }
        }
    }

    static func isFolder(_ path: String) -> Bool { ManifestPlanner.isFolder(path) }
}
