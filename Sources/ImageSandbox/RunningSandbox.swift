import AsyncHTTPClient
import ServiceLifecycle
import Synchronization

/// A started sandbox. API and file service share one origin, `baseURL`.
public final class RunningSandbox: Sendable {
    /// The interface it listens on.
    public let host: String
    /// The bound port (the free one picked when the configuration asked for 0).
    public let port: Int
    /// `http://host:port`, the base of the API (`/v1/…`), the file service (`/api/v1/files/…`) and downloads.
    public let baseURL: String
    /// The Bearer key it accepts.
    public let apiKey: String

    private let group: ServiceGroup
    private let runTask: Task<Void, any Error>
    private let sweeper: Task<Void, Never>
    private let dispatcher: CallbackDispatcher
    private let state: SandboxState
    private let client: HTTPClient
    private let stopped = Mutex(false)

    init(host: String, port: Int, baseURL: String, apiKey: String, group: ServiceGroup, runTask: Task<Void, any Error>,
         sweeper: Task<Void, Never>, dispatcher: CallbackDispatcher, state: SandboxState, client: HTTPClient) {
        self.host = host
        self.port = port
        self.baseURL = baseURL
        self.apiKey = apiKey
        self.group = group
        self.runTask = runTask
        self.sweeper = sweeper
        self.dispatcher = dispatcher
        self.state = state
        self.client = client
    }

    /// How many tasks this sandbox holds (every create that made a task, until it expires).
    public func taskCount() async -> Int { await state.counts().tasks }

    /// How many uploaded files this sandbox holds (live ones).
    public func uploadCount() async -> Int { await state.counts().files }

    /// Every callback delivery attempt so far (for tests and diagnostics).
    public var callbackAttempts: [CallbackAttempt] { dispatcher.attempts }

    /// Waits until every callback delivery started so far has ended: delivered (a 2xx) or given up after
    /// its last retry. Every attempt is then in `callbackAttempts`, so nothing more will arrive for those tasks.
    public func callbacksSettled() async {
        await dispatcher.settle()
    }

    /// Waits until the server stops (by `shutdown()` or one of the shutdown signals), then releases
    /// everything. Throws when the server failed.
    ///
    /// - Throws: the server's own error when it failed (Hummingbird, NIO).
    public func wait() async throws {
        let result = await runTask.result
        await release()
        try result.get()
    }

    /// Stops accepting connections, finishes in-flight requests, cancels pending callback retries and
    /// saves the state. Safe to call more than once.
    ///
    /// - Throws: as `wait()`.
    public func shutdown() async throws {
        await group.triggerGracefulShutdown()
        try await wait()
    }

    private func release() async {
        let first = stopped.withLock { stopped -> Bool in
            defer { stopped = true }
            return !stopped
        }
        guard first else { return }
        sweeper.cancel()
        await sweeper.value
        await dispatcher.shutdown()
        await state.flush()
        try? await client.shutdown()
    }
}
