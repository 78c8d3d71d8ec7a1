import Foundation
import HTTPTypes
import Hummingbird

/// Request bodies read with a limit checked while they stream in: a body over the limit is refused (413)
/// as soon as it passes it (or at once when its Content-Length says so), never buffered whole.
enum JSONBody {
    /// The body's bytes, at most `limit`.
    ///
    /// - Throws: `StudioError` 413 when the body is larger.
    static func collect(_ request: Request, limit: Int, what: String = "the request body") async throws -> [UInt8] {
        if let length = request.headers[.contentLength].flatMap(Int.init), length > limit {
            throw StudioError(.contentTooLarge, "\(what) has \(length) bytes; the limit is \(limit)")
        }
        var bytes: [UInt8] = []
        for try await buffer in request.body {
            guard bytes.count + buffer.readableBytes <= limit else {
                throw StudioError(.contentTooLarge, "\(what) is larger than the limit of \(limit) bytes")
            }
            bytes.append(contentsOf: buffer.readableBytesView)
        }
        return bytes
    }

    /// The body decoded as JSON `T`.
    ///
    /// - Throws: `StudioError` 413 over `limit`, 400 when it is not `T`.
    static func decode<T: Decodable>(_ type: T.Type, from request: Request, limit: Int) async throws -> T {
        let bytes = try await collect(request, limit: limit)
        do {
            return try JSONDecoder().decode(T.self, from: Data(bytes))
        } catch {
            throw StudioError(.badRequest, "the body is not the expected JSON: \(error)")
        }
    }
}
