import SystemIO
import Synchronization

/// A transport that answers from a closure and records every request, for unit tests and offline demos.
///
/// The handler sees each request in order with its 0-based index; it may return a response or throw a
/// `TransportError` to simulate a network failure. `download` writes the body of a 2xx response to the file.
public final class InMemoryTransport: HTTPTransport {
    /// Produces the response for one request.
    public typealias Handler = @Sendable (_ request: TransportRequest, _ index: Int) async throws -> TransportResponse

    private let handler: Handler
    private let log = Mutex<[TransportRequest]>([])

    public init(handler: @escaping Handler) {
        self.handler = handler
    }

    /// Every request received so far, in order.
    public var requests: [TransportRequest] { log.withLock { $0 } }

    /// Records `request` and returns the handler's answer.
    ///
    /// - Throws: passes on the handler's errors.
    public func send(_ request: TransportRequest) async throws -> TransportResponse {
        let index = log.withLock { log in
            log.append(request)
            return log.count - 1
        }
        return try await handler(request, index)
    }

    /// Records `request` and writes the handler's answer body to `path`.
    ///
    /// - Throws: passes on the handler's errors; `FileIOError` when `path` cannot be written.
    public func download(_ request: TransportRequest, to path: String) async throws -> TransportResponse {
        var response = try await send(request)
        guard response.isSuccess else { return response }
        do {
            try LocalFile.write(response.body, to: path)
        } catch {
            throw TransportError(.fileWrite, mayHaveBeenDelivered: true, details: "\(error)")
        }
        response.body = []
        return response
    }
}
