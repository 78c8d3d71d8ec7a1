import SystemIO
import AsyncHTTPClient
import NIOCore
import NIOHTTP1

/// The real transport, over AsyncHTTPClient's shared client (HTTP/1.1 and HTTP/2, TLS, connection pool).
///
/// Redirects are followed by AsyncHTTPClient, which drops `Authorization` when a redirect leaves the origin.
public struct AsyncHTTPTransport: HTTPTransport {
    /// The largest body `send` collects in memory. Default 64 MiB.
    public var maxBodyBytes: Int

    private let client: HTTPClient

    /// A transport over `HTTPClient.shared`.
    public init(maxBodyBytes: Int = 64 << 20) {
        self.client = .shared
        self.maxBodyBytes = maxBodyBytes
    }

    /// A transport over a client that does not retry a refused connection: the failure comes back at once
    /// (`.connectFailed`, not delivered), so a router can move on to the next provider without waiting for
    /// the request deadline. One such client serves the whole process.
    public static func failingFast(maxBodyBytes: Int = 64 << 20) -> AsyncHTTPTransport {
        AsyncHTTPTransport(client: failFastClient, maxBodyBytes: maxBodyBytes)
    }

    private init(client: HTTPClient, maxBodyBytes: Int) {
        self.client = client
        self.maxBodyBytes = maxBodyBytes
    }

    private static let failFastClient: HTTPClient = {
        var configuration = HTTPClient.Configuration.singletonConfiguration
        configuration.connectionPool.retryConnectionEstablishment = false
        configuration.timeout.connect = .seconds(10)
        return HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }()

    /// Sends `request` over AsyncHTTPClient and collects the whole answer.
    ///
    /// - Throws: `TransportError` when no answer arrives (connect, timeout, reset); `CancellationError`.
    public func send(_ request: TransportRequest) async throws -> TransportResponse {
        try await Self.mapErrors {
            let response = try await client.execute(makeRequest(request), timeout: .nanoseconds(request.timeout.wholeNanoseconds))
            let body = try await response.body.collect(upTo: maxBodyBytes)
            return TransportResponse(status: Int(response.status.code), headers: Self.headers(response.headers),
                                     body: Array(buffer: body))
        }
    }

    /// Streams the answer's body into `path` (written atomically: a temporary file renamed in place).
    ///
    /// - Throws: `TransportError` when the transfer fails, `FileIOError` when the file cannot be written; `CancellationError`.
    public func download(_ request: TransportRequest, to path: String) async throws -> TransportResponse {
        try await Self.mapErrors {
            let response = try await client.execute(makeRequest(request), timeout: .nanoseconds(request.timeout.wholeNanoseconds))
            let headers = Self.headers(response.headers)
            let status = Int(response.status.code)
            guard (200..<300).contains(status) else {
                let body = try await response.body.collect(upTo: 1 << 20)
                return TransportResponse(status: status, headers: headers, body: Array(buffer: body))
            }
            let writer: LocalFile.Writer
            do { writer = try LocalFile.Writer(path: path, mode: 0o644) } catch {  // results are ordinary files (umask applies)
                throw TransportError(.fileWrite, mayHaveBeenDelivered: true, details: "\(error)")
            }
            defer { writer.close() }
            for try await chunk in response.body {
                do {
                    try chunk.withUnsafeReadableBytes { try writer.write($0) }
                } catch {
                    throw TransportError(.fileWrite, mayHaveBeenDelivered: true, details: "\(error)")
                }
            }
            return TransportResponse(status: status, headers: headers)
        }
    }

    private func makeRequest(_ request: TransportRequest) -> HTTPClientRequest {
        var out = HTTPClientRequest(url: request.url)
        out.method = HTTPMethod(rawValue: request.method)
        for (name, value) in request.headers.sorted(by: { $0.key < $1.key }) {
            out.headers.add(name: name, value: value)
        }
        if let body = request.body {
            out.body = .bytes(ByteBuffer(bytes: body))
        }
        return out
    }

    private static func headers(_ headers: HTTPHeaders) -> [String: String] {
        var out: [String: String] = [:]
        for (name, value) in headers {
            let key = name.lowercased()
            out[key] = out[key].map { "\($0), \(value)" } ?? value
        }
        return out
    }

    /// Maps AsyncHTTPClient and NIO errors to `TransportError`, deciding whether the request may have been
    /// delivered. Only failures to establish a connection count as "not delivered"; everything else is
    /// treated as a possible delivery, so a paid request is never resent on a guess.
    private static func mapErrors<T>(_ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error as TransportError {
            throw error
        } catch is CancellationError {
            throw CancellationError()
        } catch let error as HTTPClientError {
            switch error {
            case .connectTimeout, .tlsHandshakeTimeout, .getConnectionFromPoolTimeout, .socksHandshakeTimeout,
                 .httpProxyHandshakeTimeout:
                throw TransportError(.connectFailed, mayHaveBeenDelivered: false, details: error.shortDescription)
            case .readTimeout, .writeTimeout, .deadlineExceeded:
                throw TransportError(.timedOut, mayHaveBeenDelivered: true, details: error.shortDescription)
            case .remoteConnectionClosed:
                throw TransportError(.connectionLost, mayHaveBeenDelivered: true, details: error.shortDescription)
            case .invalidURL, .emptyHost, .emptyScheme, .unsupportedScheme("http+unix"):
                throw TransportError(.connectFailed, mayHaveBeenDelivered: false, message: "invalid URL",
                                     details: error.shortDescription)
            default:
                throw TransportError(.other, mayHaveBeenDelivered: true, details: error.shortDescription)
            }
        } catch {
            // NIO reports a refused or unreachable connection as NIOConnectionError or an IOError from
            // connect(2); neither module is a direct dependency, so the type and errno text are matched.
            let typeName = String(reflecting: type(of: error))
            let text = String(describing: error)
            let connectFailure = typeName.contains("NIOConnectionError") || typeName.contains("SingleConnectionFailure")
                || ["Connection refused", "Network is unreachable", "No route to host", "connect(descriptor"]
                    .contains { text.contains($0) }
            throw TransportError(connectFailure ? .connectFailed : .other, mayHaveBeenDelivered: !connectFailure,
                                 details: text)
        }
    }
}
