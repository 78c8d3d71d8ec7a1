import Crypto
import Foundation
import ImageCodecs
public import ImageRules

/// One bundle of a batch: where it was read, the manifest, and the stable key that identifies it in the
/// task history across runs.
public struct BatchJob: Sendable, Hashable {
    /// Where the bundle was read: `jobs.jsonl:12` (line numbers from 1) or the path of a `bundle.json`.
    public var source: String
    public var bundle: BundleManifest
    /// SHA-256 (64 hex digits) of the bundle's canonical JSON (`BundleManifest.encoded()`, keys sorted) with
    /// every local file it sends replaced by the SHA-256 of the file's bytes. The same request gives the same
    /// key wherever its files lie; changing a byte of an input, the prompt or an option gives a new one.
    public var key: String

    /// A job for `bundle`, its key computed from what the bundle sends.
    public init(source: String, bundle: BundleManifest) {
        self.source = source
        self.bundle = bundle
        self.key = Self.key(of: bundle)
    }

    /// Largest input file hashed for a key: 100 MiB (the file service's own limit). A larger or unreadable
    /// file is keyed by its path and the reason; the bundle's check then reports it.
    public static let maxHashedBytes = 100 << 20

    /// The stable key of `bundle` (see `key`).
    public static func key(of bundle: BundleManifest) -> String {
        func content(_ input: BundleInput) -> BundleInput {
            guard case .file(let path) = input else { return input }
            do {
                return .url("sha256:" + hex(SHA256.hash(data: try ImageFile.read(path, maxBytes: maxHashedBytes))))
            } catch {
                return .url("unreadable:\(path): \(error)")
            }
        }
        var canonical = bundle
        canonical.images = bundle.sentImages.map(content)
        canonical.mask = bundle.sentMask.map(content)
        canonical.prepared = nil
        canonical.directory = nil
        return hex(SHA256.hash(data: canonical.encoded()))
    }

    private static func hex(_ digest: SHA256.Digest) -> String {
        digest.map { String(format: "%02x", $0) }.joined()
    }

    // MARK: - Loading

    /// Largest jobs file read: 256 MiB.
    public static let maxJobsFileBytes = 256 << 20

    /// The jobs at `path`: a JSON Lines file (one bundle manifest per line; blank lines skipped; relative paths
    /// resolved against the file's folder), or a folder, searched recursively for files named `bundle.json`
    /// (as `imageprep prepare` writes them), in path order.
    ///
    /// - Throws: `BundleError` naming the file (and line) that cannot be read or parsed; nothing is sent then.
    public static func load(_ path: String) throws(BundleError) -> [BatchJob] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw BundleError(.unreadable, file: path, message: "no such jobs file or folder")
        }
        if isDirectory.boolValue {
            return try bundleFiles(under: path).map { file throws(BundleError) in
                BatchJob(source: file, bundle: try BundleManifest.load(file))
            }
        }
        let bytes: [UInt8]
        do {
            bytes = try ImageFile.read(path, maxBytes: maxJobsFileBytes)
        } catch {
            throw BundleError(.unreadable, file: path, message: "cannot read the jobs file", details: "\(error)")
        }
        let directory = BundlePath.directory(of: path)
        var jobs: [BatchJob] = []
        for (index, line) in bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).enumerated() {
            guard line.contains(where: { ![UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r")].contains($0) }) else { continue }
            let source = "\(path):\(index + 1)"
            jobs.append(BatchJob(source: source, bundle: try BundleManifest.decode(Array(line), file: source, directory: directory)))
        }
        return jobs
    }

    /// Every `bundle.json` under `folder`, sorted.
    private static func bundleFiles(under folder: String) -> [String] {
        var files: [String] = []
        let enumerator = FileManager.default.enumerator(atPath: folder)
        while let name = enumerator?.nextObject() as? String {
            if (name as NSString).lastPathComponent == "bundle.json" { files.append(folder + "/" + name) }
        }
        return files.sorted()
    }
}
