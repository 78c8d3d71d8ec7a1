/// The wire form of a task: the body of `GET /v1/tasks/{id}`, of the create response and of callbacks
/// (API-CONTRACT §3).
struct TaskBody: Codable, Sendable, Equatable {
    struct TaskInfo: Codable, Sendable, Equatable {
        var can_cancel: Bool
        var estimated_time: Int
    }
    struct Usage: Codable, Sendable, Equatable {
        var billing_rule: String
        var credits_reserved: Double
        var user_group: String
        var credits_used: Double?
    }
    struct TaskError: Codable, Sendable, Equatable {
        var code: String
        var message: String
    }

    var id: String
    var created: Int
    var model: String
    var object: String
    var type: String
    var status: String
    var progress: Int
    var results: [String]?
    var task_info: TaskInfo
    var usage: Usage
    var error: TaskError?

    /// The task as seen at `now`; result links are `<baseURL>/results/<id>/<i>.png`.
    init(_ task: SandboxTaskRecord, now: Double, baseURL: String) {
        let (status, progress) = task.status(at: now)
        id = task.id
        created = Int(task.created)
        model = task.model
        object = "image.generation.task"
        type = "image"
        self.status = status
        self.progress = progress
        results = status == "completed" ? (0..<task.imagesProduced).map { "\(baseURL)/results/\(task.id)/\($0).png" } : nil
        task_info = TaskInfo(can_cancel: task.isRunning, estimated_time: task.isRunning ? Int((task.due - now).rounded(.up)) : 0)
        usage = Usage(billing_rule: "per_call", credits_reserved: task.creditsReserved, user_group: "default",
                      credits_used: task.isRunning ? nil : task.creditsUsed)
        error = task.errorCode.map { TaskError(code: $0, message: task.errorMessage ?? $0) }
    }
}
