/// One loop that polls every open task of a batch, each at the contract's pace: first `firstDelay` after it
/// was added, then every `minInterval`–`maxInterval` (uniform jitter) after its previous answer, until it ends
/// or `timeout` passes. Polls that fall due together are sent together, at most `maxInFlight` at once; a
/// transient failure of one poll (network, 429, 5xx) only waits for that task's next turn.
///
/// Feed it with `add(localID:taskID:)`, call `finishAdding()` when nothing more will come, run `run()` once,
/// and read what ended from `outcomes` (finished when every task ended and adding is finished).
public actor TaskPoller {
    /// What became of a task the poller followed.
    public enum Outcome: Sendable {
        /// The task reached a terminal status (`completed`, `failed`, `cancelled`, …).
        case ended(localID: Int64, task: TaskObject)
        /// `timeout` passed first; the task may still finish (`tasks wait` resumes it).
        case timedOut(localID: Int64, taskID: String, lastError: String?)
        /// The server refused to say (404 expired or unknown id, 401, …): polling again cannot help.
        case refused(localID: Int64, taskID: String, error: String)
    }

    private struct Entry {
        var taskID: String
        var due: Duration
        var deadline: Duration
        var lastError: String?
    }

    /// Terminal outcomes, in the order they happened.
    public nonisolated let outcomes: AsyncStream<Outcome>
    private let continuation: AsyncStream<Outcome>.Continuation
    private let client: ImageAPIClient
    private let options: PollingOptions
    private let maxInFlight: Int
    private let onUpdate: @Sendable (Int64, TaskObject) async -> Void
    private var entries: [Int64: Entry] = [:]
    private var accepting = true
    private var wakeup: CheckedContinuation<Void, Never>?
    /// Polls sent so far.
    public private(set) var polls = 0

    /// - Parameters:
    ///   - client: sends the polls; its own retries are turned off (a failed poll waits for the next turn).
    ///   - options: the pacing and the per-task timeout (counted from `add`).
    ///   - maxInFlight: polls sent at once. Default 4.
    ///   - onUpdate: called with every answer, terminal ones included (e.g. to record progress).
    public init(client: ImageAPIClient, options: PollingOptions = PollingOptions(), maxInFlight: Int = 4,
                onUpdate: @escaping @Sendable (Int64, TaskObject) async -> Void = { _, _ in }) {
        var client = client
        client.retryPolicy = .none
        self.client = client
        self.options = options
        self.maxInFlight = max(1, maxInFlight)
        self.onUpdate = onUpdate
        (outcomes, continuation) = AsyncStream.makeStream(of: Outcome.self)
    }

    /// Follows task `taskID` (history row `localID`); its first poll is `firstDelay` from now.
    public func add(localID: Int64, taskID: String) {
        let now = client.sleeper.elapsed()
        entries[localID] = Entry(taskID: taskID, due: now + options.firstDelay, deadline: now + options.timeout)
        wake()
    }

    /// No more tasks will be added: `run()` returns once the followed ones ended.
    public func finishAdding() {
        accepting = false
        wake()
    }

    /// Tasks followed now.
    public var openCount: Int { entries.count }

    /// The loop: sleeps until the earliest due poll, polls every due task, repeats.
    public func run() async {
        defer { continuation.finish() }
        while !Task.isCancelled {
            if entries.isEmpty {
                if !accepting { return }
                await withCheckedContinuation { wakeup = $0 }
                continue
            }
            let now = client.sleeper.elapsed()
            let due = entries.filter { $0.value.due <= now }.map(\.key).sorted()
            guard !due.isEmpty else {
                let next = entries.values.map(\.due).min() ?? now
                do { try await client.sleeper.sleep(for: next - now) } catch { return }
                continue
            }
            await pollRound(due)
        }
    }

    private func wake() {
        wakeup?.resume()
        wakeup = nil
    }

    private typealias Answer = (localID: Int64, result: Result<TaskObject, any Error>)

    /// Polls `due` with at most `maxInFlight` requests at once, applying each answer as it comes.
    private func pollRound(_ due: [Int64]) async {
        await withTaskGroup(of: Answer.self) { group in
            var queue = due.makeIterator()
            for _ in 0..<maxInFlight {
                guard let id = queue.next() else { break }
                startPoll(id, in: &group)
            }
            while let answer = await group.next() {
                await apply(answer)
                if let id = queue.next() { startPoll(id, in: &group) }
            }
        }
    }

    private func startPoll(_ localID: Int64, in group: inout TaskGroup<Answer>) {
        guard let taskID = entries[localID]?.taskID else { return }
        let client = client
        polls += 1
        group.addTask {
            do { return (localID, .success(try await client.task(id: taskID))) } catch { return (localID, .failure(error)) }
        }
    }

    private func apply(_ answer: Answer) async {
        guard var entry = entries[answer.localID] else { return }
        switch answer.result {
        case .success(let task):
            await onUpdate(answer.localID, task)
            if task.status.isTerminal { return end(.ended(localID: answer.localID, task: task)) }
            entry.lastError = nil
        case .failure(let error as APIError) where !error.isTransient:
            return end(.refused(localID: answer.localID, taskID: entry.taskID, error: "\(error)"))
        case .failure(let error):
            entry.lastError = "\(error)"
        }
        let spread = (options.maxInterval - options.minInterval).secondsValue * client.random()
        entry.due = client.sleeper.elapsed() + options.minInterval + .secondsValue(spread)
        guard entry.due <= entry.deadline else {
            return end(.timedOut(localID: answer.localID, taskID: entry.taskID, lastError: entry.lastError))
        }
        entries[answer.localID] = entry
    }

    private func end(_ outcome: Outcome) {
        switch outcome {
        case .ended(let id, _), .timedOut(let id, _, _), .refused(let id, _, _): entries[id] = nil
        }
        continuation.yield(outcome)
    }
}
