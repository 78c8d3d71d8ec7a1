import Foundation

/// A URL taken apart just enough to check it without fetching: scheme, host, port, path.
///
/// Parsing is deliberately strict and small (RFC 3986 authority syntax, IPv6 in brackets); it never
/// resolves names or touches the network.
public struct RemoteURL: Sendable, Hashable {
    /// Lower-cased scheme (`https`).
    public var scheme: String
    /// The host as written (brackets removed for IPv6), lower-cased.
    public var host: String
    /// The port, when given.
    public var port: Int?
    /// Everything after the authority (path, query, fragment), possibly empty.
    public var rest: String

    /// Parses `text`, or explains what is wrong with it ("expected scheme://host/…, got …").
    public static func parse(_ text: String) -> Result<RemoteURL, SyntaxError> {
        if let bad = text.unicodeScalars.first(where: { $0.value <= 0x20 || $0.value == 0x7F || $0 == "\\" }) {
            let what = bad == " " ? "a space" : bad == "\\" ? "a backslash" : "control character U+\(String(bad.value, radix: 16, uppercase: true))"
            return .failure(SyntaxError("contains \(what); percent-encode it"))
        }
        guard let schemeEnd = text.firstIndex(of: ":") else { return .failure(SyntaxError("has no scheme")) }
        let scheme = text[..<schemeEnd].lowercased()
        guard let first = scheme.first, first.isLetter,
              scheme.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "+-.".contains($0)) }) else {
            return .failure(SyntaxError("has an invalid scheme `\(scheme)`"))
        }
        let afterScheme = text[text.index(after: schemeEnd)...]
        guard afterScheme.hasPrefix("//") else { return .failure(SyntaxError("has no `//host` after `\(scheme):`")) }
        let authorityAndRest = afterScheme.dropFirst(2)
        let authorityEnd = authorityAndRest.firstIndex(where: { "/?#".contains($0) }) ?? authorityAndRest.endIndex
        var authority = authorityAndRest[..<authorityEnd]
        let rest = String(authorityAndRest[authorityEnd...])
        if let at = authority.lastIndex(of: "@") { authority = authority[authority.index(after: at)...] }
        var host: Substring
        var portText: Substring?
        if authority.hasPrefix("[") {
            guard let close = authority.firstIndex(of: "]") else { return .failure(SyntaxError("has an unclosed `[` in the host")) }
            host = authority[authority.index(after: authority.startIndex)..<close]
            let after = authority[authority.index(after: close)...]
            if !after.isEmpty {
                guard after.hasPrefix(":") else { return .failure(SyntaxError("has text after the IPv6 host")) }
                portText = after.dropFirst()
            }
            guard HostAddress.parseIPv6(String(host)) != nil else {
                return .failure(SyntaxError("has an invalid IPv6 address `[\(host)]`"))
            }
        } else if let colon = authority.lastIndex(of: ":") {
            host = authority[..<colon]
            portText = authority[authority.index(after: colon)...]
        } else {
            host = authority
        }
        guard !host.isEmpty else { return .failure(SyntaxError("has no host")) }
        if !authority.hasPrefix("["),
           !host.allSatisfy({ $0.isASCII ? ($0.isLetter || $0.isNumber || "-._~%!$&'()*+,;=".contains($0)) : true }) {
            return .failure(SyntaxError("has an invalid host `\(host)`"))
        }
        var port: Int?
        if let portText, !portText.isEmpty {
            guard portText.allSatisfy(\.isASCII), let value = Int(portText), (1...65535).contains(value) else {
                return .failure(SyntaxError("has an invalid port `\(portText)`"))
            }
            port = value
        }
        return .success(RemoteURL(scheme: scheme, host: Self.canonicalHost(String(host)), port: port, rest: rest))
    }

    /// The path without query and fragment.
    public var path: String {
        String(rest.prefix { $0 != "?" && $0 != "#" })
    }

    /// The host as a URL parser would resolve it: percent-escapes decoded, compatibility forms folded
    /// (NFKC turns full-width digits and dots into ASCII), ideographic dots read as dots, lower-cased.
    /// So `%31%32%37.0.0.1` and `１２７。０。０。１` are both seen as 127.0.0.1.
    static func canonicalHost(_ host: String) -> String {
        let decoded = percentDecoded(host).precomposedStringWithCompatibilityMapping
        return String(decoded.map { "。．｡".contains($0) ? "." : $0 }).lowercased()
    }

    /// `%XX` escapes decoded (for judging a path's extension).
    static func percentDecoded(_ text: String) -> String { BundlePath.removingPercentEncoding(text) }

    /// What kind of host this is (public name, internal name, or an IP in a forbidden range).
    public var hostAddress: HostAddress { HostAddress(host) }

    /// Why a string is not a usable URL.
    public struct SyntaxError: Error, Sendable, Hashable {
        public var reason: String
        public init(_ reason: String) { self.reason = reason }
    }
}
