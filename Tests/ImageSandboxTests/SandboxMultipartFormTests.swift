@testable import ImageSandbox
import Testing

@Suite("Sandbox multipart parser")
struct SandboxMultipartFormTests {
    static func body(_ parts: [(String, String?, [UInt8])], boundary: String = "XyZ") -> [UInt8] {
        var body: [UInt8] = []
        for (name, fileName, bytes) in parts {
            let disposition = fileName.map { "form-data; name=\"\(name)\"; filename=\"\($0)\"" } ?? "form-data; name=\"\(name)\""
            body += Array("--\(boundary)\r\nContent-Disposition: \(disposition)\r\n\r\n".utf8) + bytes + Array("\r\n".utf8)
        }
        return body + Array("--\(boundary)--\r\n".utf8)
    }

    @Test func partsKeepTheirBytesIncludingCRLFAndBoundaryLookalikes() throws {
        let binary: [UInt8] = [0, 13, 10, 45, 45, 88, 121, 255, 13, 10]   // contains "\r\n--Xy" but not the full delimiter
        let form = try #require(SandboxMultipartForm(body: Self.body([("upload_path", nil, Array("demo".utf8)), ("file", "a.png", binary)]),
                                              boundary: "XyZ"))
        #expect(form.parts.map(\.name) == ["upload_path", "file"])
        #expect(form.part("file")?.body == binary)
        #expect(form.part("file")?.fileName == "a.png")
        #expect(form.text("uploadPath", "upload_path") == "demo")
    }

    @Test func boundaryParameter() {
        #expect(SandboxMultipartForm.boundary(contentType: "multipart/form-data; boundary=abc") == "abc")
        #expect(SandboxMultipartForm.boundary(contentType: "multipart/form-data; charset=utf-8; boundary=\"a b\"") == "a b")
        #expect(SandboxMultipartForm.boundary(contentType: "application/json") == nil)
        #expect(SandboxMultipartForm.boundary(contentType: "multipart/form-data") == nil)
    }

    @Test func malformedBodiesAreNil() {
        #expect(SandboxMultipartForm(body: Array("no delimiters at all".utf8), boundary: "XyZ") == nil)
        #expect(SandboxMultipartForm(body: Array("--XyZ\r\nContent-Disposition: form-data\r\n\r\nx\r\n--XyZ--".utf8), boundary: "XyZ") == nil)
    }
}

@Suite("Sandbox URL policy")
struct URLPolicyTests {
    @Test(arguments: ["127.0.0.1", "127.8.9.10", "localhost", "::1", "api.localhost",
                      "::ffff:127.0.0.1", "::ffff:7f00:1", "0:0:0:0:0:0:0:1", "127.1", "0x7f.0.0.1", "2130706433"])
    func loopbackHosts(_ host: String) {
        #expect(URLPolicy.isLoopback(host))
        #expect(URLPolicy.isInternal(host))
    }

    @Test(arguments: ["10.1.2.3", "172.16.0.1", "172.31.255.255", "192.168.0.10", "169.254.1.1", "fd00::1", "fe80::1",
                      "::ffff:10.0.0.1", "::ffff:192.168.1.1", "0.0.0.0", "::"])
    func privateHosts(_ host: String) {
        #expect(!URLPolicy.isLoopback(host))
        #expect(URLPolicy.isInternal(host))
    }

    @Test(arguments: ["8.8.8.8", "172.32.0.1", "example.com", "1.127.0.0"])
    func publicHosts(_ host: String) {
        #expect(!URLPolicy.isInternal(host))
    }

    @Test func callbackRules() {
        #expect(URLPolicy.callbackProblem("https://hooks.example.com/x", allowInsecure: false) == nil)
        #expect(URLPolicy.callbackProblem("http://hooks.example.com/x", allowInsecure: false) != nil)
        #expect(URLPolicy.callbackProblem("https://[::1]:8080/x", allowInsecure: false) != nil)
        #expect(URLPolicy.callbackProblem("https://[::ffff:127.0.0.1]/x", allowInsecure: false) != nil)
        #expect(URLPolicy.callbackProblem("http://127.0.0.1:8080/x", allowInsecure: true) == nil)
        #expect(URLPolicy.callbackProblem("https://example.com/" + String(repeating: "a", count: 2029), allowInsecure: true) != nil)
        #expect(URLPolicy.callbackProblem("not a url", allowInsecure: true) != nil)
    }
}
