import Foundation
import Synchronization

/// The sandbox's notion of "now", in Unix seconds. Injectable so tests can run expiry and task timing
/// without waiting: `.system` follows the wall clock, `.scaled(by:)` runs `factor` times faster than it,
/// and `.manual(_:)` only moves when a test calls `ManualClock.advance(by:)`.
///
/// Every sandbox time (task duration, result and file lifetimes, rate-limit windows) is measured on this clock.
public struct SandboxClock: Sendable {
    private let read: @Sendable () -> Double

    /// A clock read by `read` (Unix seconds).
    public init(_ read: @escaping @Sendable () -> Double) {
        self.read = read
    }

    /// Unix seconds now, on this clock.
    public func now() -> Double { read() }

    /// The wall clock.
    public static let system = SandboxClock { Date().timeIntervalSince1970 }

    /// A clock that starts at the current wall time and runs `factor` (> 0) times faster than it:
    /// with factor 3600, one real second is one sandbox hour, so a 24 h result link expires in 24 s.
    public static func scaled(by factor: Double) -> SandboxClock {
        precondition(factor > 0, "clock factor must be positive")
        let origin = Date().timeIntervalSince1970
        let start = ContinuousClock.now
        return SandboxClock {
            let elapsed = start.duration(to: ContinuousClock.now)
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
            return origin + seconds * factor
        }
    }

    /// A clock that reads `clock` and moves only when it is advanced.
    public static func manual(_ clock: ManualClock) -> SandboxClock {
        SandboxClock { clock.now }
    }
}

/// A settable clock for tests: starts at `start` (Unix seconds) and moves only by `advance(by:)`.
public final class ManualClock: Sendable {
    private let current: Mutex<Double>

    /// Default start: 1_800_000_000 (2027-01-15).
    public init(start: Double = 1_800_000_000) {
        current = Mutex(start)
    }

    /// The current time in Unix seconds.
    public var now: Double { current.withLock { $0 } }

    /// Moves the clock forward by `seconds` (≥ 0).
    public func advance(by seconds: Double) {
        precondition(seconds >= 0, "a clock does not run backwards")
        current.withLock { $0 += seconds }
    }
}
