import Foundation
import ImageRules

/// Which URLs the sandbox will fetch from or call back to. Hosts are classified by `HostAddress` (module
/// ImageRules), the one classification the client and the sandbox share.
enum URLPolicy {
    /// `text` as an http(s) URL with a host, or nil.
    static func httpURL(_ text: String) -> URL? {
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https",
              let host = url.host, !host.isEmpty else { return nil }
        return url
    }

    /// The host without IPv6 brackets, lowercased.
    static func bareHost(_ url: URL) -> String {
        (url.host ?? "").lowercased().trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
    }

    /// Whether `host` is a loopback name or address (localhost, 127.0.0.0/8 in any spelling, ::1, and IPv4
    /// loopback embedded in IPv6 such as `::ffff:127.0.0.1`): `HostAddress`, the client's classification.
    static func isLoopback(_ host: String) -> Bool {
        HostAddress(host).isLoopback
    }

    /// Whether `host` is a loopback, private, link-local, unspecified or otherwise non-public address (or
    /// localhost), as `HostAddress` classifies it for the client's checks.
    static func isInternal(_ host: String) -> Bool {
        HostAddress(host).isForbidden
    }

    /// Why `text` is not an acceptable callback URL, or nil when it is: at most 2048 characters, https,
    /// not an internal address. With `allowInsecure`, http and loopback/private hosts are accepted too.
    static func callbackProblem(_ text: String, allowInsecure: Bool) -> String? {
        guard text.count <= 2048 else { return "is longer than 2048 characters" }
        guard let url = httpURL(text) else { return "is not an http(s) URL" }
        if allowInsecure { return nil }
        guard url.scheme?.lowercased() == "https" else { return "must use https (start the sandbox with --allow-insecure-callbacks for http)" }
        guard !isInternal(bareHost(url)) else {
            return "points at an internal address (start the sandbox with --allow-insecure-callbacks for loopback)"
        }
        return nil
    }
}
