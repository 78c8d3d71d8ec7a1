import Foundation
import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle
import Synchronization

/// A second tiny Hummingbird app on port 0 that records callback POSTs and answers each with the next
/// status from a script (the last one repeats).
final class CallbackReceiver: Sendable {
    struct Delivery: Sendable {
        var body: [UInt8]
        var arrived: ContinuousClock.Instant
        var json: [String: Any] { (try? JSONSerialization.jsonObject(with: Data(body))) as? [String: Any] ?? [:] }
    }

    final class Log: Sendable {
        let deliveries = Mutex<[Delivery]>([])
    }

    let url: String
    private let log: Log
    private let group: ServiceGroup
    private let task: Task<Void, any Error>

    var received: [Delivery] { log.deliveries.withLock { $0 } }

    private init(url: String, log: Log, group: ServiceGroup, task: Task<Void, any Error>) {
        self.url = url
        self.log = log
        self.group = group
        self.task = task
    }

    static func start(statuses: [Int]) async throws -> CallbackReceiver {
        let log = Log()
        let router = Router()
        router.post("/hook") { request, _ -> Response in
            let body = try await request.body.collect(upTo: 1 << 20)
            let count = log.deliveries.withLock { log -> Int in
                log.append(Delivery(body: [UInt8](buffer: body), arrived: .now))
                return log.count
            }
            let status = statuses[min(count - 1, statuses.count - 1)]
            return Response(status: HTTPResponse.Status(code: status))
        }
        var logger = Logger(label: "callback-receiver")
        logger.logLevel = .warning
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
                              onServerRunning: { continuation.yield($0.localAddress?.port ?? 0) }, logger: logger)
        let group = ServiceGroup(configuration: .init(services: [app], logger: logger))
        let task = Task { try await group.run() }
        var iterator = ports.makeAsyncIterator()
        let port = await iterator.next() ?? 0
        return CallbackReceiver(url: "http://127.0.0.1:\(port)/hook", log: log, group: group, task: task)
    }

    func stop() async {
        await group.triggerGracefulShutdown()
        _ = await task.result
    }

    /// Waits (up to `seconds` real time) until `count` deliveries arrived.
    func waitFor(_ count: Int, seconds: Double = 300) async throws {
        let deadline = ContinuousClock.now + .seconds(seconds)
        while received.count < count, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(10)) }
    }
}
