public import ImageCodecs

/// One problem `BundleRules` found: which rule, how bad, where, what was expected and how to fix it.
public struct RuleIssue: Sendable, Hashable, Codable, CustomStringConvertible {
    /// How bad an issue is.
    public enum Severity: String, Sendable, Hashable, Codable, Comparable {
        /// The API would refuse the request (or the rule's safe reading says it may).
        case error
        /// Suspicious or against a weaker source; `--strict` turns warnings into errors.
        case warning

        public static func < (a: Severity, b: Severity) -> Bool { a == .error && b == .warning }
    }

    /// The stable rule id (`image.bytes`, `mask.alpha`, `prompt.length`, …; list in docs/RULES.md).
    public var rule: String
    public var severity: Severity
    /// The file or URL the issue concerns, if any.
    public var file: String?
    /// The request option the issue concerns (`prompt`, `n`, `size`, `callback_url`, `model`, `images`), if not a file.
    public var option: String?
    /// "expected X, got Y", with the reason where sources disagree.
    public var message: String
    /// How to fix it, for people: a sentence, or for a `fix` the command line that applies it
    /// (`run: imageprep normalize --size 1536x1024 photo.jpg -o photo-normalized.jpg`).
    public var hint: String?
    /// The fix as data, when the library can apply it (a library caller runs `Normalizer` with these values
    /// instead of parsing `hint`).
    public var fix: Fix?

    /// A fix the library can apply itself.
    public enum Fix: Sendable, Hashable, Codable {
        /// Normalize `file` (to the API size `size`, as `format`, under `maxBytes` bytes; nil = the defaults).
        case normalize(file: String, size: String? = nil, format: ImageFormat? = nil, maxBytes: Int? = nil)

        /// The `imageprep` command line that applies the fix, as `hint` phrases it.
        public var commandLine: String {
            switch self {
            case .normalize(let file, let size, let format, let maxBytes):
                NormalizeHint.command(file, size: size, format: format, maxBytes: maxBytes)
            }
        }
    }

    /// `hint` defaults to `fix`'s command line.
    public init(rule: String, severity: Severity, file: String? = nil, option: String? = nil, message: String,
                hint: String? = nil, fix: Fix? = nil) {
        self.rule = rule
        self.severity = severity
        self.file = file
        self.option = option
        self.message = message
        self.hint = hint ?? fix?.commandLine
        self.fix = fix
    }

    /// The file or option, for grouping ("(bundle)" when neither).
    public var subject: String { file ?? option.map { "option \($0)" } ?? "(bundle)" }

    public var description: String {
        "\(severity.rawValue) [\(rule)] \(subject): \(message)" + (hint.map { " — \($0)" } ?? "")
    }
}
