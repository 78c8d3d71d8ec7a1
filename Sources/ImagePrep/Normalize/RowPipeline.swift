import Foundation

/// Rows produced on a thread of their own while the caller consumes them: a bounded ring of rows between a
/// producer (`fill`, which writes the next row each call, top to bottom) and the consumer's `next(into:)`.
///
/// Used by `Normalizer.decodeResamplingRows` so that libjpeg decodes the rows below while the resampler filters
/// the rows above (the two take about the same time on W1). The rows the consumer sees are exactly the
/// producer's, in order; the producer runs at most `capacity` rows ahead (default 64), so memory stays a window.
/// Only one thread calls `fill` at a time, and never after `run` returns: a decoder that is not thread-safe
/// (libjpeg) may be the producer.
final class RowPipeline: @unchecked Sendable {
    private let rowBytes: Int
    private let totalRows: Int
    private let chunk: Int
    private let capacity: Int
    private let storage: UnsafeMutablePointer<UInt8>
    private let condition = NSCondition()
    // Guarded by `condition`.
    private var produced = 0
    private var released = 0
    private var stopping = false
    private var finished = false
    private var failure: (any Error)?
    /// The producer's function; set before its thread starts, dropped by that thread before `finished` (the
    /// caller's non-escaping closure must have no reference left when `run` returns).
    private var fill: ((UnsafeMutablePointer<UInt8>) throws -> Void)?
    // The consumer's own (one thread).
    private var consumed = 0
    private var ready = 0

    private init(rowBytes: Int, totalRows: Int, chunk: Int, chunks: Int) {
        self.rowBytes = rowBytes
        self.totalRows = totalRows
        self.chunk = chunk
        self.capacity = chunk * chunks
        storage = .allocate(capacity: rowBytes * capacity)
    }

    deinit { storage.deallocate() }

    /// Runs `consume` with a `next` function that yields the rows `fill` produces on another thread, `chunk`
    /// rows at a time (default 16), at most `chunks` chunks ahead (default 4). When `consume` returns or
    /// throws, the producer is stopped and joined before `run` returns; rows it decoded ahead are dropped (the
    /// caller's decoder has advanced past them). An error `fill` throws is thrown by `next` once the rows
    /// published before it are used.
    ///
    /// - Throws: what `consume` throws (a producer's error included, as `next` throws it).
    static func run<R>(rowBytes: Int, rows: Int, chunk: Int = 16, chunks: Int = 4,
                       fill: (UnsafeMutablePointer<UInt8>) throws -> Void,
                       consume: (_ next: (UnsafeMutablePointer<UInt8>) throws -> Void) throws -> R) throws -> R {
        try withoutActuallyEscaping(fill) { fill in
            let pipeline = RowPipeline(rowBytes: rowBytes, totalRows: rows, chunk: chunk, chunks: chunks)
            pipeline.fill = fill
            Thread { pipeline.produce() }.start()
            defer { pipeline.stopAndJoin() }
            return try consume { row in try pipeline.next(into: row) }
        }
    }

    private func slot(_ row: Int) -> UnsafeMutablePointer<UInt8> { storage + (row % capacity) * rowBytes }

    /// The producer thread: fills a chunk of free slots, publishes it, repeats until every row is made, the
    /// consumer stops it, or `fill` fails.
    private func produce() {
        produceRows()
        condition.lock()
        fill = nil
        finished = true
        condition.broadcast()
        condition.unlock()
    }

    private func produceRows() {
        guard let fill else { return }
        var row = 0
        do {
            while row < totalRows {
                let end = min(row + chunk, totalRows)
                condition.lock()
                while !stopping && end - released > capacity { condition.wait() }
                let stop = stopping
                condition.unlock()
                if stop { break }
                for r in row..<end { try fill(slot(r)) }
                row = end
                condition.lock()
                produced = end
                condition.broadcast()
                condition.unlock()
            }
        } catch {
            condition.lock()
            failure = error
            condition.unlock()
        }
    }

    /// Copies the next row into `row`, waiting for the producer when it has not made it yet.
    private func next(into row: UnsafeMutablePointer<UInt8>) throws {
        if consumed == ready {
            condition.lock()
            released = consumed  // every row before this one is copied out: the producer may reuse their slots
            condition.broadcast()
            while produced == consumed && failure == nil && !finished { condition.wait() }
            ready = produced
            let failed = failure
            condition.unlock()
            if ready == consumed {
                throw failed ?? CancellationError()  // no error: asked for more than `rows` rows
            }
        }
        row.update(from: slot(consumed), count: rowBytes)
        consumed += 1
        if consumed % chunk == 0 {
            condition.lock()
            released = consumed
            condition.broadcast()
            condition.unlock()
        }
    }

    /// Stops the producer (after the chunk it is filling) and waits until its thread has left `fill`.
    private func stopAndJoin() {
        condition.lock()
        stopping = true
        condition.broadcast()
        while !finished { condition.wait() }
        condition.unlock()
    }
}
