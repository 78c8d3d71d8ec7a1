import Foundation

/// The API client: creates tasks, reads them, uploads files, downloads results, retrying transient
/// failures per `retryPolicy`.
///
/// The key is sent only to `configuration.baseURL` and `configuration.filesURL`; it never appears in errors
/// or traces (server text is passed through `APIKey.redact`).
public struct ImageAPIClient: Sendable {
    public var configuration: APIConfiguration
    public var transport: any HTTPTransport
    /// Default `RetryPolicy()` (4 attempts, 1 s doubling, Retry-After honoured).
    public var retryPolicy: RetryPolicy
    /// Default the real clock.
    public var sleeper: any Sleeper
    /// Uniform random values in 0..<1 for jitter.
    public var random: @Sendable () -> Double
    /// Receives one line per request, response and retry (for `--verbose`); the key is redacted.
    public var trace: (@Sendable (String) -> Void)?
    /// Upload each file under a name of its own, `<stem>-<8 hex>.<ext>`. The file service replaces an earlier
    /// file of the same name (and its URL stops working), so uploads that run at once — a batch of `prepare`
    /// folders, every base called `base.png` — must not share names. Default false: the file's own name.
    public var uniqueUploadNames = false

    public init(configuration: APIConfiguration, transport: any HTTPTransport = AsyncHTTPTransport(),
                retryPolicy: RetryPolicy = RetryPolicy(), sleeper: any Sleeper = SystemSleeper(),
                random: @escaping @Sendable () -> Double = { Double.random(in: 0..<1) },
                trace: (@Sendable (String) -> Void)? = nil) {
        self.configuration = configuration
        self.transport = transport
        self.retryPolicy = retryPolicy
        self.sleeper = sleeper
        self.random = random
        self.trace = trace
    }

    // MARK: Tasks

    /// `POST /v1/images/generations` with an `Idempotency-Key`.
    ///
    /// Retried on 429/500/502/503 (same key) and on connection failures that happened before anything was
    /// sent. A failure after the request may have been delivered (timeout, dropped connection) is NOT
    /// retried: the `TransportError` with `mayHaveBeenDelivered == true` is thrown so that the caller records
    /// the outcome as unknown.
    ///
    /// - Throws: `APIError`, `TransportError`, `ClientError` `.invalidResponse`.
    public func createTask(_ request: GenerationRequest, idempotencyKey: String) async throws -> TaskObject {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let body = Array(try encoder.encode(request))
        let response = try await perform(
            TransportRequest(method: "POST", url: configuration.baseURL + "/v1/images/generations",
                             headers: ["Content-Type": "application/json", "Idempotency-Key": idempotencyKey],
                             body: body, timeout: configuration.requestTimeout),
            resendAfterDelivery: false)
        return try TaskObject.decode(response.body)
    }

    /// `GET /v1/tasks/{id}`, retried on every transient failure (reading is idempotent).
    ///
    /// - Throws: `APIError` (`.notFound` for an unknown or expired id), `TransportError`, `ClientError`.
    public func task(id: String) async throws -> TaskObject {
        let escaped = id.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(["/"])) ?? id
        let response = try await perform(
            TransportRequest(method: "GET", url: configuration.baseURL + "/v1/tasks/" + escaped,
                             timeout: configuration.requestTimeout),
            resendAfterDelivery: true)
        return try TaskObject.decode(response.body)
    }

    // MARK: Requests

    /// Sends `request` with the common headers, retrying per `retryPolicy`; returns a 2xx response.
    ///
    /// - Parameter resendAfterDelivery: whether a request that may have reached the server may be sent
    ///   again after a network failure (true for reads and uploads, false for a create).
    /// - Throws: `APIError` for an error status, `TransportError` for a network failure.
    func perform(_ request: TransportRequest, resendAfterDelivery: Bool,
                 send: (@Sendable (TransportRequest) async throws -> TransportResponse)? = nil) async throws -> TransportResponse {
        var request = request
        request.headers["User-Agent"] = configuration.userAgent
        if configuration.isOwnOrigin(request.url) {
            request.headers["Authorization"] = configuration.apiKey.authorizationValue
        }
        var attempt = 1
        while true {
            try Task.checkCancellation()
            log("→ \(request.method) \(request.url)\(traceHeaders(request))\(attempt > 1 ? " (attempt \(attempt))" : "")")
            let serverDelay: Duration?
            let failure: any Error
            do {
                let response = try await (send ?? transport.send)(request)
                log("← \(response.status) \(request.method) \(request.url) (\(response.body.count) bytes)")
                if response.isSuccess { return response }
                let error = ErrorBody.apiError(status: response.status, response: response, key: configuration.apiKey)
                guard error.isTransient else { throw error }
                serverDelay = error.retryAfter
                failure = error
            } catch let error as TransportError {
                log("× \(request.method) \(request.url): \(error.kind)")
                guard resendAfterDelivery || !error.mayHaveBeenDelivered else { throw error }
                serverDelay = nil
                failure = error
            }
            guard let delay = retryPolicy.delay(beforeRetry: attempt, serverDelay: serverDelay, random: random()) else {
                throw failure
            }
            log("… retrying in \(String(format: "%.1f", delay.secondsValue)) s")
            try await sleeper.sleep(for: delay)
            attempt += 1
        }
    }

    private func traceHeaders(_ request: TransportRequest) -> String {
        let shown = request.headers.keys.sorted().map { name in
            name.caseInsensitiveCompare("Authorization") == .orderedSame ? "\(name): Bearer <redacted>" : "\(name): \(request.headers[name]!)"
        }
        return shown.isEmpty ? "" : " [" + shown.joined(separator: "; ") + "]"
    }

    func log(_ line: @autoclosure () -> String) {
        guard let trace else { return }
        trace(configuration.apiKey.redact(line()))
    }
}
