import Foundation
import ImageAPI
import Testing

@Suite struct TaskDecodingTests {
    @Test func documentedCreateResponse() throws {
        let text = #"{"created":1757156493,"id":"task-unified-1757156493-imcg5zqt","model":"gpt-4o-image","object":"image.generation.task","progress":0,"status":"pending","task_info":{"can_cancel":true,"estimated_time":100},"type":"image","usage":{"billing_rule":"per_call","credits_reserved":2.5,"user_group":"default"}}"#
        let task = try TaskObject.decode(Array(text.utf8))
        #expect(task.id == "task-unified-1757156493-imcg5zqt")
        #expect(task.status == .pending)
        #expect(task.created == 1_757_156_493)
        #expect(task.canCancel == true)
        #expect(task.estimatedTime == 100)
        #expect(task.creditsReserved == 2.5)
        #expect(task.results.isEmpty)
        #expect(!task.status.isTerminal)
    }

    @Test func unknownStatusAndFieldsAndStringProgress() throws {
        let text = #"{"id":"t1","status":"cancelled","progress":"55","brand_new":{"x":[1,2]},"results":null}"#
        let task = try TaskObject.decode(Array(text.utf8))
        #expect(task.status == .cancelled)
        #expect(task.status.isTerminal)
        #expect(task.progress == 55)

        let other = try TaskObject.decode(Array(#"{"id":"t2","status":"Queued_Upstream","progress":"0.48"}"#.utf8))
        #expect(other.status.rawValue == "queued_upstream")
        #expect(!other.status.isTerminal)
        #expect(other.progress == 48)
    }

    @Test(arguments: [#""code":"content_policy_violation""#, #""code":1234"#])
    func errorCodeIntOrString(code: String) throws {
        let text = #"{"id":"t","status":"failed","progress":100,"error":{\#(code),"message":"nope","type":"x"}}"#
        let task = try TaskObject.decode(Array(text.utf8))
        #expect(task.status == .failed)
        #expect(task.error?.message == "nope")
        #expect(task.error?.code == (code.contains("1234") ? "1234" : "content_policy_violation"))
    }

    @Test func resultsFromResultData() throws {
        let text = #"{"id":"t","status":"completed","progress":100.0,"result_data":[{"image_url":"https://r/1.png"},{"url":"https://r/2.png"}]}"#
        let task = try TaskObject.decode(Array(text.utf8))
        #expect(task.results == ["https://r/1.png", "https://r/2.png"])
        #expect(task.progress == 100)
    }

    @Test func notATaskIsInvalidResponse() {
        #expect(throws: ClientError.self) { try TaskObject.decode(Array("<html>".utf8)) }
        #expect(throws: ClientError.self) { try TaskObject.decode(Array(#"{"status":"pending"}"#.utf8)) }
    }

    @Test func failureCodeClassification() {
        for code in ["generation_failed_no_content", "service_error", "generation_timeout", "resource_exhausted",
                     "quota_exceeded", "service_unavailable", "unknown_error"] {
            #expect(TaskFailureCode.isRetryable(code), "\(code)")
        }
        for code in ["content_policy_violation", "invalid_parameters", "image_processing_error",
                     "image_dimension_mismatch", "request_cancelled", "resource_not_found", "never_heard_of_it"] {
            #expect(!TaskFailureCode.isRetryable(code), "\(code)")
        }
        #expect(!TaskFailureCode.isRetryable(nil))
    }
}
