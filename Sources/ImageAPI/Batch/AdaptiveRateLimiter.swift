/// One request rate shared by every request of a batch, adapted to what the server says (AIMD).
///
/// `acquire()` hands out send slots spaced `1 / rate` apart (client time, `Sleeper`), so K workers and the
/// poller together never exceed the rate. A 429 halves the rate (multiplicative decrease, down to
/// `minimumRate`); a 429, or any other error answer carrying `Retry-After` (a 503 "retry after 30 seconds"),
/// holds EVERY slot until the server's wait has passed. Each success adds `increase` requests/s (additive
/// increase, up to `maximumRate`). A 429 of a request admitted before the last decrease does not decrease
/// again, so one burst of 429s halves the rate once, not once per request in flight.
public actor AdaptiveRateLimiter {
    /// The limits and steps. Rates are requests per second of client time.
    public struct Options: Sendable, Hashable {
        /// The rate at start. Default 5/s.
        public var initialRate: Double
        /// The floor. Default 0.2/s.
        public var minimumRate: Double
        /// The ceiling. Default 20/s.
        public var maximumRate: Double
        /// Added per successful response. Default 0.5/s.
        public var increase: Double
        /// Factor applied on a throttle. Default 0.5.
        public var decrease: Double
        /// The hold after a throttle without `Retry-After`. Default 1 s.
        public var defaultHold: Duration

        public init(initialRate: Double = 5, minimumRate: Double = 0.2, maximumRate: Double = 20, increase: Double = 0.5,
                    decrease: Double = 0.5, defaultHold: Duration = .seconds(1)) {
            self.minimumRate = max(0.001, minimumRate)
            self.maximumRate = max(self.minimumRate, maximumRate)
            self.initialRate = min(self.maximumRate, max(self.minimumRate, initialRate))
            self.increase = max(0, increase)
            self.decrease = min(1, max(0.01, decrease))
            self.defaultHold = defaultHold
        }
    }

    /// A granted slot: which decrease "generation" it was admitted in.
    public struct Ticket: Sendable, Hashable {
        public let generation: Int
    }

    public let options: Options
    private let sleeper: any Sleeper
    /// The current rate, requests per second.
    public private(set) var rate: Double
    /// Throttle answers seen (429s, stale ones included, and other errors with `Retry-After`).
    public private(set) var throttles = 0
    /// Decreases applied.
    public private(set) var decreases = 0
    private var generation = 0
    private var nextSlot: Duration
    private var holdUntil: Duration = .zero

    public init(options: Options = Options(), sleeper: any Sleeper) {
        self.options = options
        self.sleeper = sleeper
        rate = options.initialRate
        nextSlot = sleeper.elapsed()
    }

    /// Waits for the next send slot (no wait when the rate allows one now).
    ///
    /// - Throws: passes on the sleeper's errors (`CancellationError` when the calling task is cancelled).
    public func acquire() async throws -> Ticket {
        let now = sleeper.elapsed()
        let slot = max(now, nextSlot, holdUntil)
        nextSlot = slot + .secondsValue(1 / rate)
        let ticket = Ticket(generation: generation)
        if slot > now { try await sleeper.sleep(for: slot - now) }
        return ticket
    }

    /// A successful answer: the rate grows by `increase`.
    public func succeeded() {
        rate = min(options.maximumRate, rate + options.increase)
    }

    /// A 429 answer to the request sent with `ticket` (`decrease` false: another error answer that asks for
    /// `retryAfter`): every later slot waits `retryAfter` (default `defaultHold`) from now, and after a 429 the
    /// rate is multiplied by `options.decrease` unless a decrease already happened after `ticket` was granted.
    public func throttled(_ ticket: Ticket, retryAfter: Duration?, decrease: Bool = true) {
        throttles += 1
        let now = sleeper.elapsed()
        holdUntil = max(holdUntil, now + (retryAfter ?? options.defaultHold))
        nextSlot = max(nextSlot, holdUntil)
        guard decrease, ticket.generation == generation else { return }
        generation += 1
        decreases += 1
        rate = max(options.minimumRate, rate * options.decrease)
    }
}
