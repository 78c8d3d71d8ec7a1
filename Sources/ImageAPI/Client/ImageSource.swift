/// An input image: a local file to upload, or a remote URL passed through unchanged.
public enum ImageSource: Sendable, Hashable, CustomStringConvertible {
    case file(String)
    case url(String)

    /// `http://` and `https://` arguments are URLs; anything else is a path.
    public init(argument: String) {
        let lower = argument.lowercased()
        self = lower.hasPrefix("https://") || lower.hasPrefix("http://") ? .url(argument) : .file(argument)
    }

    public var description: String {
        switch self {
        case .file(let path): path
        case .url(let url): url
        }
    }
}
