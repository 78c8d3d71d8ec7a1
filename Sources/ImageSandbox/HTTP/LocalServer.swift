public import Hummingbird
public import Logging
public import ServiceLifecycle
import UnixSignals

/// A Hummingbird application listening on a local address, run by a `ServiceGroup` in its own task: what the
/// sandbox and the studio both start.
public struct LocalServer: Sendable {
    /// The bound port (the one asked for, or the free one port 0 got).
    public let port: Int
    /// The group running the application; `triggerGracefulShutdown()` stops it.
    public let group: ServiceGroup
    /// The task running `group`; it ends when the server has stopped.
    public let runTask: Task<Void, any Error>

    /// Why the server did not start listening.
    public struct ListenError: Error, CustomStringConvertible {
        public var description: String
    }

    /// Starts `router` on `host`:`port` and returns once it is listening.
    ///
    /// - Parameters:
    ///   - router: the application's routes.
    ///   - host: the address to bind (127.0.0.1 for loopback only).
    ///   - port: the port to bind; 0 picks a free one.
    ///   - serverName: the `Server` header's value.
    ///   - stopOnSignals: shut down gracefully on SIGINT and SIGTERM (the CLI). Default false.
    ///   - logger: where Hummingbird and the service group log.
    /// - Throws: `ListenError` ("could not listen on 127.0.0.1:8080: …").
    public static func listen<Router: HTTPResponderBuilder>(
        router: Router, host: String, port: Int, serverName: String, stopOnSignals: Bool = false, logger: Logger
    ) async throws(ListenError) -> LocalServer where Router.Responder.Context: InitializableFromSource<ApplicationRequestContextSource> {
        let (bound, continuation) = AsyncThrowingStream.makeStream(of: Int.self)
        let app = Application(
            router: router,
            configuration: ApplicationConfiguration(address: .hostname(host, port: port), serverName: serverName),
            onServerRunning: { channel in continuation.yield(channel.localAddress?.port ?? port) },
            logger: logger)
        let group = ServiceGroup(configuration: ServiceGroupConfiguration(
            services: [app], gracefulShutdownSignals: stopOnSignals ? [.sigint, .sigterm] : [], logger: logger))
        let runTask = Task {
            do {
                try await group.run()
                continuation.finish()
            } catch {
                continuation.finish(throwing: error)
                throw error
            }
        }
        do {
            var iterator = bound.makeAsyncIterator()
            guard let first = try await iterator.next() else {
                throw ListenError(description: "could not listen on \(host):\(port): the server stopped before listening")
            }
            return LocalServer(port: first, group: group, runTask: runTask)
        } catch let error as ListenError {
            throw error
        } catch {
            throw ListenError(description: "could not listen on \(host):\(port): \(error)")
        }
    }

    /// `http://HOST:PORT` for this server; a wildcard bind (0.0.0.0, ::) is reached at 127.0.0.1.
    public func origin(host: String) -> String {
        let urlHost = ["0.0.0.0", "::"].contains(host) ? "127.0.0.1" : host
        return "http://\(urlHost.contains(":") ? "[\(urlHost)]" : urlHost):\(port)"
    }
}
