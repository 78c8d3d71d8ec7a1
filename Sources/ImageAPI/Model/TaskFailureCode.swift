/// Classification of task failure codes (`error.code` of a `failed` task), per the contract's table.
public enum TaskFailureCode {
    /// Codes worth resubmitting unchanged (the vendor client marks them retryable): no content, service
    /// error, timeout, resource exhausted, quota exceeded, service unavailable, unknown error, and the
    /// vendor's extra `model_unavailable`, `upstream_error`, `rate_limited`.
    public static let retryable: Set<String> = [
        "generation_failed_no_content", "service_error", "generation_timeout", "resource_exhausted",
        "quota_exceeded", "service_unavailable", "unknown_error", "model_unavailable", "upstream_error", "rate_limited",
    ]

    /// Codes that need a change by the user first (content, parameters, images, ids).
    public static let permanent: Set<String> = [
        "content_policy_violation", "invalid_parameters", "image_processing_error", "image_dimension_mismatch",
        "request_cancelled", "resource_not_found",
    ]

    /// Whether resubmitting the same request may succeed. Unknown and missing codes are not retried.
    public static func isRetryable(_ code: String?) -> Bool {
        guard let code else { return false }
        return retryable.contains(code.lowercased())
    }
}
