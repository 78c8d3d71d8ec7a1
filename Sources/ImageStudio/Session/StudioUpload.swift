import ImageCore

/// One accepted upload: the file as sent (kept under a server-made name) and its normalized base.
struct StudioUpload: Sendable, Encodable {
    /// Server-generated id (`u1`, `u2`, …); the only handle the page has.
    var id: String
    /// The name the browser gave, for display only (never a path).
    var name: String
    /// The bytes as uploaded, `DATA/uploads/<id>/source`.
    var sourcePath: String
    /// The normalized PNG, `DATA/uploads/<id>/base.png`.
    var basePath: String
    /// The base's size in pixels.
    var width: Int
    var height: Int
    /// The original photo's upright size (EXIF orientation applied).
    var originalWidth: Int
    var originalHeight: Int
    /// Original upright frame → base pixels (crop, scale, pad): how shapes drawn on the base are re-projected.
    var transform: AffineTransform
    /// The EXIF orientation that was applied (1 = none).
    var orientation: Int
    /// The normalization's warnings, as sentences.
    var warnings: [String]

    enum CodingKeys: String, CodingKey {
        case id, name, width, height, originalWidth, originalHeight, transform, orientation, warnings
    }
}
