import AsyncHTTPClient
import NIOHTTP1
import NIOCore
import Synchronization

/// Delivers callbacks: POSTs the task JSON (the `GET /v1/tasks/{id}` body) to its `callback_url`; any
/// non-2xx or no answer within the timeout is a failure, retried after each configured delay
/// (1 s, 2 s, 4 s by default: four attempts at most). Deliveries run concurrently, one task each.
final class CallbackDispatcher: Sendable {
    private let client: HTTPClient
    private let timeout: Duration
    private let retryDelays: [Duration]
    private let log = Mutex<[CallbackAttempt]>([])
    private let running = Mutex<[Int: Task<Void, Never>]>([:])
    private let nextID = Mutex(0)

    init(client: HTTPClient, timeout: Duration, retryDelays: [Duration]) {
        self.client = client
        self.timeout = timeout
        self.retryDelays = retryDelays
    }

    /// Every attempt so far, in the order they finished.
    var attempts: [CallbackAttempt] { log.withLock { $0 } }

    /// Starts delivering `body` to `url` in the background.
    func deliver(taskID: String, body: [UInt8], to url: String) {
        let id = nextID.withLock { value -> Int in
            value += 1
            return value
        }
        let task = Task { [self] in
            await self.run(taskID: taskID, body: body, url: url)
            _ = running.withLock { $0.removeValue(forKey: id) }
        }
        running.withLock { $0[id] = task }
    }

    private func run(taskID: String, body: [UInt8], url: String) async {
        let delays: [Duration] = [.zero] + retryDelays
        for (attempt, delay) in delays.enumerated() {
            if delay > .zero {
                do { try await Task.sleep(for: delay) } catch { return }
            }
            if Task.isCancelled { return }
            var request = HTTPClientRequest(url: url)
            request.method = .POST
            request.headers.add(name: "Content-Type", value: "application/json")
            request.headers.add(name: "User-Agent", value: "ImagePrep-Sandbox")
            request.body = .bytes(ByteBuffer(bytes: body))
            var status: Int?
            do {
                let response = try await client.execute(request, timeout: .nanoseconds(timeout.nanoseconds))
                status = Int(response.status.code)
                _ = try? await response.body.collect(upTo: 1 << 20)
            } catch {
                status = nil
            }
            let record = CallbackAttempt(taskID: taskID, attempt: attempt, delay: delay, status: status)
            log.withLock { $0.append(record) }
            if record.delivered { return }
        }
    }

    /// Waits until every delivery started so far has ended (delivered, or its retries exhausted); deliveries
    /// started meanwhile are waited for too.
    func settle() async {
        while let task = running.withLock({ $0.values.first }) {
            await task.value
            // The task removes itself after `run`; wait for that too, so the loop ends.
            while running.withLock({ $0.values.contains { $0 == task } }) { await Task.yield() }
        }
    }

    /// Cancels deliveries still waiting and waits for them to stop.
    func shutdown() async {
        let tasks = running.withLock { running -> [Task<Void, Never>] in
            defer { running.removeAll() }
            return Array(running.values)
        }
        for task in tasks { task.cancel() }
        for task in tasks { await task.value }
    }
}

extension Duration {
    /// Whole nanoseconds (saturating).
    var nanoseconds: Int64 {
        let (seconds, attoseconds) = components
        return seconds.multipliedReportingOverflow(by: 1_000_000_000).overflow
            ? .max : seconds * 1_000_000_000 + attoseconds / 1_000_000_000
    }
}
