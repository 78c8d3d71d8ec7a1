/// The seam between the client and the network: one request in, one response out.
///
/// `AsyncHTTPTransport` talks to real servers; `InMemoryTransport` answers from a closure, for unit tests.
/// Implementations throw `TransportError` for failures below HTTP (no connection, timeout, dropped
/// connection) and return every HTTP status, error statuses included, as a `TransportResponse`.
public protocol HTTPTransport: Sendable {
    /// Sends `request` and collects the whole response body.
    func send(_ request: TransportRequest) async throws -> TransportResponse

    /// Sends `request` and streams a 2xx response body into the file at `path` (created or truncated).
    /// For any other status nothing is written and the (small) body is returned in the response.
    func download(_ request: TransportRequest, to path: String) async throws -> TransportResponse
}
