import HTTPTypes
import Hummingbird
import Synchronization

/// The host:port names the page may be reached by, filled in once the port is bound.
final class StudioAuthorities: Sendable {
    private let names = Mutex<Set<String>>([])

    /// Allows `127.0.0.1`, `localhost`, `[::1]` and `host` on `port`.
    func bind(host: String, port: Int) {
        let hosts = ["127.0.0.1", "localhost", "[::1]", host.contains(":") ? "[\(host)]" : host]
        names.withLock { $0 = Set(hosts.map { "\($0):\(port)" }) }
    }

    func contains(_ authority: String?) -> Bool {
        guard let authority else { return false }
        return names.withLock { $0.contains(authority.lowercased()) }
    }
}

/// Runs in front of every route of the studio:
/// - the Host header must name the studio (`127.0.0.1:PORT`, `localhost:PORT`): a DNS-rebinding page has a
///   foreign host name and is refused (403);
/// - an Origin header, when sent, must be the studio's own origin, and `Sec-Fetch-Site: cross-site` is refused
///   (403): another site cannot drive the studio from a visitor's browser;
/// - the token must come as the `imageprep_studio` cookie or an `X-Studio-Token` header (401 when absent, 403
///   when wrong); `GET /?token=T` with the right token sets the cookie (HttpOnly, SameSite=Strict) and
///   redirects to `/` so the token leaves the address bar.
/// Every response carries a strict Content-Security-Policy, `nosniff`, `no-store` and no framing.
struct StudioGuard<Context: RequestContext>: RouterMiddleware {
    let token: StudioToken
    let authorities: StudioAuthorities

    static var cookieName: String { "imageprep_studio" }
    static var tokenHeader: HTTPField.Name { HTTPField.Name("X-Studio-Token")! }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response = try await check(request, context: context, next: next)
        response.headers[.contentSecurityPolicy] = "default-src 'self'; img-src 'self' blob: data:; style-src 'self'; script-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'"
        response.headers[HTTPField.Name("X-Content-Type-Options")!] = "nosniff"
        response.headers[HTTPField.Name("X-Frame-Options")!] = "DENY"
        response.headers[HTTPField.Name("Referrer-Policy")!] = "no-referrer"
        response.headers[.cacheControl] = "no-store"
        return response
    }

    private func check(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard authorities.contains(request.head.authority ?? request.headers[HTTPField.Name("Host")!]) else {
            return Self.refusal(.forbidden, "the Host header does not name this studio")
        }
        if let origin = request.headers[.origin] {
            let authority = origin.hasPrefix("http://") ? String(origin.dropFirst("http://".count)) : ""
            guard authorities.contains(authority) else { return Self.refusal(.forbidden, "cross-origin requests are refused") }
        }
        if request.headers[HTTPField.Name("Sec-Fetch-Site")!] == "cross-site" {
            return Self.refusal(.forbidden, "cross-site requests are refused")
        }
        if request.method == .get, request.uri.path == "/", let given = request.uri.queryParameters.get("token") {
            guard token.matches(given) else { return Self.refusal(.forbidden, "wrong token") }
            var headers = HTTPFields()
            headers[.location] = "/"
            headers[.setCookie] = "\(Self.cookieName)=\(token.value); Path=/; HttpOnly; SameSite=Strict"
            return Response(status: .seeOther, headers: headers)
        }
        let presented = request.headers[Self.tokenHeader] ?? request.cookies[Self.cookieName]?.value
        guard let presented else {
            return Self.refusal(.unauthorized, "open the URL `imageprep studio` printed (it carries the token)")
        }
        guard token.matches(presented) else { return Self.refusal(.forbidden, "wrong token") }
        return try await next(request, context)
    }

    static func refusal(_ status: HTTPResponse.Status, _ message: String) -> Response {
        JSONReply.error(status, message)
    }
}
