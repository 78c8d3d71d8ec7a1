import Foundation

/// Decoding of error answers: the API's `{"error":{…}}` and the file service's `{"success":false,"code","msg"}`.
enum ErrorBody {
    private struct Envelope: Decodable {
        struct Inner: Decodable {
            var code: LenientValue?
            var message: String?
            var type: String?
            var param: String?
            var fallback_suggestion: String?
        }
        var error: Inner?
        // File-service envelope.
        var success: Bool?
        var code: LenientValue?
        var msg: String?
        var message: String?
    }

    /// The typed error for a non-2xx response (or a 2xx `success:false`), key redacted from server text.
    static func apiError(status: Int, response: TransportResponse, kind: APIError.Kind? = nil, key: APIKey) -> APIError {
        let envelope = try? JSONDecoder().decode(Envelope.self, from: Data(response.body))
        let inner = envelope?.error
        let message = (inner?.message ?? envelope?.msg ?? envelope?.message).map(key.redact)
        let suggestion = inner?.fallback_suggestion.map(key.redact)
        let retryAfter = RetryAfter.parse(header: response.header("retry-after"))
            ?? RetryAfter.parse(message: [message, suggestion].compactMap { $0 }.joined(separator: " "))
        return APIError(kind: kind ?? .forStatus(status), status: status,
                        code: inner?.code?.text ?? envelope?.code?.text, type: inner?.type,
                        message: message ?? (response.body.isEmpty ? nil : key.redact(String(decoding: response.body.prefix(200), as: UTF8.self))),
                        param: inner?.param, fallbackSuggestion: suggestion, retryAfter: retryAfter)
    }

    /// For a 2xx file-service body: the uploaded file, or the `success:false` error.
    static func uploadedFile(_ response: TransportResponse, key: APIKey) throws -> UploadedFile {
        struct Success: Decodable {
            var success: Bool?
            var data: UploadedFile?
        }
        let decoded = try? JSONDecoder().decode(Success.self, from: Data(response.body))
        if decoded?.success == false || decoded?.data == nil {
            if decoded?.success == nil, decoded == nil {
                throw ClientError(.invalidResponse, message: "the file service's answer is not JSON",
                                  details: String(decoding: response.body.prefix(200), as: UTF8.self))
            }
            throw apiError(status: response.status, response: response, kind: .fileService, key: key)
        }
        return decoded!.data!
    }
}
