import Dispatch

/// Runs CPU-bound work on a Dispatch thread instead of Swift's cooperative pool (one thread per core, which
/// must stay free for the tasks that await), so `async` pipeline calls are real concurrency, not a
/// synchronous body behind an `async` signature.
enum OffPool {
    static func run<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { done in
            DispatchQueue.global(qos: .userInitiated).async { done.resume(with: Result { try body() }) }
        }
    }

    static func run<T: Sendable>(_ body: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { done in
            DispatchQueue.global(qos: .userInitiated).async { done.resume(returning: body()) }
        }
    }
}
