/// Waiting and elapsed time, injectable so that tests run without real delays.
public protocol Sleeper: Sendable {
    /// Suspends for `duration` (or returns at once, in a fake).
    func sleep(for duration: Duration) async throws
    /// Monotonic time since some fixed start, in the same scale as `sleep`.
    func elapsed() -> Duration
}

/// The real clock, optionally scaled: with `scale` 0.01 every delay (3 s poll, 1 s backoff) lasts 1 % as
/// long and `elapsed()` runs 100× faster, so timeouts keep their meaning. Default scale 1.
public struct SystemSleeper: Sleeper {
    public var scale: Double
    private let start = ContinuousClock.now

    public init(scale: Double = 1) {
        self.scale = scale > 0 ? scale : 1
    }

    /// Suspends for `duration` × `scale`.
    ///
    /// - Throws: passes on `Task.sleep`'s `CancellationError` when the calling task is cancelled.
    public func sleep(for duration: Duration) async throws {
        try await Task.sleep(for: .secondsValue(duration.secondsValue * scale))
    }

    public func elapsed() -> Duration {
        .secondsValue((ContinuousClock.now - start).secondsValue / scale)
    }
}
