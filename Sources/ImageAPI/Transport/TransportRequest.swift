import Foundation

/// An HTTP request as the client builds it: method, absolute URL, headers, optional body, timeout.
public struct TransportRequest: Sendable, Equatable {
    /// `GET`, `POST` or `DELETE`.
    public var method: String
    /// The absolute URL.
    public var url: String
    /// Header fields; names as sent (`Authorization`, `Content-Type`, `Idempotency-Key`, …).
    public var headers: [String: String]
    /// The body, if any.
    public var body: [UInt8]?
    /// The whole-request deadline. Default 60 s.
    public var timeout: Duration

    public init(method: String, url: String, headers: [String: String] = [:], body: [UInt8]? = nil,
                timeout: Duration = .seconds(60)) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.timeout = timeout
    }

    /// The value of a header, matched case-insensitively.
    public func header(_ name: String) -> String? {
        headers.first { $0.key.caseInsensitiveCompare(name) == .orderedSame }?.value
    }
}
