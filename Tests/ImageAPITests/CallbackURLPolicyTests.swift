import ImageAPI
import Testing

@Suite struct CallbackURLPolicyTests {
    @Test(arguments: ["https://hooks.example.com/cb", "https://93.184.216.34/x?y=1", "https://[2606:4700::1]/cb"])
    func accepted(url: String) throws {
        try CallbackURLPolicy.validate(url)
    }

    @Test(arguments: [
        "http://hooks.example.com/cb", "ftp://hooks.example.com", "https://127.0.0.1/cb", "https://10.1.2.3/",
        "https://172.16.0.1/", "https://172.31.255.255/", "https://192.168.1.1/", "https://169.254.169.254/latest",
        "https://localhost/cb", "https://foo.localhost/", "https://[::1]/", "https://[fd00::1]/", "https://[fe80::1]/",
        "https://[::ffff:10.0.0.1]/", "https://2130706433/", "https://0x7f000001/", "https://0.0.0.0/", "https://intranet/",
        "https://user:pw@hooks.example.com/", "not a url",
    ])
    func rejected(url: String) {
        #expect(throws: ClientError.self) { try CallbackURLPolicy.validate(url) }
    }

    @Test func lengthLimit() throws {
        let base = "https://hooks.example.com/"
        try CallbackURLPolicy.validate(base + String(repeating: "a", count: 2048 - base.count))
        #expect(throws: ClientError.self) {
            try CallbackURLPolicy.validate(base + String(repeating: "a", count: 2049 - base.count))
        }
    }

    @Test func sandboxMayAllowLoopback() throws {
        try CallbackURLPolicy.validate("http://127.0.0.1:8080/cb", allowInsecure: true)
    }
}
