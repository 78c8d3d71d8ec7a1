/// Classifies a URL host: a public name, an internal-looking name, or an IP literal and its range.
///
/// IPv4 literals are read the way URL parsers and `inet_aton` read them, so `2130706433`, `0x7f.1`,
/// `0177.0.0.1` and `127.1` are all recognised as 127.0.0.1. IPv6 covers loopback, unspecified, unique-local,
/// link-local, site-local, multicast, and IPv4 embedded in IPv4-mapped (`::ffff:a.b.c.d`), IPv4-compatible,
/// NAT64 (`64:ff9b::/96`) and 6to4 (`2002::/16`) addresses.
public enum HostAddress: Sendable, Hashable {
    /// An IP literal in a range the public internet cannot reach; `range` names it.
    case internalIP(address: String, range: String)
    /// A public IP literal.
    case publicIP(String)
    /// `localhost` and `*.localhost`.
    case loopbackName(String)
    /// A single-label name or one under `.local`, `.internal`, `.lan`, `.home.arpa`, `.intranet`, `.corp`.
    case internalName(String)
    /// Any other name.
    case name(String)

    public init(_ rawHost: String) {
        let host = rawHost.lowercased().hasSuffix(".") ? String(rawHost.lowercased().dropLast()) : rawHost.lowercased()
        if let v4 = HostAddress.parseIPv4(host) {
            let text = HostAddress.dotted(v4)
            if let range = HostAddress.internalRange(v4) { self = .internalIP(address: text, range: range) } else { self = .publicIP(text) }
        } else if let v6 = HostAddress.parseIPv6(host) {
            if let range = HostAddress.internalRange(v6) { self = .internalIP(address: host, range: range) } else { self = .publicIP(host) }
        } else if host == "localhost" || host.hasSuffix(".localhost") {
            self = .loopbackName(host)
        } else if !host.contains(".") || [".local", ".internal", ".lan", ".home.arpa", ".intranet", ".corp"].contains(where: host.hasSuffix) {
            self = .internalName(host)
        } else {
            self = .name(host)
        }
    }

    /// Whether the API server would refuse (or be unable) to reach this host: internal IPs and loopback names.
    public var isForbidden: Bool {
        switch self {
        case .internalIP, .loopbackName: true
        default: false
        }
    }

    /// Whether this host is this machine: `localhost`, `*.localhost`, 127.0.0.0/8 in any IPv4 spelling
    /// (`127.1`, `0x7f.1`, `2130706433`) or embedded in IPv6 (`::ffff:127.0.0.1`), and `::1`.
    public var isLoopback: Bool {
        switch self {
        case .loopbackName: true
        case .internalIP(_, let range): range.hasSuffix("(loopback)")
        default: false
        }
    }

    // MARK: - IPv4

    /// Parses an IPv4 literal in any form URL parsers accept: 1–4 dot-separated parts, each decimal, `0x` hex
    /// or leading-zero octal; the last part fills the remaining bytes. Nil when not an IPv4 literal.
    static func parseIPv4(_ host: String) -> UInt32? {
        var parts = host.split(separator: ".", omittingEmptySubsequences: false)
        if parts.count > 1, parts.last?.isEmpty == true { parts.removeLast() }
        guard (1...4).contains(parts.count) else { return nil }
        var values: [UInt64] = []
        for part in parts {
            guard !part.isEmpty else { return nil }
            let lower = part.lowercased()
            let value: UInt64?
            if lower.hasPrefix("0x") {
                value = lower.count == 2 ? 0 : UInt64(lower.dropFirst(2), radix: 16)
            } else if lower.count > 1, lower.hasPrefix("0") {
                value = UInt64(lower.dropFirst(), radix: 8)
            } else {
                value = lower.allSatisfy(\.isNumber) ? UInt64(lower, radix: 10) : nil
            }
            guard let value, value <= 0xFFFF_FFFF else { return nil }
            values.append(value)
        }
        var result: UInt64 = 0
        for value in values.dropLast() {
            guard value <= 255 else { return nil }
            result = (result << 8) | value
        }
        let lastBits = UInt64(8 * (5 - values.count))
        guard let last = values.last, last < (UInt64(1) << lastBits) else { return nil }
        result = (result << lastBits) | last
        return UInt32(truncatingIfNeeded: result)
    }

    static func dotted(_ v: UInt32) -> String {
        "\(v >> 24).\((v >> 16) & 255).\((v >> 8) & 255).\(v & 255)"
    }

    /// The name of the non-public range holding `v`, or nil.
    static func internalRange(_ v: UInt32) -> String? {
        let ranges: [(UInt32, Int, String)] = [
            (0x0000_0000, 8, "0.0.0.0/8 (this network)"),
            (0x0A00_0000, 8, "10.0.0.0/8 (private)"),
            (0x6440_0000, 10, "100.64.0.0/10 (carrier-grade NAT)"),
            (0x7F00_0000, 8, "127.0.0.0/8 (loopback)"),
            (0xA9FE_0000, 16, "169.254.0.0/16 (link-local)"),
            (0xAC10_0000, 12, "172.16.0.0/12 (private)"),
            (0xC000_0000, 24, "192.0.0.0/24 (IETF protocol assignments)"),
            (0xC0A8_0000, 16, "192.168.0.0/16 (private)"),
            (0xC612_0000, 15, "198.18.0.0/15 (benchmarking)"),
            (0xE000_0000, 4, "224.0.0.0/4 (multicast)"),
            (0xF000_0000, 4, "240.0.0.0/4 (reserved, incl. broadcast)"),
        ]
        for (base, bits, name) in ranges where (v ^ base) >> UInt32(32 - bits) == 0 { return name }
        return nil
    }

    // MARK: - IPv6

    /// Parses an IPv6 literal (no brackets, no zone) into 16 bytes, or nil.
    static func parseIPv6(_ text: String) -> [UInt8]? {
        var host = Substring(text)
        if let percent = host.firstIndex(of: "%") { host = host[..<percent] }  // zone id
        guard host.contains(":") else { return nil }
        var head: [UInt16] = [], tail: [UInt16] = []
        var sawGap = false
        let halves = host.components(separatedByDoubleColon: ())
        guard halves.count <= 2 else { return nil }
        func groups(_ part: Substring, allowIPv4: Bool) -> [UInt16]? {
            if part.isEmpty { return [] }
            var out: [UInt16] = []
            let pieces = part.split(separator: ":", omittingEmptySubsequences: false)
            for (i, piece) in pieces.enumerated() {
                if i == pieces.count - 1, allowIPv4, piece.contains(".") {
                    let quads = piece.split(separator: ".", omittingEmptySubsequences: false)
                    guard quads.count == 4 else { return nil }
                    var bytes: [UInt16] = []
                    for q in quads {
                        guard !q.isEmpty, q.count <= 3, q.allSatisfy(\.isNumber), let b = UInt16(q), b <= 255 else { return nil }
                        bytes.append(b)
                    }
                    out += [bytes[0] << 8 | bytes[1], bytes[2] << 8 | bytes[3]]
                } else {
                    guard (1...4).contains(piece.count), let g = UInt16(piece, radix: 16) else { return nil }
                    out.append(g)
                }
            }
            return out
        }
        if halves.count == 2 {
            sawGap = true
            guard let h = groups(halves[0], allowIPv4: false), let t = groups(halves[1], allowIPv4: true) else { return nil }
            head = h; tail = t
            guard head.count + tail.count <= 7 else { return nil }
        } else {
            guard let h = groups(halves[0], allowIPv4: true), h.count == 8 else { return nil }
            head = h
        }
        let all = sawGap ? head + Array(repeating: 0, count: 8 - head.count - tail.count) + tail : head
        return all.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
    }

    /// The name of the non-public range holding `b` (16 bytes), or nil.
    static func internalRange(_ b: [UInt8]) -> String? {
        func v4(at i: Int) -> UInt32 { UInt32(b[i]) << 24 | UInt32(b[i + 1]) << 16 | UInt32(b[i + 2]) << 8 | UInt32(b[i + 3]) }
        let zero10 = b[0..<10].allSatisfy { $0 == 0 }
        if b.allSatisfy({ $0 == 0 }) { return "::/128 (unspecified)" }
        if b[0..<15].allSatisfy({ $0 == 0 }) && b[15] == 1 { return "::1/128 (loopback)" }
        if zero10 && b[10] == 0xFF && b[11] == 0xFF {
            return internalRange(v4(at: 12)).map { "IPv4-mapped \($0)" }
        }
        if zero10 && b[10] == 0 && b[11] == 0 { return internalRange(v4(at: 12)).map { "IPv4-compatible \($0)" } ?? "::/96 (deprecated IPv4-compatible)" }
        if b[0] == 0x00 && b[1] == 0x64 && b[2] == 0xFF && b[3] == 0x9B && b[4..<12].allSatisfy({ $0 == 0 }) {
            return internalRange(v4(at: 12)).map { "NAT64 \($0)" }
        }
        if b[0] == 0x20 && b[1] == 0x02 { return internalRange(v4(at: 2)).map { "6to4 \($0)" } }
        if b[0] & 0xFE == 0xFC { return "fc00::/7 (unique local)" }
        if b[0] == 0xFE && b[1] & 0xC0 == 0x80 { return "fe80::/10 (link-local)" }
        if b[0] == 0xFE && b[1] & 0xC0 == 0xC0 { return "fec0::/10 (site-local)" }
        if b[0] == 0xFF { return "ff00::/8 (multicast)" }
        if b[0] == 0x20 && b[1] == 0x01 && b[2] == 0x0D && b[3] == 0xB8 { return "2001:db8::/32 (documentation)" }
        return nil
    }
}

extension Substring {
    /// Splits at every `::` (IPv6 zero-run marker).
    fileprivate func components(separatedByDoubleColon _: Void) -> [Substring] {
        var result: [Substring] = []
        var start = startIndex
        var i = startIndex
        while i < endIndex {
            let next = index(after: i)
            if self[i] == ":", next < endIndex, self[next] == ":" {
                result.append(self[start..<i])
                start = index(after: next)
                i = start
            } else {
                i = next
            }
        }
        result.append(self[start...])
        return result
    }
}
