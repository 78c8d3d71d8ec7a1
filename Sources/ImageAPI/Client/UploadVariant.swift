/// How a local file is sent to the file service.
public enum UploadVariant: String, Sendable, CaseIterable {
    /// `POST /api/v1/files/upload/stream`, multipart/form-data (the default).
    case stream
    /// `POST /api/v1/files/upload/base64`, JSON with a data URL.
    case base64
}
