public import ImageCore
public import ImageRules

/// The output size asked for: one of the API's sizes, or `auto` (the API size nearest the source's aspect).
///
/// Text forms: `auto`, `1024x1024`, `1024x1536`, `1536x1024`, `1:1`, `2:3`, `3:2` (ratios name the pixel sizes:
/// 1:1 → 1024x1024, 2:3 → 1024x1536, 3:2 → 1536x1024). The library also accepts any other exact size.
public enum TargetSize: Sendable, Hashable, CustomStringConvertible {
    /// The API size whose aspect ratio is nearest the upright source's (compared on a log scale).
    case auto
    /// Exactly this many pixels.
    case exact(Size)

    /// The pixel sizes the image API accepts.
    public static let apiSizes = [Size(width: 1024, height: 1024), Size(width: 1024, height: 1536), Size(width: 1536, height: 1024)]

    /// Parses the text forms above; nil for anything else.
    public init?(parsing text: String) {
        switch text.lowercased() {
        case "auto": self = .auto
        case "1:1": self = .exact(Self.apiSizes[0])
        case "2:3": self = .exact(Self.apiSizes[1])
        case "3:2": self = .exact(Self.apiSizes[2])
        default:
            guard let size = Size(parsing: text), Self.apiSizes.contains(size) else { return nil }
            self = .exact(size)
        }
    }

    /// The pixel size for an upright source of `source` size.
    public func resolve(for source: Size) -> Size {
        switch self {
        case .exact(let size): return size
        case .auto:
            let ar = log(source.aspectRatio)
            return Self.apiSizes.min { abs(log($0.aspectRatio) - ar) < abs(log($1.aspectRatio) - ar) }!
        }
    }

    /// The same size as a request's `size` field: `auto` or exact pixels.
    public var requested: RequestedSize {
        switch self {
        case .auto: .auto
        case .exact(let size): .pixels(size)
        }
    }

    /// The target a request's `size` names when normalizing for it: `auto`, one of `apiSizes` given as pixels,
    /// or a ratio naming one of them; nil for any other size.
    public init?(_ requested: RequestedSize) {
        switch requested {
        case .auto: self = .auto
        case .pixels, .ratio:
            guard let size = requested.pixelSize(among: Self.apiSizes), Self.apiSizes.contains(size) else { return nil }
            self = .exact(size)
        case .unrecognized: return nil
        }
    }

    public var description: String {
        switch self {
        case .auto: "auto"
        case .exact(let size): size.description
        }
    }
}

#if canImport(Glibc)
import func Glibc.log
#elseif canImport(Darwin)
import func Darwin.log
#endif
