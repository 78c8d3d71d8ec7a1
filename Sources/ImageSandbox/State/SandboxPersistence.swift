import Foundation
import ImageCodecs

/// Where the sandbox keeps its state: in memory (default) or in a directory (`--data DIR`) holding
/// `state.json` (tasks, files, credits, idempotency keys) and `blobs/` (uploaded files and task inputs).
/// Every write is atomic (temp file + rename), so a crash never leaves a half-written state.
/// Only touched from inside `SandboxState`, which serialises access.
final class SandboxPersistence {
    /// Everything but the blobs.
    struct Snapshot: Codable {
        var tasks: [String: SandboxTaskRecord] = [:]
        var files: [String: FileRecord] = [:]
        var creditsUsed: Double = 0
        var idempotency: [String: String] = [:]
        var nextTaskSequence = 0
        var nextBlob = 0
    }

    private let directory: String?
    private var memoryBlobs: [String: [UInt8]] = [:]

    init(directory: String?) throws {
        self.directory = directory
        if let directory {
            try FileManager.default.createDirectory(atPath: directory + "/blobs", withIntermediateDirectories: true)
        }
    }

    /// The stored snapshot, or an empty one.
    func load() throws -> Snapshot {
        guard let directory, FileManager.default.fileExists(atPath: directory + "/state.json") else { return Snapshot() }
        let bytes = try ImageFile.read(directory + "/state.json", maxBytes: 1 << 30)
        return try JSONDecoder().decode(Snapshot.self, from: Data(bytes))
    }

    func save(_ snapshot: Snapshot) throws {
        guard let directory else { return }
        let data = try JSONResponse.encoder.encode(snapshot)
        try ImageFile.writeAtomically([UInt8](data), to: directory + "/state.json")
    }

    func writeBlob(_ name: String, _ bytes: [UInt8]) throws {
        if let directory {
            try ImageFile.writeAtomically(bytes, to: "\(directory)/blobs/\(name)")
        } else {
            memoryBlobs[name] = bytes
        }
    }

    func readBlob(_ name: String) -> [UInt8]? {
        if let directory { return try? ImageFile.read("\(directory)/blobs/\(name)", maxBytes: 1 << 30) }
        return memoryBlobs[name]
    }

    func deleteBlob(_ name: String) {
        if let directory {
            try? FileManager.default.removeItem(atPath: "\(directory)/blobs/\(name)")
        } else {
            memoryBlobs[name] = nil
        }
    }
}
