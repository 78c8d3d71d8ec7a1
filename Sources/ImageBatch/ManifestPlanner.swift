import Dispatch
import Foundation
import SystemIO

/// Builds a manifest from command-line inputs: files, folders (walked recursively, hidden entries skipped,
/// names sorted) and `-` for a list of paths on standard input, one per line. Each file is read once (at most
/// `maxBytes`) and hashed with SHA-256, several at once.
public struct ManifestPlanner: Sendable {
    /// The job's options, copied into every line.
    public var options: JobOptions
    /// Files larger than this many bytes are refused (the decoder's input cap).
    public var maxBytes: Int
    /// Which files found in folders are taken (by name): the caller knows the image extensions.
    public var accepts: @Sendable (String) -> Bool

    public init(options: JobOptions, maxBytes: Int, accepts: @escaping @Sendable (String) -> Bool) {
        self.options = options
        self.maxBytes = maxBytes
        self.accepts = accepts
    }

    /// The manifest items for `inputs`, in input order (folders in sorted path order); `standardInput` is
    /// the text read for `-`.
    ///
    /// - Throws: `ManifestError` when nothing was found, `FileIOError` for a file that cannot be read.
    public func plan(_ inputs: [String], standardInput: String? = nil) throws -> [ManifestItem] {
        var found: [(path: String, relative: String)] = []
        for input in inputs {
            if input == "-" {
                for line in (standardInput ?? "").split(whereSeparator: \.isNewline) {
                    let path = line.trimmingCharacters(in: .whitespaces)
                    if !path.isEmpty { found.append((path, (path as NSString).lastPathComponent)) }
                }
            } else if Self.isFolder(input) {
                found += Self.walk(input).filter { accepts($0) }.map { relative in
                    ((input.hasSuffix("/") ? input : input + "/") + relative, relative)
                }
            } else {
                found.append((input, (input as NSString).lastPathComponent))
            }
        }
        guard !found.isEmpty else {
            throw ManifestError(file: inputs.joined(separator: ", "), message: "no image files found")
        }
        return try hash(found)
    }

    /// Reads and hashes every file, a processor's worth at once; the first failure is thrown.
    private func hash(_ files: [(path: String, relative: String)]) throws -> [ManifestItem] {
        let results = Results(count: files.count)
        let maxBytes = maxBytes, options = options
        DispatchQueue.concurrentPerform(iterations: files.count) { i in
            let file = files[i]
            results.set(i, Result { () throws(FileIOError) -> ManifestItem in
                let bytes = try LocalFile.read(file.path, maxBytes: maxBytes)
                return ManifestItem(path: file.path, bytes: bytes.count, sha256: ContentHash.sha256(bytes),
                                    relativePath: file.relative, options: options)
            })
        }
        return try results.values.map { try $0!.get() }
    }

    /// The files under `folder` as paths relative to it, sorted, hidden files and folders skipped. A symbolic
    /// link to a file counts as that file; a link to a folder is not followed (no cycles).
    static func walk(_ folder: String) -> [String] {
        guard let walker = FileManager.default.enumerator(atPath: folder) else { return [] }
        var files: [String] = []
        while let relative = walker.nextObject() as? String {
            let name = (relative as NSString).lastPathComponent
            if name.hasPrefix(".") {
                if walker.fileAttributes?[.type] as? FileAttributeType == .typeDirectory { walker.skipDescendants() }
                continue
            }
            switch walker.fileAttributes?[.type] as? FileAttributeType {
            case .typeRegular?: files.append(relative)
            case .typeSymbolicLink?: if LocalFile.isRegularFile(folder + "/" + relative) { files.append(relative) }
            default: break
            }
        }
        return files.sorted()
    }

    /// Whether `path` is a folder (following symbolic links).
    public static func isFolder(_ path: String) -> Bool {
        var isDir: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDir) && isDir.boolValue
    }

    /// Slots filled from many threads.
    private final class Results: @unchecked Sendable {
        private let lock = NSLock()
        private(set) var values: [Result<ManifestItem, FileIOError>?]

        init(count: Int) { values = Array(repeating: nil, count: count) }

        func set(_ i: Int, _ value: Result<ManifestItem, FileIOError>) { lock.withLock { values[i] = value } }
    }
}
