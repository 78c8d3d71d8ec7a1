/// The encoded formats ImagePrep reads; JPEG, PNG and WebP are also written (`isWritable`).
///
/// HEIF (HEIC), AVIF, GIF and TIFF are input-only: the image API does not accept them, so `normalize` turns
/// them into JPEG (opaque) or PNG (alpha).
public enum ImageFormat: String, Sendable, Hashable, Codable, CaseIterable {
    case jpeg
    case png
    case webp
    /// HEIF with HEVC images (HEIC, iPhone photos); read through libheif.
    case heif
    /// HEIF with AV1 images; read through libheif.
    case avif
    /// GIF (first frame); read through giflib.
    case gif
    /// TIFF (first page); read through libtiff.
    case tiff

    /// The formats ImagePrep encodes (and the image API accepts): JPEG, PNG and WebP.
    public static let writable: [ImageFormat] = [.jpeg, .png, .webp]

    /// Whether ImagePrep can encode this format.
    public var isWritable: Bool { Self.writable.contains(self) }

    /// The usual file extension, without the dot.
    public var fileExtension: String {
        switch self {
        case .jpeg: "jpg"
        case .png: "png"
        case .webp: "webp"
        case .heif: "heic"
        case .avif: "avif"
        case .gif: "gif"
        case .tiff: "tiff"
        }
    }

    /// The MIME type.
    public var mimeType: String { "image/\(rawValue)" }

    /// The format a file extension names (`jpg`, `jpeg`, `png`, `webp`, `heic`, `heif`, `hif`, `avif`, `gif`,
    /// `tif`, `tiff`; case-insensitive), if any.
    public init?(fileExtension ext: String) {
        switch ext.lowercased() {
        case "jpg", "jpeg", "jpe", "jfif": self = .jpeg
        case "png": self = .png
        case "webp": self = .webp
        case "heic", "heif", "hif", "heics", "heifs": self = .heif
        case "avif", "avifs": self = .avif
        case "gif": self = .gif
        case "tif", "tiff": self = .tiff
        default: return nil
        }
    }

    /// The format a path's extension names, if any.
    public init?(path: String) {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return nil }
        self.init(fileExtension: String(name[name.index(after: dot)...]))
    }
}
