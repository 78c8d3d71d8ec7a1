import Foundation
import ImageAPI
import Testing

@Suite struct APIErrorMappingTests {
    /// Every documented HTTP error, with its documented body, maps to its typed kind.
    static let documented: [(Int, String, APIError.Kind)] = [
        (400, "invalid_request_error", .invalidRequest), (401, "authentication_error", .authentication),
        (402, "insufficient_quota_error", .insufficientQuota), (403, "permission_error", .permission),
        (404, "not_found_error", .notFound), (413, "request_too_large_error", .requestTooLarge),
        (429, "rate_limit_error", .rateLimited), (500, "internal_server_error", .internalServer),
        (502, "upstream_error", .upstream), (503, "service_unavailable_error", .serviceUnavailable),
    ]

    @Test(arguments: documented)
    func documentedStatusMapsToTypedError(status: Int, type: String, kind: APIError.Kind) async throws {
        let transport = InMemoryTransport { _, _ in
            Fixture.json(status, #"{"error":{"code":\#(status),"message":"Failure \#(status)","type":"\#(type)","param":"model","fallback_suggestion":"try again later"}}"#)
        }
        let client = Fixture.client(transport, retry: .none)
        let error = try await #require(throws: APIError.self) { try await client.task(id: "task-unified-1-abcdefgh") }
        #expect(error.kind == kind)
        #expect(error.status == status)
        #expect(error.type == type)
        #expect(error.code == String(status))
        #expect(error.message == "Failure \(status)")
        #expect(error.param == "model")
        #expect(error.fallbackSuggestion == "try again later")
        #expect(error.isTransient == [429, 500, 502, 503].contains(status))
    }

    @Test func stringCodeAndUnknownStatus() async throws {
        let transport = InMemoryTransport { _, index in
            index == 0
                ? Fixture.json(400, #"{"error":{"code":"invalid_task_id","message":"must start with 'task-unified-'","type":"invalid_request_error","param":"task_id"}}"#)
                : TransportResponse(status: 418, body: Array("teapot".utf8))
        }
        let client = Fixture.client(transport, retry: .none)
        let first = try await #require(throws: APIError.self) { try await client.task(id: "bad") }
        #expect(first.kind == .invalidRequest)
        #expect(first.code == "invalid_task_id")
        let second = try await #require(throws: APIError.self) { try await client.task(id: "bad") }
        #expect(second.kind == .unexpectedStatus)
        #expect(second.status == 418)
        #expect(second.message == "teapot")
    }

    @Test func serverTextEchoingTheKeyIsRedacted() async throws {
        let transport = InMemoryTransport { _, _ in
            Fixture.json(401, #"{"error":{"code":401,"message":"Invalid token \#(Fixture.key)","type":"authentication_error"}}"#)
        }
        let client = Fixture.client(transport, retry: .none)
        let error = try await #require(throws: APIError.self) { try await client.task(id: "task-unified-1-abcdefgh") }
        #expect(!error.message.contains(Fixture.key))
        #expect(!"\(error)".contains(Fixture.key))
        #expect(error.message.contains("<redacted>"))
    }

    @Test func fileServiceSuccessFalseInsideHTTP200IsAnError() async throws {
        let dir = try Fixture.tempDir()
        let file = try Fixture.write(Fixture.pngLike, dir + "/a.png")
        let transport = InMemoryTransport { _, _ in
            Fixture.json(200, #"{"success":false,"code":40003,"msg":"quota exceeded"}"#)
        }
        let error = try await #require(throws: APIError.self) { try await Fixture.client(transport).upload(file: file) }
        #expect(error.kind == .fileService)
        #expect(error.code == "40003")
        #expect(error.message == "quota exceeded")
        #expect(transport.requests.count == 1)
    }
}
