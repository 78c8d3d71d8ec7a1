import HTTPTypes
import Hummingbird
import NIOCore

/// Runs in front of every route: numbers `/v1/…` and `/api/v1/…` requests, applies the injected faults
/// (latency, 429, 5xx, dropped responses), checks the Bearer key, and turns every error into the body
/// shape of the service it concerns (`{"error":…}` for the API, the `success:false` envelope for files).
struct SandboxMiddleware<Context: RequestContext>: RouterMiddleware {
    let apiKey: String
    let faults: FaultInjector

    /// Which service a path belongs to.
    enum Service { case api, files, open }

    static func service(of path: String) -> Service {
        if path.hasPrefix("/api/v1/") { return .files }
        if path.hasPrefix("/v1/") { return .api }
        return .open
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let service = Self.service(of: request.uri.path)
        guard service != .open else {
            do { return try await next(request, context) } catch { return try errorResponse(error, service: service, request, context) }
        }
        let plan = faults.plan()
        if plan.delay > 0 { try await Task.sleep(for: .seconds(plan.delay)) }
        var response: Response
        do {
            if let error = plan.error { throw error }
            guard request.headers[.authorization] == "Bearer \(apiKey)" else {
                throw service == .files ? FileAPIError.unauthorized as any Error : SandboxAPIError.unauthorized
            }
            response = try await next(request, context)
        } catch {
            response = try errorResponse(error, service: service, request, context)
        }
        if plan.drop { response = Self.dropped(response) }
        return response
    }

    private func errorResponse(_ error: any Error, service: Service, _ request: Request, _ context: Context) throws -> Response {
        let apiError: SandboxAPIError
        switch error {
        case let error as FileAPIError:
            return try error.response(from: request, context: context)
        case let error as SandboxAPIError:
            apiError = error
        case let error as HTTPError where error.status == .notFound:
            apiError = .notFound("No such endpoint: \(request.method) \(request.uri.path)")
        case let error as HTTPError where error.status == .methodNotAllowed:
            apiError = SandboxAPIError(.methodNotAllowed, "invalid_request_error", "Method \(request.method) not allowed on \(request.uri.path)")
        case let error as HTTPError where error.status == .contentTooLarge:
            apiError = .tooLarge("Request body too large")
        case let error as any HTTPResponseError where error.status.code < 500:
            apiError = SandboxAPIError(error.status, "invalid_request_error", "\(error)")
        default:
            apiError = SandboxAPIError(.internalServerError, "internal_server_error", "Internal server error: \(error)", suggestion: "try again later")
        }
        if service == .files {
            return try FileAPIError(status: apiError.status, code: Int(apiError.status.code), message: apiError.message,
                                    headers: apiError.headers).response(from: request, context: context)
        }
        return try apiError.response(from: request, context: context)
    }

    /// The response with the same head (status, headers, Content-Length), but the connection closes after
    /// half of the body has been sent.
    static func dropped(_ response: Response) -> Response {
        var response = response
        let original = response.body
        let length = original.contentLength
        response.body = ResponseBody(contentLength: length) { writer in
            let body = original
            try await body.write(TruncatingWriter(parent: writer, budget: (length ?? 0) / 2))
            throw DroppedConnection()
        }
        return response
    }

    /// Thrown from a body writer to make Hummingbird close the connection mid-response.
    struct DroppedConnection: Error {}

    /// Passes at most `budget` bytes to `parent`, then fails.
    struct TruncatingWriter: ResponseBodyWriter {
        var parent: any ResponseBodyWriter
        var budget: Int

        mutating func write(_ buffer: ByteBuffer) async throws {
            guard buffer.readableBytes <= budget else {
                if budget > 0 { try await parent.write(buffer.getSlice(at: buffer.readerIndex, length: budget)!) }
                budget = 0
                throw DroppedConnection()
            }
            budget -= buffer.readableBytes
            try await parent.write(buffer)
        }

        consuming func finish(_ trailingHeaders: HTTPFields?) async throws {
            throw DroppedConnection()
        }
    }
}
