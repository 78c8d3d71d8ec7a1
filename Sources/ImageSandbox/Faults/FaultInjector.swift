import HTTPTypes
import Synchronization

/// Decides, per request, which injected fault applies (see `SandboxConfiguration.Faults`).
final class FaultInjector: Sendable {
    /// What to do with one request.
    struct Plan: Sendable {
        /// The request's sequence number.
        var index: Int
        /// Real seconds to wait before answering.
        var delay: Double
        /// An error to answer with instead of handling the request (429 or 5xx).
        var error: SandboxAPIError?
        /// Cut the response off after part of its body.
        var drop: Bool
    }

    private struct Counters {
        var next = 0
        var window = Int.min
        var inWindow = 0
    }

    let faults: SandboxConfiguration.Faults
    private let clock: SandboxClock
    private let counters = Mutex(Counters())

    init(faults: SandboxConfiguration.Faults, clock: SandboxClock) {
        self.faults = faults
        self.clock = clock
    }

    /// Numbers the request and decides its faults.
    func plan() -> Plan {
        let now = clock.now()
        let (index, limited) = counters.withLock { counters -> (Int, Bool) in
            let index = counters.next
            counters.next += 1
            guard let limit = faults.rateLimit else { return (index, false) }
            let window = Int(now.rounded(.down))
            if window != counters.window {
                counters.window = window
                counters.inWindow = 0
            }
            counters.inWindow += 1
            return (index, counters.inWindow > limit)
        }
        let seed = faults.seed
        let latency = faults.latency
        let delay = latency.lowerBound
            + (latency.upperBound - latency.lowerBound) * SeededDecision.unit(seed: seed, salt: .latency, index: index)
        var error: SandboxAPIError?
        if limited {
            let retryAfter = max(1, Int((now.rounded(.down) + 1 - now).rounded(.up)))
            error = .rateLimited(retryAfter: retryAfter)
        } else if let bursts = faults.throttleBursts, index % bursts.period < bursts.length {
            error = .rateLimited(retryAfter: 1)
        } else if SeededDecision.unit(seed: seed, salt: .fail, index: index) < faults.failRate {
            error = faults.failStatus.map { SandboxAPIError.injected(status: $0) }
                ?? Self.serverError(pick: SeededDecision.unit(seed: seed, salt: .failStatus, index: index))
        }
        let drop = error == nil && SeededDecision.unit(seed: seed, salt: .drop, index: index) < faults.dropRate
        return Plan(index: index, delay: delay, error: error, drop: drop)
    }

    /// One of the documented 5xx errors.
    private static func serverError(pick: Double) -> SandboxAPIError {
        switch Int(pick * 3) {
        case 0:
            SandboxAPIError(.internalServerError, "internal_server_error", "Internal server error (sandbox fault injection)",
                     suggestion: "try again later")
        case 1:
            SandboxAPIError(.badGateway, "upstream_error", "Upstream AI service unavailable (sandbox fault injection)",
                     suggestion: "try different model")
        default:
            SandboxAPIError(.serviceUnavailable, "service_unavailable_error", "Service temporarily unavailable (sandbox fault injection)",
                     suggestion: "retry after 1 seconds", headers: [.retryAfter: "1"])
        }
    }
}
