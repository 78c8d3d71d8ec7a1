public import ImageCodecs
public import ImageCore

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
    /// How to fix it, in words for people ("normalize it to 1536x1024"); defaults to `fix`'s `summary`. Never a
    /// command line: a front end phrases `fix` in its own terms (the CLI prints the `imageprep` command).
    public var hint: String?
    /// The fix as data, when one is known (a library caller runs `Normalizer` or redraws the mask with these
    /// values instead of parsing `hint`).
    public var fix: Fix?

    /// A fix a program can apply.
    public enum Fix: Sendable, Hashable, Codable {
        /// Normalize `file`: to `size` pixels, as `format`, under `maxBytes` bytes (nil = the normalizer's defaults:
        /// the API size nearest the upright aspect, JPEG or PNG by alpha, the API's byte cap).
        case normalize(file: String, size: Size? = nil, format: ImageFormat? = nil, maxBytes: Int? = nil)
        /// Ask for this `size` instead.
        case size(RequestedSize)
        /// Ask for this many images instead.
        case n(Int)
        /// Draw the mask again with ImagePrep's renderer (a PNG with alpha, transparent = edit, the edit area
        /// white, ≤ 4 MB), at the size of `base` when known; `hardEdges` without feathering, `inverted` with
        /// the edit and keep areas swapped.
        case drawMask(base: String? = nil, hardEdges: Bool = false, inverted: Bool = false)

        /// The fix in words, as `hint` shows it by default.
        public var summary: String {
            switch self {
            case .normalize(_, let size, let format, let maxBytes):
                var parts = ["normalize it"]
                if let size { parts.append("to \(size)") }
                if let format { parts.append("as \(format.rawValue.uppercased())") }
                if let maxBytes { parts.append("under \(BundleRules.bytes(maxBytes))") }
                return parts.joined(separator: " ")
            case .size(let size):
                return "ask for size \(size)"
            case .n(let n):
                return "ask for n = \(n)"
            case .drawMask(let base, let hardEdges, let inverted):
                var text = "draw the mask again with ImagePrep's mask renderer"
                if let base { text += " at the size of \(base)" }
                if hardEdges { text += ", with hard edges" }
                if inverted { text += ", inverted" }
                return text
            }
        }
    }

    /// `hint` defaults to `fix`'s summary.
    public init(rule: String, severity: Severity, file: String? = nil, option: String? = nil, message: String,
                hint: String? = nil, fix: Fix? = nil) {
        self.rule = rule
        self.severity = severity
        self.file = file
        self.option = option
        self.message = message
        self.hint = hint ?? fix?.summary
        self.fix = fix
    }

    /// The file or option, for grouping ("(bundle)" when neither).
    public var subject: String { file ?? option.map { "option \($0)" } ?? "(bundle)" }

    public var description: String {
        "\(severity.rawValue) [\(rule)] \(subject): \(message)" + (hint.map { " — \($0)" } ?? "")
    }
}
