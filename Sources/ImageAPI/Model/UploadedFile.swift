/// The `data` of a successful file-service upload.
public struct UploadedFile: Sendable, Equatable, Decodable {
    public var fileID: String?
    public var fileName: String?
    /// The URL to pass as an `image_urls` entry or `mask_url`.
    public var fileURL: String
    public var downloadURL: String?
    public var mimeType: String?
    /// Bytes.
    public var fileSize: Int?
    /// ISO 8601 (uploads expire after 72 h).
    public var expiresAt: String?

    public init(fileURL: String, fileID: String? = nil) {
        self.fileURL = fileURL
        self.fileID = fileID
    }

    enum CodingKeys: String, CodingKey {
        case fileID = "file_id", fileName = "file_name", fileURL = "file_url", downloadURL = "download_url"
        case mimeType = "mime_type", fileSize = "file_size", expiresAt = "expires_at"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        fileURL = try c.decode(String.self, forKey: .fileURL)
        fileID = (try? c.decode(LenientValue.self, forKey: .fileID))?.text
        fileName = try? c.decode(String.self, forKey: .fileName)
        downloadURL = try? c.decode(String.self, forKey: .downloadURL)
        mimeType = try? c.decode(String.self, forKey: .mimeType)
        fileSize = (try? c.decode(LenientValue.self, forKey: .fileSize))?.text.flatMap { Int($0) }
        expiresAt = try? c.decode(String.self, forKey: .expiresAt)
    }
}
