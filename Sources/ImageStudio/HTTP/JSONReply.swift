import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// JSON responses and the error the handlers throw to answer with a status and a message.
enum JSONReply {
    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }()

    /// `value` as JSON with `status`.
    static func make(_ status: HTTPResponse.Status = .ok, _ value: some Encodable) -> Response {
        let data = (try? encoder.encode(value)) ?? Data("{}".utf8)
        return bytes(status, [UInt8](data), type: "application/json; charset=utf-8")
    }

    /// `{"error": message}` with `status`.
    static func error(_ status: HTTPResponse.Status, _ message: String) -> Response {
        make(status, ["error": message])
    }

    /// Raw bytes with a content type.
    static func bytes(_ status: HTTPResponse.Status = .ok, _ bytes: [UInt8], type: String) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = type
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
    }
}

/// A failure a handler reports to the page: its status and a sentence.
struct StudioError: Error, CustomStringConvertible {
    var status: HTTPResponse.Status
    var message: String

    init(_ status: HTTPResponse.Status, _ message: String) {
        self.status = status
        self.message = message
    }

    var description: String { message }
}
