#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// The rules the API applies to `callback_url`, checked before sending: HTTPS, no internal or loopback
/// addresses, at most 2048 characters.
public enum CallbackURLPolicy {
    /// The longest accepted URL.
    public static let maxLength = 2048

    /// Throws `ClientError` `.invalidInput` naming the broken rule.
    ///
    /// - Parameter allowInsecure: accept `http` and loopback hosts (for a local sandbox only).
    public static func validate(_ text: String, allowInsecure: Bool = false) throws {
        func fail(_ reason: String) -> ClientError {
            ClientError(.invalidInput, message: "invalid callback URL: \(reason)")
        }
        guard text.count <= maxLength else { throw fail("longer than \(maxLength) characters") }
        guard let components = URLComponents(string: text), let scheme = components.scheme?.lowercased() else {
            throw fail("not a URL")
        }
        guard scheme == "https" || (allowInsecure && scheme == "http") else { throw fail("must use https") }
        guard components.user == nil, components.password == nil else { throw fail("must not carry credentials") }
        guard var host = components.host?.lowercased(), !host.isEmpty else { throw fail("no host") }
        if host.hasPrefix("[") && host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        if allowInsecure { return }
        if host.hasSuffix(".") { host.removeLast() }
        let internalNames = ["localhost", "local", "internal", "localdomain", "intranet", "lan", "home.arpa"]
        if internalNames.contains(where: { host == $0 || host.hasSuffix("." + $0) }) || !host.contains(".") && !host.contains(":") {
            throw fail("internal host name \(host)")
        }
        if isInternalAddress(host) { throw fail("internal address \(host)") }
    }

    /// Whether `host` is an IPv4 literal (any form inet_aton accepts) or IPv6 literal in a private,
    /// loopback, link-local, shared, unspecified or multicast range.
    static func isInternalAddress(_ host: String) -> Bool {
        var v4 = in_addr()
        if inet_aton(host, &v4) != 0 {
            return isInternalIPv4(UInt32(bigEndian: v4.s_addr))
        }
        var v6 = in6_addr()
        guard inet_pton(AF_INET6, host, &v6) == 1 else { return false }
        let b = withUnsafeBytes(of: v6) { Array($0) }
        if b[0..<15].allSatisfy({ $0 == 0 }) && (b[15] == 0 || b[15] == 1) { return true }   // :: and ::1
        if b[0] & 0xFE == 0xFC { return true }                                              // fc00::/7
        if b[0] == 0xFE && b[1] & 0xC0 == 0x80 { return true }                              // fe80::/10
        if b[0] == 0xFF { return true }                                                     // multicast
        if b[0..<10].allSatisfy({ $0 == 0 }) && b[10] == 0xFF && b[11] == 0xFF {            // ::ffff:a.b.c.d
            return isInternalIPv4(UInt32(b[12]) << 24 | UInt32(b[13]) << 16 | UInt32(b[14]) << 8 | UInt32(b[15]))
        }
        return false
    }

    private static func isInternalIPv4(_ a: UInt32) -> Bool {
        func inRange(_ base: UInt32, _ bits: UInt32) -> Bool { a >> (32 - bits) == base >> (32 - bits) }
        return inRange(0x0000_0000, 8) || inRange(0x0A00_0000, 8) || inRange(0x7F00_0000, 8)
            || inRange(0xA9FE_0000, 16) || inRange(0xAC10_0000, 12) || inRange(0xC0A8_0000, 16)
            || inRange(0x6440_0000, 10) || inRange(0xC000_0000, 24) || a >= 0xE000_0000
    }
}
