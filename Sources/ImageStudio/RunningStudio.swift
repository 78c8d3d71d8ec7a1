import ServiceLifecycle

/// A started studio.
public final class RunningStudio: Sendable {
    /// `http://127.0.0.1:PORT`.
    public let origin: String
    /// The bound port.
    public let port: Int
    /// The access token (also in `url`).
    public let token: String

    private let group: ServiceGroup
    private let runTask: Task<Void, any Error>
    private let tasks: StudioTasks

    init(origin: String, port: Int, token: String, group: ServiceGroup, runTask: Task<Void, any Error>, tasks: StudioTasks) {
        self.origin = origin
        self.port = port
        self.token = token
        self.group = group
        self.runTask = runTask
        self.tasks = tasks
    }

    /// The page's address with the token: `http://127.0.0.1:PORT/?token=TOKEN`.
    public var url: String { "\(origin)/?token=\(token)" }

    /// Waits until the server stops (by `shutdown()` or a shutdown signal). Throws when the server failed.
    ///
    /// - Throws: the server's own error when it failed (Hummingbird, NIO).
    public func wait() async throws {
        let result = await runTask.result
        tasks.cancelAll()
        try result.get()
    }

    /// Stops accepting connections, finishes in-flight requests and stops following tasks (they stay in the
    /// history; `imageprep tasks wait` resumes them). Safe to call more than once.
    ///
    /// - Throws: as `wait()`.
    public func shutdown() async throws {
        await group.triggerGracefulShutdown()
        try await wait()
    }
}
