/// One uploaded file.
struct FileRecord: Codable, Sendable {
    var id: String
    var fileName: String
    var originalName: String
    var size: Int
    var mimeType: String
    var uploadPath: String
    /// Sandbox-clock seconds.
    var uploaded: Double
    var expires: Double
    /// Blob holding the bytes.
    var blob: String
}
