import HTTPTypes
import Hummingbird

/// An error of the file service (`/api/v1/files/…`), answered with its envelope
/// `{"success":false,"code":<business code>,"msg":"…","data":null}` and a matching HTTP status.
struct FileAPIError: Error, HTTPResponseError {
    var status: HTTPResponse.Status
    /// 40001 too large, 40002 type not allowed, 40003 quota exceeded, 40004 URL download failed,
    /// 40000 bad request, 40100 unauthorised, 40400 not found, 50001 storage error.
    var code: Int
    var message: String
    var headers: HTTPFields = [:]

    private struct Body: Encodable {
        var success = false
        var code: Int
        var msg: String
        var data: String? = nil

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(success, forKey: .success)
            try container.encode(code, forKey: .code)
            try container.encode(msg, forKey: .msg)
            try container.encodeNil(forKey: .data)
        }
        enum CodingKeys: String, CodingKey { case success, code, msg, data }
    }

    func response(from request: Request, context: some RequestContext) throws -> Response {
        JSONResponse.make(status, Body(code: code, msg: message), headers: headers)
    }

    static func tooLarge(_ message: String) -> FileAPIError { FileAPIError(status: .contentTooLarge, code: 40001, message: message) }
    static func typeNotAllowed(_ message: String) -> FileAPIError { FileAPIError(status: .badRequest, code: 40002, message: message) }
    static func quotaExceeded(_ message: String) -> FileAPIError { FileAPIError(status: .forbidden, code: 40003, message: message) }
    static func downloadFailed(_ message: String) -> FileAPIError { FileAPIError(status: .badRequest, code: 40004, message: message) }
    static func invalid(_ message: String) -> FileAPIError { FileAPIError(status: .badRequest, code: 40000, message: message) }
    static let unauthorized = FileAPIError(status: .unauthorized, code: 40100, message: "Invalid or expired token")
    static func notFound(_ message: String) -> FileAPIError { FileAPIError(status: .notFound, code: 40400, message: message) }
    static func storage(_ message: String) -> FileAPIError { FileAPIError(status: .internalServerError, code: 50001, message: message) }
}
