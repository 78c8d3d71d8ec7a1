public import ImageCore

/// The `size` a request asks the API for, as the request spells it: `auto`, a ratio (`3:2`) or pixels
/// (`1536x1024`).
///
/// Parsing never fails: text that is none of these stays `.unrecognized`, so a bundle with a wrong size still
/// loads and the rules name the problem (`size.allowed`). Which values a model accepts is the rules' business
/// (`ModelProfile.Sizes`), not this type's. `description` is the wire form: `auto`, `W:H`, `WxH` (lower-case
/// `x`, whatever the input used), or the unrecognized text as written.
public enum RequestedSize: Sendable, Hashable, Codable, CustomStringConvertible, ExpressibleByStringLiteral {
    /// Let the API choose (`auto`, any case).
    case auto
    /// An aspect ratio, `W:H` with both terms positive (`3:2` → width 3, height 2; not reduced).
    case ratio(width: Int, height: Int)
    /// Exact pixels, `WxH` or `W×H`.
    case pixels(Size)
    /// Anything else, kept verbatim.
    case unrecognized(String)

    /// Reads the text forms above; never fails.
    public init(parsing text: String) {
        if text.lowercased() == "auto" {
            self = .auto
        } else if let size = Size(parsing: text) {
            self = .pixels(size)
        } else if case let parts = text.split(separator: ":", omittingEmptySubsequences: false), parts.count == 2,
                  let w = Int(parts[0]), let h = Int(parts[1]), w > 0, h > 0 {
            self = .ratio(width: w, height: h)
        } else {
            self = .unrecognized(text)
        }
    }

    public init(stringLiteral value: String) { self.init(parsing: value) }

    /// Decodes the text form (a JSON string).
    public init(from decoder: any Decoder) throws {
        self.init(parsing: try decoder.singleValueContainer().decode(String.self))
    }

    /// Encodes the wire form (a JSON string).
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }

    public var description: String {
        switch self {
        case .auto: "auto"
        case .ratio(let w, let h): "\(w):\(h)"
        case .pixels(let size): size.description
        case .unrecognized(let text): text
        }
    }

    /// The pixel size this request names among `sizes`: the size itself for `.pixels`, the first of `sizes`
    /// with the ratio's aspect for `.ratio` (compared exactly, without overflow), nil otherwise.
    public func pixelSize(among sizes: [Size]) -> Size? {
        switch self {
        case .pixels(let size):
            return size
        case .ratio(let w, let h):
            return sizes.first { size in
                let (a, o1) = size.width.multipliedReportingOverflow(by: h)
                let (b, o2) = size.height.multipliedReportingOverflow(by: w)
                return !o1 && !o2 && a == b
            }
        case .auto, .unrecognized:
            return nil
        }
    }
}
