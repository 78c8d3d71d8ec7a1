import HTTPTypes
import Hummingbird

/// An error of the image API (`/v1/…`), answered with the documented body
/// `{"error":{"code","message","type","param","fallback_suggestion"}}`.
struct SandboxAPIError: Error, HTTPResponseError {
    /// `error.code`: the HTTP status as an integer, or a string business code (e.g. "invalid_task_id").
    enum Code: Encodable, Sendable, Equatable {
        case int(Int)
        case string(String)

        func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            switch self {
            case .int(let value): try container.encode(value)
            case .string(let value): try container.encode(value)
            }
        }
    }

    var status: HTTPResponse.Status
    var code: Code
    var message: String
    var type: String
    var param: String?
    var fallbackSuggestion: String?
    var headers: HTTPFields = [:]

    init(_ status: HTTPResponse.Status, _ type: String, _ message: String, param: String? = nil,
         code: Code? = nil, suggestion: String? = nil, headers: HTTPFields = [:]) {
        self.status = status
        self.type = type
        self.message = message
        self.param = param
        self.code = code ?? .int(status.code)
        self.fallbackSuggestion = suggestion
        self.headers = headers
    }

    private struct Body: Encodable {
        struct Inner: Encodable {
            var code: Code
            var message: String
            var type: String
            var param: String?
            var fallback_suggestion: String?

            // `param` is always present (null when no field is at fault); the suggestion only when there is one.
            func encode(to encoder: any Encoder) throws {
                var container = encoder.container(keyedBy: CodingKeys.self)
                try container.encode(code, forKey: .code)
                try container.encode(message, forKey: .message)
                try container.encode(type, forKey: .type)
                try container.encode(param, forKey: .param)
                try container.encodeIfPresent(fallback_suggestion, forKey: .fallback_suggestion)
            }
            enum CodingKeys: String, CodingKey { case code, message, type, param, fallback_suggestion }
        }
        var error: Inner
    }

    func response(from request: Request, context: some RequestContext) throws -> Response {
        JSONResponse.make(status, Body(error: .init(code: code, message: message, type: type, param: param,
                                                   fallback_suggestion: fallbackSuggestion)), headers: headers)
    }

    // The documented error kinds (API-CONTRACT §5).
    static func invalid(_ message: String, param: String? = nil, code: Code? = nil) -> SandboxAPIError {
        SandboxAPIError(.badRequest, "invalid_request_error", message, param: param, code: code)
    }
    static let unauthorized = SandboxAPIError(.unauthorized, "authentication_error", "Invalid or expired token")
    static func insufficientQuota(_ message: String) -> SandboxAPIError {
        SandboxAPIError(HTTPResponse.Status(code: 402, reasonPhrase: "Payment Required"), "insufficient_quota_error", message,
                 suggestion: "add credits to the sandbox account (restart it or raise --credits)")
    }
    static func forbidden(_ message: String, param: String? = nil) -> SandboxAPIError {
        SandboxAPIError(.forbidden, "permission_error", message, param: param)
    }
    static func notFound(_ message: String, param: String? = nil) -> SandboxAPIError {
        SandboxAPIError(.notFound, "not_found_error", message, param: param)
    }
    static func tooLarge(_ message: String, param: String? = nil) -> SandboxAPIError {
        SandboxAPIError(.contentTooLarge, "request_too_large_error", message, param: param, suggestion: "compress image to under 4MB")
    }
    static func rateLimited(retryAfter: Int) -> SandboxAPIError {
        SandboxAPIError(.tooManyRequests, "rate_limit_error", "Rate limit exceeded",
                 suggestion: "retry after \(retryAfter) seconds", headers: [.retryAfter: String(retryAfter)])
    }
}
