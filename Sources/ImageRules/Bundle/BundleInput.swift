/// One input of a bundle: a local file or a remote URL, exactly as the manifest or the command line gave it
/// (local paths already resolved against the manifest's folder).
///
/// A string is remote when it starts with a URL scheme followed by `://` (`https://…`, `http://…`, `s3://…`)
/// or is a `data:` URI. `file://` URLs become local paths. Everything else is a local path.
public enum BundleInput: Sendable, Hashable, CustomStringConvertible {
    /// A local file path (absolute, or relative to the current directory).
    case file(String)
    /// A remote input as written; `check` validates its syntax but never fetches it.
    case url(String)

    /// Classifies `text`; a relative local path is joined to `directory` (the manifest's folder) when given.
    public init(parsing text: String, relativeTo directory: String? = nil) {
        if let scheme = BundleInput.scheme(of: text), scheme != "file" {
            self = .url(text)
        } else if text.lowercased().hasPrefix("file://") {
            let rest = String(text.dropFirst("file://".count))
            // file:///abs/path or file://localhost/abs/path
            let path = rest.hasPrefix("/") ? rest : String(rest.drop { $0 != "/" })
            self = .file(BundlePath.removingPercentEncoding(path))
        } else {
            self = .file(BundlePath.resolve(text, against: directory))
        }
    }

    /// The path or URL as a string.
    public var description: String {
        switch self {
        case .file(let path): path
        case .url(let url): url
        }
    }

    /// The local path, or nil for a URL.
    public var path: String? {
        if case .file(let path) = self { return path }
        return nil
    }

    /// Whether this is a remote input.
    public var isRemote: Bool {
        if case .url = self { return true }
        return false
    }

    /// The lower-cased URL scheme when `text` starts with `scheme://` or is a `data:` URI; nil otherwise.
    static func scheme(of text: String) -> String? {
        if text.count >= 5, text.prefix(5).lowercased() == "data:" { return "data" }
        let chars = Array(text.utf8)
        guard let colon = chars.firstIndex(of: UInt8(ascii: ":")), chars[colon...].starts(with: Array("://".utf8))
        else { return nil }
        let scheme = text.prefix(colon)
        guard let first = scheme.first, first.isASCII, first.isLetter,
              scheme.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "+-.".contains($0)) })
        else { return nil }
        return scheme.lowercased()
    }
}
