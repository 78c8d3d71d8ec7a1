public import ImageCodecs

/// The output format asked for.
public enum OutputFormat: String, Sendable, Hashable, Codable, CaseIterable {
    /// PNG when the output uses alpha (transparent pixels or a transparent pad), else JPEG.
    case auto
    case png
    case jpeg
    case webp

    /// The concrete format, if not `auto`.
    public var format: ImageFormat? {
        switch self {
        case .auto: nil
        case .png: .png
        case .jpeg: .jpeg
        case .webp: .webp
        }
    }

    /// Parses `auto`, `png`, `jpeg`/`jpg`, `webp`.
    public init?(parsing text: String) {
        if text.lowercased() == "auto" { self = .auto; return }
        guard let f = ImageFormat(fileExtension: text) else { return nil }
        switch f {
        case .png: self = .png
        case .jpeg: self = .jpeg
        case .webp: self = .webp
        case .heif, .avif, .gif, .tiff: return nil  // read-only formats
        }
    }
}
