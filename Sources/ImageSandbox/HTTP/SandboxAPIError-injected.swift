import HTTPTypes

extension SandboxAPIError {
    /// The documented error answer for `status` (`--fail-creates STATUS`, `--fail-status STATUS`): the type of
    /// API-CONTRACT §5 where the status has one, `Retry-After: 1` for 429 and 503.
    static func injected(status: Int) -> SandboxAPIError {
        let types = [400: "invalid_request_error", 401: "authentication_error", 402: "insufficient_quota_error",
                     403: "permission_error", 404: "not_found_error", 413: "request_too_large_error", 429: "rate_limit_error",
                     500: "internal_server_error", 502: "upstream_error", 503: "service_unavailable_error"]
        let headers: HTTPFields = [429, 503].contains(status) ? [.retryAfter: "1"] : [:]
        return SandboxAPIError(HTTPResponse.Status(code: status), types[status] ?? "sandbox_fault",
                               "Refused with HTTP \(status) (sandbox fault injection)", headers: headers)
    }
}
