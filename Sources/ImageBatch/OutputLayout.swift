/// Where a manifest item's output goes under the output folder. Both layouts depend only on the item and the
/// options, never on the order of work or on which shard did it, so a rerun finds what an earlier run wrote.
public enum OutputLayout: String, Sendable, Hashable, Codable, CaseIterable {
    /// `<first 32 hex digits of the content hash>-<options hash>.<ext>`: content-addressed, so an output
    /// that exists is this input made with these options (outputs are renamed into place whole).
    case hashed
    /// The input's path under the folder it was planned from, with the output's extension
    /// (`shoes/red.jpg` → `shoes/red.png`): names people recognise, at the cost that an output only counts
    /// as done with a matching report entry.
    case mirror

    /// The output's path under the output folder, without the extension.
    public func stem(for item: ManifestItem) -> String {
        switch self {
        case .hashed:
            return "\(item.sha256.prefix(32))-\(item.options.hash)"
        case .mirror:
            let parts = item.relativePath.split(separator: "/").filter { $0 != "." && $0 != ".." && !$0.isEmpty }
            var path = parts.joined(separator: "/")
            if let dot = path.lastIndex(of: "."), !path[dot...].contains("/"), dot != path.startIndex { path = String(path[..<dot]) }
            return path.isEmpty ? String(item.sha256.prefix(32)) : path
        }
    }
}

/// What one item's output is: a file with one of some extensions (normalize: `jpg`, `png`, `webp`, known
/// only after encoding when the format is `auto`), or a folder (prepare: base, mask, preview, bundle).
public enum OutputKind: Sendable, Hashable {
    case file(extensions: [String])
    case folder
}
