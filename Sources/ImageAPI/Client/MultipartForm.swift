/// A `multipart/form-data` body (RFC 7578): text fields and file parts, in the order added.
struct MultipartForm: Sendable {
    let boundary: String
    private(set) var body: [UInt8] = []

    init(boundary: String) {
        self.boundary = boundary
    }

    var contentType: String { "multipart/form-data; boundary=\(boundary)" }

    mutating func addField(_ name: String, _ value: String) {
        append("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(Self.quoted(name))\"\r\n\r\n")
        append(value)
        append("\r\n")
    }

    mutating func addFile(_ name: String, fileName: String, contentType: String, bytes: [UInt8]) {
        append("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(Self.quoted(name))\"; filename=\"\(Self.quoted(fileName))\"\r\n")
        append("Content-Type: \(contentType)\r\n\r\n")
        body += bytes
        append("\r\n")
    }

    /// The finished body (closing boundary appended).
    func finished() -> [UInt8] {
        body + Array("--\(boundary)--\r\n".utf8)
    }

    private mutating func append(_ text: String) { body += Array(text.utf8) }

    private static func quoted(_ text: String) -> String {
        text.replacing("\\", with: "\\\\").replacing("\"", with: "%22").replacing("\r", with: "").replacing("\n", with: "")
    }
}
