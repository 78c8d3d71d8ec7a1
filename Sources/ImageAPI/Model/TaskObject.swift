import Foundation

/// A task as `POST /v1/images/generations` and `GET /v1/tasks/{id}` return it, decoded tolerantly:
/// unknown fields are ignored, unknown statuses kept, `progress` and `error.code` accepted as int or string,
/// results read from `results` or from `result_data[].image_url`.
public struct TaskObject: Sendable, Equatable, Decodable {
    /// The task error, present when the task failed.
    public struct Failure: Sendable, Equatable {
        /// The business code (`content_policy_violation`, …) as text; the API sends a string or an int.
        public var code: String?
        public var message: String?
        public var type: String?
    }

    /// `task-unified-<unix>-<8 chars>`.
    public var id: String
    public var status: TaskStatus
    /// 0–100.
    public var progress: Int
    /// Result URLs (valid 24 h), present when completed.
    public var results: [String]
    public var error: Failure?
    public var model: String?
    /// Creation time, Unix seconds.
    public var created: Int?
    public var object: String?
    public var type: String?
    /// `task_info.can_cancel`.
    public var canCancel: Bool?
    /// `task_info.estimated_time`, seconds.
    public var estimatedTime: Int?
    /// `usage.credits_reserved`.
    public var creditsReserved: Double?
    /// `usage.credits_used` (or `usage.cost.credits`): the final charge, once the task ended.
    public var creditsUsed: Double?

    public init(id: String, status: TaskStatus, progress: Int = 0, results: [String] = [], error: Failure? = nil,
                model: String? = nil) {
        self.id = id
        self.status = status
        self.progress = progress
        self.results = results
        self.error = error
        self.model = model
    }

    private enum Keys: String, CodingKey {
        case id, status, progress, results, error, model, created, object, type, code, message
        case taskInfo = "task_info", canCancel = "can_cancel", estimatedTime = "estimated_time"
        case usage, creditsReserved = "credits_reserved", creditsUsed = "credits_used", cost, credits, resultData = "result_data", imageURL = "image_url", url
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: Keys.self)
        id = try c.decode(String.self, forKey: .id)
        status = (try? c.decode(TaskStatus.self, forKey: .status)) ?? .pending
        progress = (try? c.decode(LenientValue.self, forKey: .progress))?.percent ?? 0
        results = (try? c.decode([String?].self, forKey: .results))?.compactMap { $0 } ?? []
        if results.isEmpty, var items = try? c.nestedUnkeyedContainer(forKey: .resultData) {
            while !items.isAtEnd {
                guard let item = try? items.nestedContainer(keyedBy: Keys.self) else { _ = try? items.decode(LenientValue.self); continue }
                if let url = (try? item.decode(String.self, forKey: .imageURL)) ?? (try? item.decode(String.self, forKey: .url)) {
                    results.append(url)
                }
            }
        }
        if let e = try? c.nestedContainer(keyedBy: Keys.self, forKey: .error) {
            error = Failure(code: (try? e.decode(LenientValue.self, forKey: .code))?.text,
                            message: try? e.decode(String.self, forKey: .message),
                            type: try? e.decode(String.self, forKey: .type))
        } else if let text = try? c.decode(String.self, forKey: .error) {
            error = Failure(code: nil, message: text, type: nil)
        }
        model = try? c.decode(String.self, forKey: .model)
        created = (try? c.decode(LenientValue.self, forKey: .created))?.text.flatMap { Int($0) }
        object = try? c.decode(String.self, forKey: .object)
        type = try? c.decode(String.self, forKey: .type)
        if let info = try? c.nestedContainer(keyedBy: Keys.self, forKey: .taskInfo) {
            canCancel = try? info.decode(Bool.self, forKey: .canCancel)
            estimatedTime = (try? info.decode(LenientValue.self, forKey: .estimatedTime))?.text.flatMap { Double($0) }.map { Int($0) }
        }
        if let usage = try? c.nestedContainer(keyedBy: Keys.self, forKey: .usage) {
            creditsReserved = (try? usage.decode(LenientValue.self, forKey: .creditsReserved))?.text.flatMap { Double($0) }
            creditsUsed = (try? usage.decode(LenientValue.self, forKey: .creditsUsed))?.text.flatMap { Double($0) }
                ?? (try? usage.nestedContainer(keyedBy: Keys.self, forKey: .cost))
                    .flatMap { try? $0.decode(LenientValue.self, forKey: .credits) }?.text.flatMap { Double($0) }
        }
    }

    /// Decodes a task from a response body.
    ///
    /// - Throws: `ClientError` `.invalidResponse` when the body is not a task object.
    public static func decode(_ body: [UInt8]) throws(ClientError) -> TaskObject {
        do {
            return try JSONDecoder().decode(TaskObject.self, from: Data(body))
        } catch {
            throw ClientError(.invalidResponse, message: "the server's answer is not a task object",
                              details: String(decoding: body.prefix(200), as: UTF8.self))
        }
    }
}
