import ImageCodecs

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
public import Darwin
#endif

/// Locates the package's `samples/` folder and the team's shared corpora (`../shared/corpora`), and reads
/// corpus manifests. Tests that need the corpora skip with a message when they are absent.
public enum Corpus {
    /// The package root (the folder holding Package.swift).
    public static let packageRoot: String = {
        var path = #filePath
        for _ in 0..<3 { path = String(path[..<path.lastIndex(of: "/")!]) }
        return path
    }()

    /// `samples/` in the package.
    public static var samplesDirectory: String { packageRoot + "/samples" }

    /// `../shared/corpora` beside the package (or `$IMAGEPREP_CORPORA`), if present.
    public static var directory: String? {
        let candidates = [getenv("IMAGEPREP_CORPORA").map { String(cString: $0) }, packageRoot + "/../shared/corpora"]
        return candidates.compactMap { $0 }.first { access($0, F_OK) == 0 }
    }

    /// Whether the shared corpora are available.
    public static var isAvailable: Bool { directory != nil }

    /// The path of `file` in corpus folder `set` (for example `pngsuite`, `basn0g01.png`).
    public static func path(_ set: String, _ file: String) -> String? {
        directory.map { "\($0)/\(set)/\(file)" }
    }

    /// One row of a `MANIFEST.tsv`.
    public struct Entry: Sendable, CustomStringConvertible {
        public var set: String
        public var file: String
        public var bytes: Int
        public var format: String
        public var width: Int?
        public var height: Int?
        public var expectation: String
        public var note: String
        public var path: String

        public var description: String { "\(set)/\(file)" }
    }

    /// Every manifest row of every corpus set (empty when the corpora are absent).
    public static func entries() -> [Entry] {
        guard let root = directory, let sets = try? listDirectory(root) else { return [] }
        var result: [Entry] = []
        for set in sets.sorted() {
            guard let text = try? readText("\(root)/\(set)/MANIFEST.tsv") else { continue }
            for line in text.split(separator: "\n").dropFirst() {
                let f = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
                guard f.count >= 6 else { continue }
                result.append(Entry(set: set, file: f[0], bytes: Int(f[1]) ?? 0, format: f[2], width: Int(f[3]),
                                    height: Int(f[4]), expectation: f[5], note: f.count > 6 ? f[6] : "",
                                    path: "\(root)/\(set)/\(f[0])"))
            }
        }
        return result
    }

    /// Reads a small text file.
    public static func readText(_ path: String) throws -> String {
        String(decoding: try readBytes(path), as: UTF8.self)
    }

    /// Reads a whole file.
    public static func readBytes(_ path: String) throws -> [UInt8] {
        try ImageFile.read(path)
    }

    /// The names in a folder, without `.` and `..`.
    public static func listDirectory(_ path: String) throws -> [String] {
        guard let dir = opendir(path) else { throw CorpusError(path: path) }
        defer { closedir(dir) }
        var names: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            if name != "." && name != ".." { names.append(name) }
        }
        return names
    }

    public struct CorpusError: Error { public var path: String }
}
