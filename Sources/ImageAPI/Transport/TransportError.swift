public import ImageCore

/// A failure below HTTP: no connection, a timeout, a connection dropped mid-exchange.
///
/// `mayHaveBeenDelivered` is what matters for requests that cost money: it is `false` only when the
/// request certainly never reached the server (the connection could not be established), so resending it
/// cannot create a second task.
public struct TransportError: ImagePrepError, Equatable {
    /// What went wrong; a struct so that kinds can be added without breaking `switch`es.
    public struct Kind: Hashable, Sendable, CustomStringConvertible {
        private enum Base: String, Hashable, Sendable {
            case connectFailed = "connect failed"
            case timedOut = "timed out"
            case connectionLost = "connection lost"
            case fileWrite = "file write failed"
            case other = "transport error"
        }
        private let base: Base

        /// The connection could not be established; nothing was sent.
        public static var connectFailed: Self { .init(base: .connectFailed) }
        /// No complete response within the deadline.
        public static var timedOut: Self { .init(base: .timedOut) }
        /// The connection closed before the response was complete.
        public static var connectionLost: Self { .init(base: .connectionLost) }
        /// A downloaded body could not be written to disk.
        public static var fileWrite: Self { .init(base: .fileWrite) }
        /// Any other failure of the HTTP stack.
        public static var other: Self { .init(base: .other) }

        public var description: String { base.rawValue }
    }

    public var kind: Kind
    /// Whether the server may have received (and acted on) the request.
    public var mayHaveBeenDelivered: Bool
    public var message: String
    public var details: String?

    public init(_ kind: Kind, mayHaveBeenDelivered: Bool, message: String? = nil, details: String? = nil) {
        self.kind = kind
        self.mayHaveBeenDelivered = mayHaveBeenDelivered
        self.message = message ?? kind.description
        self.details = details
    }
}
