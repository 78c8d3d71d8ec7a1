/// One generation task as the sandbox stores it. Status and progress are not stored while the task runs:
/// they are a function of the sandbox clock (`status(at:)`), so timing is exact and needs no timers.
struct SandboxTaskRecord: Codable, Sendable {
    /// How a task ended.
    enum Outcome: String, Codable, Sendable {
        case completed, failed, cancelled
    }

    var id: String
    /// 0, 1, 2… in creation order; seeds the task-failure fault.
    var sequence: Int
    /// Sandbox-clock seconds at creation.
    var created: Double
    var model: String
    var prompt: String
    /// The output size.
    var width: Int
    var height: Int
    var n: Int
    /// Blob names of the reference images, in request order.
    var inputBlobs: [String]
    /// Blob name of the mask, if any.
    var maskBlob: String?
    var callbackURL: String?
    var idempotencyKey: String?
    var creditsReserved: Double
    /// Sandbox-clock seconds from creation to the end.
    var duration: Double

    // Set once the task has ended.
    var outcome: Outcome?
    var finished: Double?
    var errorCode: String?
    var errorMessage: String?
    var imagesProduced: Int = 0
    var creditsUsed: Double = 0

    /// Sandbox-clock time at which the task ends by itself.
    var due: Double { created + duration }

    /// When the task and its result links stop being served.
    func expiry(resultLifetime: Double) -> Double { (finished ?? due) + resultLifetime }

    /// Status and progress at `now` (for a task that has not been finalised, as if it were still running).
    func status(at now: Double) -> (status: String, progress: Int) {
        if let outcome { return (outcome.rawValue, outcome == .completed ? 100 : progressAt(finished ?? now)) }
        let elapsed = now - created
        if elapsed < duration * 0.1 || elapsed <= 0 { return ("pending", 0) }
        return ("processing", progressAt(now))
    }

    private func progressAt(_ time: Double) -> Int {
        guard duration > 0 else { return 100 }
        let fraction = (time - created) / duration
        return min(99, max(1, Int(fraction * 100)))
    }

    /// Whether the task is still pending or processing.
    var isRunning: Bool { outcome == nil }
}
