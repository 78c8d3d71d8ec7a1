import Testing
@testable import ImagePrep
@testable import ImageRules

@Suite struct HostAddressTests {
    @Test(arguments: [
        ("127.0.0.1", "127.0.0.1"), ("2130706433", "127.0.0.1"), ("0x7f000001", "127.0.0.1"), ("0x7f.1", "127.0.0.1"),
        ("0177.0.0.1", "127.0.0.1"), ("127.1", "127.0.0.1"), ("10.1.2.3", "10.1.2.3"), ("172.16.0.1", "172.16.0.1"),
        ("172.31.255.255", "172.31.255.255"), ("192.168.0.1", "192.168.0.1"), ("169.254.169.254", "169.254.169.254"),
        ("0.0.0.0", "0.0.0.0"), ("100.64.0.1", "100.64.0.1"), ("3232235777", "192.168.1.1"), ("0xA9.0xFE.0xA9.0xFE", "169.254.169.254"),
        ("255.255.255.255", "255.255.255.255"), ("224.0.0.1", "224.0.0.1"), ("127.0.0.1.", "127.0.0.1"),
    ])
    func internalIPv4InEveryForm(host: String, dotted: String) {
        guard case .internalIP(let address, _) = HostAddress(host) else {
            Issue.record("\(host) not seen as internal: \(HostAddress(host))")
            return
        }
        #expect(address == dotted)
    }

    @Test(arguments: ["::1", "::", "fc00::1", "fd12:3456::1", "fe80::1%eth0", "febf::1", "fec0::1", "ff02::1",
                      "::ffff:127.0.0.1", "::ffff:7f00:1", "::ffff:192.168.1.1", "64:ff9b::10.0.0.1", "2002:c0a8:0101::1",
                      "0:0:0:0:0:0:0:1", "::127.0.0.1"])
    func internalIPv6(host: String) {
        #expect(HostAddress(host).isForbidden, "\(HostAddress(host))")
    }

    @Test(arguments: ["8.8.8.8", "172.32.0.1", "172.15.255.255", "192.169.0.1", "100.128.0.1", "2606:4700::1111",
                      "::ffff:8.8.8.8", "example.com", "hooks.example.com", "1.2.3.4.example.com"])
    func publicHosts(host: String) {
        #expect(!HostAddress(host).isForbidden, "\(HostAddress(host))")
    }

    @Test(arguments: ["localhost", "LOCALHOST", "api.localhost"])
    func loopbackNames(host: String) {
        #expect(HostAddress(host) == .loopbackName(host.lowercased()))
    }

    @Test(arguments: ["intranet", "printer.local", "db.internal", "nas.lan", "x.home.arpa"])
    func internalNamesAreNotForbiddenButFlagged(host: String) {
        #expect(HostAddress(host) == .internalName(host))
    }

    @Test(arguments: ["1.2.3.256", "0x100000000", "1.2.3.4.5", "08.1.1.1", "::1::2", "1:2:3:4:5:6:7:8:9", "12345::"])
    func notIPLiterals(host: String) {
        switch HostAddress(host) {
        case .internalIP, .publicIP: Issue.record("\(host) parsed as an IP: \(HostAddress(host))")
        default: break
        }
    }

    @Test func parsesURLs() throws {
        let url = try RemoteURL.parse("HTTPS://user:pw@[::1]:8443/a/b.png?x=1#f").get()
        #expect(url.scheme == "https" && url.host == "::1" && url.port == 8443 && url.path == "/a/b.png")
        #expect(url.hostAddress.isForbidden)
        for sneaky in ["https://%31%32%37.0.0.1/cb", "https://１２７。０。０。１/cb", "https://evil.example@127.0.0.1/cb",
                       "https://0x7F.1/cb", "https://[fe80::1%25eth0]/cb"] {
            #expect(try RemoteURL.parse(sneaky).get().hostAddress.isForbidden, "\(sneaky)")
        }
        for bad in ["https://", "https://host:99999/", "https://[::1/", "https://a b/", "noscheme", "1http://x/", "https:/x"] {
            #expect(throws: RemoteURL.SyntaxError.self, "\(bad)") { try RemoteURL.parse(bad).get() }
        }
    }

    /// Random URL-ish strings (seeded, reproducible) never trap; every host either parses or is rejected.
    @Test func randomInputsNeverTrap() {
        let alphabet = Array("hts:/[]@%.0123456789abcdefx:ffff::1 ７。\\?#-_")
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int(truncatingIfNeeded: state >> 33)
        }
        var parsed = 0
        for _ in 0..<5_000 {
            let length = next() % 40
            let text = "https://" + String((0..<length).map { _ in alphabet[next() % alphabet.count] })
            if case .success(let url) = RemoteURL.parse(text) {
                parsed += 1
                _ = url.hostAddress.isForbidden
            }
            _ = HostAddress(String(text.dropFirst(8)))
        }
        #expect(parsed > 0)
    }
}
