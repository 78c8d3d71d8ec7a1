import AsyncHTTPClient
import Foundation
public import ImageCore
import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle
import UnixSignals

/// The ImagePrep sandbox: a local HTTP server that speaks the image API (tasks, uploads, credits,
/// callbacks, faults) so clients and tests run offline. See docs/SANDBOX.md.
public enum Sandbox {
    /// Why the sandbox could not start.
    public struct StartError: ImagePrepError {
        /// What went wrong ("could not listen on 127.0.0.1:8080: …").
        public var message: String

        public init(message: String) { self.message = message }
    }

    /// Starts a sandbox and returns once it is listening.
    ///
    /// - Parameters:
    ///   - configuration: host, port (0 = a free one), key, state directory, timing and faults.
    ///   - stopOnSignals: shut down gracefully on SIGINT and SIGTERM (the CLI); in-process users call
    ///     `RunningSandbox.shutdown()`. Default false.
    /// - Throws: `StartError` when the port cannot be bound or the data directory cannot be read.
    /// (Over 60 lines: the server's parts wired in start-up order; a failed step unwinds the ones before it.)
    public static func start(_ configuration: SandboxConfiguration = SandboxConfiguration(),
                             stopOnSignals: Bool = false) async throws(StartError) -> RunningSandbox {
        let state: SandboxState
        do {
            state = try SandboxState(configuration: configuration)
        } catch {
            throw StartError(message: "cannot read the sandbox's data directory \(configuration.dataDirectory ?? "-"): \(error)")
        }
        var clientConfiguration = HTTPClient.Configuration()
        clientConfiguration.redirectConfiguration = .disallow
        // A refused connection fails the attempt at once; callbacks have their own retry schedule.
        clientConfiguration.connectionPool.retryConnectionEstablishment = false
        let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: clientConfiguration)
        let server = SandboxServer(configuration: configuration, state: state, fetcher: InputFetcher(client: client, state: state))
        let faults = FaultInjector(faults: configuration.faults, clock: configuration.clock)
        var logger = Logger(label: "imageprep.sandbox")
        logger.logLevel = .warning

        let listening: LocalServer
        do {
            listening = try await LocalServer.listen(router: server.makeRouter(faults: faults), host: configuration.host,
                                                  port: configuration.port, serverName: "ImagePrep-Sandbox",
                                                  stopOnSignals: stopOnSignals, logger: logger)
        } catch {
            try? await client.shutdown()
            throw StartError(message: "\(error)")
        }
        let port = listening.port
        let baseURL = listening.origin(host: configuration.host)
        await state.setBaseURL(baseURL)

        let dispatcher = CallbackDispatcher(client: client, timeout: configuration.callbackTimeout,
                                            retryDelays: configuration.callbackRetryDelays)
        let sweeper = Task {
            while !Task.isCancelled {
                for task in await state.sweep() {
                    guard let url = task.callbackURL else { continue }
                    let body = TaskBody(task, now: configuration.clock.now(), baseURL: baseURL)
                    let bytes = (try? JSONResponse.encoder.encode(body)).map { [UInt8]($0) } ?? []
                    dispatcher.deliver(taskID: task.id, body: bytes, to: url)
                }
                try? await Task.sleep(for: configuration.sweepInterval)
            }
        }
        return RunningSandbox(host: configuration.host, port: port, baseURL: baseURL, apiKey: configuration.apiKey,
                              group: listening.group, runTask: listening.runTask, sweeper: sweeper, dispatcher: dispatcher, state: state,
                              client: client)
    }
}
