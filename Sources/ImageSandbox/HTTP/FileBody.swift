import Foundation

/// The `data` of a file-service upload response (API-CONTRACT §6), also used for list items.
struct FileBody: Codable, Sendable, Equatable {
    var file_id: String
    var file_name: String
    var original_name: String
    var file_size: Int
    var mime_type: String
    var upload_path: String
    var file_url: String
    var download_url: String
    var upload_time: String
    var expires_at: String

    /// `file` as served from `baseURL`: `file_url` = `<base>/files/<id>/<name>`, `download_url` adds `?download=1`.
    init(_ file: FileRecord, baseURL: String) {
        file_id = file.id
        file_name = file.fileName
        original_name = file.originalName
        file_size = file.size
        mime_type = file.mimeType
        upload_path = file.uploadPath
        let escaped = file.fileName.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? file.fileName
        file_url = "\(baseURL)/files/\(file.id)/\(escaped)"
        download_url = file_url + "?download=1"
        upload_time = Self.iso8601(file.uploaded)
        expires_at = Self.iso8601(file.expires)
    }

    static func iso8601(_ seconds: Double) -> String {
        Date(timeIntervalSince1970: seconds.rounded(.down)).ISO8601Format()
    }
}
