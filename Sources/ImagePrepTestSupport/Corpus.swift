import ImageCodecs

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
public import Darwin
#endif

/// Locates the package's `samples/` folder and the test corpora, and reads their manifests.
///
/// Two corpora share one layout (`<set>/MANIFEST.tsv`, the files, `SOURCE.md`): the repository's own compact
/// `Tests/Corpus` (always there: the tests run on it) and the team's larger shared corpora (`../shared/corpora`
/// beside the package, or `$IMAGEPREP_CORPORA`; optional). When the shared corpora are present they come first
/// and extend the same tests; the repository's files fill in whatever they lack. Setting `IMAGEPREP_CORPORA`
/// to a missing path hides the shared corpora, as on a fresh clone.
public enum Corpus {
    /// The package root (the folder holding Package.swift).
    public static let packageRoot: String = {
        var path = #filePath
        for _ in 0..<3 { path = String(path[..<path.lastIndex(of: "/")!]) }
        return path
    }()

    /// `samples/` in the package.
    public static var samplesDirectory: String { packageRoot + "/samples" }

    /// The repository's own corpus, `Tests/Corpus`.
    public static var repositoryDirectory: String { packageRoot + "/Tests/Corpus" }

    /// The shared corpora: `$IMAGEPREP_CORPORA` when set (nil when that path is missing), else
    /// `../shared/corpora` beside the package when present.
    public static var sharedDirectory: String? {
        let path = getenv("IMAGEPREP_CORPORA").map { String(cString: $0) } ?? packageRoot + "/../shared/corpora"
        return access(path, F_OK) == 0 ? path : nil
    }

    /// Whether the shared corpora extend the tests.
    public static var sharedIsAvailable: Bool { sharedDirectory != nil }

    /// The corpora to read, shared first.
    public static var directories: [String] { [sharedDirectory, repositoryDirectory].compactMap { $0 } }

    /// The path of `file` in corpus folder `set` (for example `pngsuite`, `basn0g01.png`): in the shared
    /// corpora when they have it, else in `Tests/Corpus`; nil when neither has it.
    public static func path(_ set: String, _ file: String) -> String? {
        directories.map { "\($0)/\(set)/\(file)" }.first { access($0, F_OK) == 0 }
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

    /// Every manifest row of every corpus set: the shared corpora's rows, then the rows of `Tests/Corpus` that
    /// the shared corpora do not have (all of `Tests/Corpus` when the shared corpora are absent).
    public static func entries() -> [Entry] { allEntries }

    private static let allEntries: [Entry] = {
        var result: [Entry] = []
        var seen = Set<String>()
        for root in directories {
            for set in ((try? listDirectory(root)) ?? []).sorted() {
                guard let text = try? readText("\(root)/\(set)/MANIFEST.tsv") else { continue }
                for line in text.split(separator: "\n").dropFirst() {
                    let f = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
                    guard f.count >= 6, seen.insert("\(set)/\(f[0])").inserted else { continue }
                    result.append(Entry(set: set, file: f[0], bytes: Int(f[1]) ?? 0, format: f[2], width: Int(f[3]),
                                        height: Int(f[4]), expectation: f[5], note: f.count > 6 ? f[6] : "",
                                        path: "\(root)/\(set)/\(f[0])"))
                }
            }
        }
        return result
    }()

    /// One line for test logs: how many corpus files the tests use, and what each corpus holds.
    public static var summary: String {
        let local = (try? listDirectory(repositoryDirectory))?.reduce(0) { count, set in
            count + ((try? readText("\(repositoryDirectory)/\(set)/MANIFEST.tsv"))?.split(separator: "\n").count ?? 1) - 1
        } ?? 0
        let shared = sharedDirectory.map { "the shared corpora at \($0) extend it" } ?? "shared corpora absent"
        return "corpus: \(allEntries.count) files tested (Tests/Corpus holds \(local); \(shared))"
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
