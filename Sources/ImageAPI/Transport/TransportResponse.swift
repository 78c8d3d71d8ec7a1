/// An HTTP response: status, headers (names lower-cased) and the collected body.
public struct TransportResponse: Sendable, Equatable {
    /// The HTTP status code.
    public var status: Int
    /// Header fields with lower-cased names; repeated fields joined with ", ".
    public var headers: [String: String]
    /// The body (empty for a successful `download`, whose body went to the file).
    public var body: [UInt8]

    public init(status: Int, headers: [String: String] = [:], body: [UInt8] = []) {
        self.status = status
        self.headers = Dictionary(headers.map { ($0.key.lowercased(), $0.value) }, uniquingKeysWith: { "\($0), \($1)" })
        self.body = body
    }

    /// Whether the status is 2xx.
    public var isSuccess: Bool { (200..<300).contains(status) }

    /// The value of a header, matched case-insensitively.
    public func header(_ name: String) -> String? { headers[name.lowercased()] }
}
