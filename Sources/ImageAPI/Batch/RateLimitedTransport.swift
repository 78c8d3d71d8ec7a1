/// A transport that sends every request through one `AdaptiveRateLimiter` and tells it what came back, so a
/// 429 or a `Retry-After` seen by any worker slows the whole batch (the poller included).
public struct RateLimitedTransport: HTTPTransport {
    public let inner: any HTTPTransport
    public let limiter: AdaptiveRateLimiter

    public init(_ inner: any HTTPTransport, limiter: AdaptiveRateLimiter) {
        self.inner = inner
        self.limiter = limiter
    }

    /// Sends `request` through the inner transport once the limiter gives a slot, and tells the limiter how it was answered.
    ///
    /// - Throws: the inner transport's errors (`TransportError`); `CancellationError` when cancelled while waiting for a slot.
    public func send(_ request: TransportRequest) async throws -> TransportResponse {
        let ticket = try await limiter.acquire()
        return await report(try await inner.send(request), ticket)
    }

    /// Downloads through the inner transport once the limiter gives a slot, and tells the limiter how it was answered.
    ///
    /// - Throws: the inner transport's errors (`TransportError`, `FileIOError`); `CancellationError` when cancelled while waiting for a slot.
    public func download(_ request: TransportRequest, to path: String) async throws -> TransportResponse {
        let ticket = try await limiter.acquire()
        return await report(try await inner.download(request, to: path), ticket)
    }

    /// Throttle: status 429 (hold and decrease), or another error status with a `Retry-After` header (hold
    /// only). Success: any 2xx.
    private func report(_ response: TransportResponse, _ ticket: AdaptiveRateLimiter.Ticket) async -> TransportResponse {
        let retryAfter = RetryAfter.parse(header: response.header("Retry-After"))
        if response.status == 429 || (response.status >= 400 && retryAfter != nil) {
            await limiter.throttled(ticket, retryAfter: retryAfter, decrease: response.status == 429)
        } else if response.isSuccess {
            await limiter.succeeded()
        }
        return response
    }
}
