public import ImageCore

/// An error answer from the API or the file service: an HTTP error status with the documented body
/// `{"error":{"code","message","type","param","fallback_suggestion"}}`, or `success:false` from the file service.
///
/// `kind` follows the HTTP status (400 → `.invalidRequest`, 401 → `.authentication`, 402 →
/// `.insufficientQuota`, 403 → `.permission`, 404 → `.notFound`, 413 → `.requestTooLarge`, 429 →
/// `.rateLimited`, 500 → `.internalServer`, 502 → `.upstream`, 503 → `.serviceUnavailable`, other →
/// `.unexpectedStatus`; a file-service `success:false` → `.fileService`).
public struct APIError: ImagePrepError, Equatable {
    /// The class of error; a struct wrapping a private enum so that kinds can be added without breaking `switch`es.
    public struct Kind: Hashable, Sendable, CustomStringConvertible {
        private enum Base: String, Hashable, Sendable {
            case invalidRequest = "invalid request"
            case authentication = "authentication failed"
            case insufficientQuota = "insufficient quota"
            case permission = "permission denied"
            case notFound = "not found"
            case requestTooLarge = "request too large"
            case rateLimited = "rate limited"
            case internalServer = "internal server error"
            case upstream = "upstream error"
            case serviceUnavailable = "service unavailable"
            case unexpectedStatus = "unexpected HTTP status"
            case fileService = "file service error"
        }
        private let base: Base

        /// 400 `invalid_request_error`.
        public static var invalidRequest: Self { .init(base: .invalidRequest) }
        /// 401 `authentication_error`.
        public static var authentication: Self { .init(base: .authentication) }
        /// 402 `insufficient_quota_error`.
        public static var insufficientQuota: Self { .init(base: .insufficientQuota) }
        /// 403 `permission_error`.
        public static var permission: Self { .init(base: .permission) }
        /// 404 `not_found_error`.
        public static var notFound: Self { .init(base: .notFound) }
        /// 413 `request_too_large_error`.
        public static var requestTooLarge: Self { .init(base: .requestTooLarge) }
        /// 429 `rate_limit_error`.
        public static var rateLimited: Self { .init(base: .rateLimited) }
        /// 500 `internal_server_error`.
        public static var internalServer: Self { .init(base: .internalServer) }
        /// 502 `upstream_error`.
        public static var upstream: Self { .init(base: .upstream) }
        /// 503 `service_unavailable_error`.
        public static var serviceUnavailable: Self { .init(base: .serviceUnavailable) }
        /// Any other non-2xx status.
        public static var unexpectedStatus: Self { .init(base: .unexpectedStatus) }
        /// The file service answered `success:false` (codes 40001 too large, 40002 type, 40003 quota, …).
        public static var fileService: Self { .init(base: .fileService) }

        /// The kind for an HTTP status.
        public static func forStatus(_ status: Int) -> Self {
            switch status {
            case 400: .invalidRequest
            case 401: .authentication
            case 402: .insufficientQuota
            case 403: .permission
            case 404: .notFound
            case 413: .requestTooLarge
            case 429: .rateLimited
            case 500: .internalServer
            case 502: .upstream
            case 503: .serviceUnavailable
            default: .unexpectedStatus
            }
        }

        public var description: String { base.rawValue }
    }

    public var kind: Kind
    /// The HTTP status (200 for a file-service `success:false`).
    public var status: Int
    /// `error.code` as text (the API sends an int or a string).
    public var code: String?
    /// `error.type`, e.g. `rate_limit_error`.
    public var type: String?
    /// `error.message` (with the key redacted), or the kind when the body had none.
    public var message: String
    /// `error.param`, e.g. `image_urls`.
    public var param: String?
    /// `error.fallback_suggestion`.
    public var fallbackSuggestion: String?
    /// The wait the server asked for (`Retry-After`, or "retry after N seconds" in the message).
    public var retryAfter: Duration?

    public init(kind: Kind, status: Int, code: String? = nil, type: String? = nil, message: String? = nil,
                param: String? = nil, fallbackSuggestion: String? = nil, retryAfter: Duration? = nil) {
        self.kind = kind
        self.status = status
        self.code = code
        self.type = type
        self.message = message ?? kind.description
        self.param = param
        self.fallbackSuggestion = fallbackSuggestion
        self.retryAfter = retryAfter
    }

    public var details: String? {
        var parts = ["HTTP \(status)"]
        if let type { parts.append(type) }
        if let code { parts.append("code \(code)") }
        if let param { parts.append("param \(param)") }
        if let fallbackSuggestion { parts.append(fallbackSuggestion) }
        return parts.joined(separator: ", ")
    }

    /// Whether the same request may succeed later: 429, 500, 502 and 503.
    public var isTransient: Bool { [429, 500, 502, 503].contains(status) }
}
