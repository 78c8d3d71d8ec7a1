import Foundation
public import SystemIO

/// A manifest: JSON lines, one `ManifestItem` per line, as `imageprep plan` writes and `--manifest` reads
/// (and as `report merge --failed-manifest` writes the items to retry).
public enum Manifest {
    /// The manifest text for `items`: one compact JSON object per line, keys sorted, each line ending in `\n`.
    public static func encode(_ items: [ManifestItem]) -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var out: [UInt8] = []
        for item in items {
            out += (try? encoder.encode(item)).map(Array.init) ?? []
            out.append(0x0A)
        }
        return out
    }

    /// Writes `items` to `path` atomically (temporary file and rename); `-` writes to standard output.
    ///
    /// - Throws: `FileIOError` naming the path.
    public static func write(_ items: [ManifestItem], to path: String) throws(FileIOError) {
        try LocalFile.writeAtomically(encode(items), to: path)
    }

    /// Reads a manifest file (`-`: standard input) of at most `maxBytes` (default 1 GiB). Blank lines are skipped.
    ///
    /// - Throws: `FileIOError` when it cannot be read, `ManifestError` naming the line that is not an item.
    public static func read(_ path: String, maxBytes: Int = 1 << 30) throws -> [ManifestItem] {
        try decode(LocalFile.read(path, maxBytes: maxBytes), name: path)
    }

    /// Parses manifest text; `name` is the file named in errors.
    ///
    /// - Throws: `ManifestError` naming the first line that is not a manifest item.
    public static func decode(_ bytes: [UInt8], name: String) throws(ManifestError) -> [ManifestItem] {
        let decoder = JSONDecoder()
        var items: [ManifestItem] = []
        for (number, line) in bytes.split(separator: 0x0A, omittingEmptySubsequences: false).enumerated() {
            if line.allSatisfy({ $0 == 0x20 || $0 == 0x0D || $0 == 0x09 }) { continue }
            do {
                items.append(try decoder.decode(ManifestItem.self, from: Data(line)))
            } catch {
                throw ManifestError(file: name, line: number + 1, message: "not a manifest item (path, bytes, sha256, relativePath, options)")
            }
        }
        return items
    }
}
