import Foundation

/// Which URLs the sandbox will fetch from or call back to.
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

    /// Whether `host` is a loopback name or address (localhost, 127.0.0.0/8, ::1).
    static func isLoopback(_ host: String) -> Bool {
        if host == "localhost" || host.hasSuffix(".localhost") || host == "::1" || host == "0:0:0:0:0:0:0:1" { return true }
        if let octets = ipv4(host) { return octets[0] == 127 }
        return false
    }

    /// Whether `host` is a loopback, private, link-local or unspecified address (or localhost).
    static func isInternal(_ host: String) -> Bool {
        if isLoopback(host) { return true }
        if let o = ipv4(host) {
            return o[0] == 10 || o[0] == 0 || (o[0] == 172 && (16...31).contains(o[1])) || (o[0] == 192 && o[1] == 168)
                || (o[0] == 169 && o[1] == 254) || (o[0] == 100 && (64...127).contains(o[1]))
        }
        if host.contains(":") {   // IPv6: unique-local fc00::/7, link-local fe80::/10, unspecified
            return host.hasPrefix("fc") || host.hasPrefix("fd") || host.hasPrefix("fe8") || host.hasPrefix("fe9")
                || host.hasPrefix("fea") || host.hasPrefix("feb") || host == "::"
        }
        return false
    }

    private static func ipv4(_ host: String) -> [Int]? {
        let parts = host.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4 else { return nil }
        let octets = parts.compactMap { Int($0) }.filter { (0...255).contains($0) }
        return octets.count == 4 ? octets : nil
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
