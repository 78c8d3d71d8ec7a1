/// What one create (or upload) attempt on one provider proved, and what it means for the provider's health.
enum CreateOutcome: Sendable {
    /// The provider answered with a task: it lives there.
    case task(TaskObject)
    /// Provably no task was created (nothing delivered, or an HTTP error answer without a task id).
    case noTask(reason: String, change: HealthChange)
    /// The request itself is wrong (400/422, other 4xx): reported, never sent elsewhere.
    case rejected(any Error)
    /// The request may have reached the server and no answer came back.
    case unknown(reason: String)

    /// How a failure changes a provider's remembered health.
    enum HealthChange: Sendable {
        /// Cooled down (exponential, capped), at least for the server's `Retry-After`.
        case cool(retryAfter: Duration?)
        /// 402 / insufficient credits: cooled for long.
        case quota
        /// 401/403: misconfigured until its configuration changes.
        case misconfigured
    }

    /// The outcome of a failed create.
    static func of(_ error: any Error, key: APIKey) -> CreateOutcome {
        switch error {
        case let error as TransportError where !error.mayHaveBeenDelivered:
            return .noTask(reason: "\(error.kind) before the request was sent", change: .cool(retryAfter: nil))
        case let error as TransportError:
            return .unknown(reason: key.redact("\(error.kind) after the request was sent"))
        case let error as APIError:
            let reason = key.redact("HTTP \(error.status): \(error.message)")
            switch error.status {
            case 401, 403: return .noTask(reason: reason, change: .misconfigured)
            case 402: return .noTask(reason: reason, change: .quota)
            case 408, 429, 500...599: return .noTask(reason: reason, change: .cool(retryAfter: error.retryAfter))
            default: return .rejected(error)
            }
        case let error as ClientError where error.kind == .invalidResponse:
            return .unknown(reason: "a 2xx answer that is not a task object")
        default:
            return .rejected(error)
        }
    }
}
