/// Every rule `BundleRules` can report: its stable id, default severity and what it concerns.
///
/// Used for JUnit output (one test case per checked subject and rule) and kept in step with docs/RULES.md
/// and the table-driven tests, which assert that every id here has a failing bundle.
public enum RuleCatalog {
    /// What a rule is about.
    public enum Scope: String, Sendable, Hashable {
        /// A local reference image file.
        case imageFile
        /// A remote reference image URL.
        case imageURL
        /// A local mask file.
        case maskFile
        /// A remote mask URL.
        case maskURL
        /// A request option; the rule's `option` names it.
        case option
    }

    /// One rule.
    public struct Rule: Sendable, Hashable {
        public var id: String
        public var severity: RuleIssue.Severity
        public var scope: Scope
        /// For `.option` rules: the option name (`prompt`, `n`, `size`, `callback_url`, `images`, `model`).
        public var option: String?
        /// One line on what the rule checks.
        public var summary: String
    }

    /// All rules, in report order.
    public static let rules: [Rule] = {
        var rules: [Rule] = []
        func add(_ id: String, _ severity: RuleIssue.Severity, _ scopes: [Scope], option: String? = nil, _ summary: String) {
            for scope in scopes { rules.append(Rule(id: id, severity: severity, scope: scope, option: option, summary: summary)) }
        }
        add("image.unreadable", .error, [.imageFile], "the file can be read")
        add("image.format", .error, [.imageFile], "sniffed content is an accepted format (JPEG/PNG/WebP)")
        add("image.extension", .warning, [.imageFile], "the name's extension matches the content and is one the API documents")
        add("image.decode", .error, [.imageFile], "the header parses (the pixels decode with --deep)")
        add("image.decode-warning", .warning, [.imageFile], "decoding (--deep) met no recoverable damage")
        add("image.animated", .warning, [.imageFile], "a still image, not an animation")
        add("image.bytes", .error, [.imageFile], "file size within the model's per-image limit")
        add("image.bytes-advisory", .warning, [.imageFile], "file size within the smaller limit some sources give")
        add("image.orientation", .warning, [.imageFile], "pixels stored upright (no EXIF rotation left to apply)")
        add("image.dimensions", .error, [.imageFile], "reference size equals the requested pixel size (gpt-4o-image)")
        add("image.edit-size", .warning, [.imageFile], "reference is one of the model's edit sizes when no size is requested (gpt-4o-image)")
        add("mask.base-format", .warning, [.imageFile], "with a mask, the base image is PNG")
        add("image.url", .error, [.imageURL], "a well-formed http(s) URL on a host the API server can reach")
        add("image.url-host", .warning, [.imageURL], "the host does not look internal")
        add("image.url-extension", .warning, [.imageURL], "the URL path ends in an image extension")
        add("image.count", .error, [.option], option: "images", "no more reference images than the model takes")
        add("mask.unsupported", .error, [.maskFile, .maskURL], "the model takes a mask")
        add("mask.without-image", .error, [.maskFile, .maskURL], "a mask comes with a reference image")
        add("mask.multiple-images", .error, [.maskFile, .maskURL], "a mask comes with at most one reference image")
        add("mask.unreadable", .error, [.maskFile], "the file can be read")
        add("mask.format", .error, [.maskFile], "sniffed content is PNG")
        add("mask.extension", .warning, [.maskFile], "the name's extension matches the content")
        add("mask.decode", .error, [.maskFile], "the mask decodes")
        add("mask.decode-warning", .warning, [.maskFile], "decoding met no recoverable damage")
        add("mask.animated", .warning, [.maskFile], "a still image")
        add("mask.bytes", .error, [.maskFile], "file size within the mask limit (4 MB)")
        add("mask.alpha", .error, [.maskFile], "the mask has an alpha channel")
        add("mask.alpha-opaque", .warning, [.maskFile], "some pixels are transparent (something to edit)")
        add("mask.alpha-transparent", .warning, [.maskFile], "some pixels are opaque (something to keep)")
        add("mask.polarity", .warning, [.maskFile], "transparent pixels are white, so both polarity readings agree")
        add("mask.size-mismatch", .error, [.maskFile], "mask width and height equal the reference image's")
        add("mask.url", .error, [.maskURL], "a well-formed http(s) URL on a host the API server can reach")
        add("mask.url-host", .warning, [.maskURL], "the host does not look internal")
        add("mask.url-extension", .warning, [.maskURL], "the URL path ends in .png")
        add("model.unknown", .error, [.option], option: "model", "a profile exists for the model")
        add("prompt.missing", .error, [.option], option: "prompt", "a non-empty prompt")
        add("prompt.length", .error, [.option], option: "prompt", "prompt length within the model's limit")
        add("n.allowed", .error, [.option], option: "n", "n is one of the allowed values")
        add("size.allowed", .error, [.option], option: "size", "size is one of the model's values")
        add("size.pixels", .error, [.option], option: "size", "an explicit WxH meets the model's pixel rules (gpt-image-2)")
        add("size.unverified", .warning, [.option], option: "size", "the model documents its sizes")
        add("callback.length", .error, [.option], option: "callback_url", "at most 2048 characters")
        add("callback.syntax", .error, [.option], option: "callback_url", "a well-formed URL")
        add("callback.https", .error, [.option], option: "callback_url", "https only")
        add("callback.private-address", .error, [.option], option: "callback_url", "not a loopback, private, link-local or other internal address")
        add("callback.internal-name", .warning, [.option], option: "callback_url", "the host name does not look internal")
        return rules
    }()

    /// All distinct rule ids.
    public static var ids: [String] {
        var seen = Set<String>()
        return rules.map(\.id).filter { seen.insert($0).inserted }
    }

    /// The rules that apply to `scope` (and, for options, to option `option`).
    public static func rules(for scope: Scope, option: String? = nil) -> [Rule] {
        rules.filter { $0.scope == scope && (scope != .option || $0.option == option) }
    }
}
