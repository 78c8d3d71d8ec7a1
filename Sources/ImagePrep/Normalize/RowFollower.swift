import Foundation

/// Rows the caller makes, worked on by a thread of its own as they come: the mirror of `RowPipeline`.
///
/// Used by `Normalizer.decodeResamplingRows` so that the JPEG encoder compresses the resampler's output rows on
/// a thread of its own while the resampler makes the next ones (on W1 the resampler and the encoder on one
/// thread took twice as long as libjpeg's decode beside them). `publish` copies a row into a bounded ring
/// (default 64 rows) and returns at once unless the ring is full; `work` gets every row once, in order, on
/// the follower's thread, which wakes for a batch of rows at a time (default 16: a wake-up a row cost W2 two
/// thousand context switches). Only that thread calls `work`, and never after `run` returns: a `work` that is not
/// thread-safe (libjpeg's compressor) is fine.
final class RowFollower: @unchecked Sendable {
    private let rowBytes: Int
    private let capacity: Int
    private let batch: Int
    private let storage: UnsafeMutablePointer<UInt8>
    private let condition = NSCondition()
    // Guarded by `condition`.
    private var published = 0
    private var done = 0
    private var closed = false
    private var stopping = false
    private var finished = false
    private var failure: (any Error)?
    /// The follower's function; set before its thread starts, dropped by that thread before `finished` (the
    /// caller's non-escaping closure must have no reference left when `run` returns).
    private var work: ((UnsafePointer<UInt8>) throws -> Void)?
    // The caller's own (one thread).
    private var count = 0

    private init(rowBytes: Int, capacity: Int, batch: Int) {
        self.rowBytes = rowBytes
        self.capacity = capacity
        self.batch = batch
        storage = .allocate(capacity: rowBytes * capacity)
    }

    deinit { storage.deallocate() }

    /// Runs `body` with a `publish` function whose rows `work` gets on another thread, at most `capacity` rows
    /// behind. When `body` returns, waits until `work` has had every row; when it throws, stops the follower
    /// after the batch of rows it is on. Either way the thread has left `work` before `run` returns.
    ///
    /// - Throws: what `body` throws, or what `work` threw (then `publish` throws it too, so `body` stops early).
    static func run<R>(rowBytes: Int, capacity: Int = 64, batch: Int = 16, work: (UnsafePointer<UInt8>) throws -> Void,
                       body: (_ publish: (UnsafePointer<UInt8>) throws -> Void) throws -> R) throws -> R {
        try withoutActuallyEscaping(work) { work in
            let follower = RowFollower(rowBytes: rowBytes, capacity: max(1, capacity), batch: min(max(1, batch), max(1, capacity)))
            follower.work = work
            Thread { follower.follow() }.start()
            let result: R
            do {
                result = try body { row in try follower.publish(row) }
            } catch {
                _ = follower.closeAndJoin(stopping: true)
                throw error
            }
            if let failure = follower.closeAndJoin(stopping: false) { throw failure }
            return result
        }
    }

    private func slot(_ row: Int) -> UnsafeMutablePointer<UInt8> { storage + (row % capacity) * rowBytes }

    /// Copies `row` into the ring, waiting while the ring is full.
    private func publish(_ row: UnsafePointer<UInt8>) throws {
        condition.lock()
        while count - done >= capacity && failure == nil { condition.wait() }
        let failed = failure
        condition.unlock()
        if let failed { throw failed }
        slot(count).update(from: row, count: rowBytes)  // free: the follower is past this slot's last row
        count += 1
        guard count % batch == 0 else { return }  // the rest of the batch is published with its last row
        condition.lock()
        published = count
        condition.broadcast()
        condition.unlock()
    }

    /// The follower thread: works each published row, until every row is done after `closed`, the caller
    /// stops it, or `work` fails.
    private func follow() {
        followRows()
        condition.lock()
        work = nil
        finished = true
        condition.broadcast()
        condition.unlock()
    }

    private func followRows() {
        guard let work else { return }
        var row = 0
        while true {
            condition.lock()
            while row == published && !closed && !stopping { condition.wait() }
            let ready = published
            let stop = stopping || row == published
            condition.unlock()
            if stop { return }
            do {
                while row < ready {
                    try work(UnsafePointer(slot(row)))
                    row += 1
                }
            } catch {
                condition.lock()
                failure = error
                condition.broadcast()
                condition.unlock()
                return
            }
            condition.lock()
            done = row
            condition.broadcast()
            condition.unlock()
        }
    }

    /// Tells the follower no more rows come (and, with `stopping`, to leave the rest), waits until its thread
    /// has left `work`, and returns `work`'s error if it failed.
    private func closeAndJoin(stopping: Bool) -> (any Error)? {
        condition.lock()
        closed = true
        published = count
        if stopping { self.stopping = true }
        condition.broadcast()
        while !finished { condition.wait() }
        let failed = failure
        condition.unlock()
        return failed
    }
}
