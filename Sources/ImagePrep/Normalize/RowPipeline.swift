import Foundation
import ImageCodecs

/// Rows produced on a thread of their own while the caller consumes them: a bounded ring of a decoder's units
/// (`RowUnits`: rows, or strips of planes) between a producer (`fill`, which decodes the next unit each call,
/// top to bottom) and the consumer's `next(into:)`, which makes the next row from the units with `take`.
///
/// Used by `Normalizer.decodeResamplingRows` so that libjpeg decodes the rows below while the resampler filters
/// the rows above. The rows the consumer sees are exactly the ones `take` makes from the producer's units, in
/// order; the producer runs a bounded window ahead (default 64 rows), so memory stays a window. Only one thread
/// calls `fill` at a time, and never after `run` returns: a decoder that is not thread-safe (libjpeg) may be
/// the producer.
final class RowPipeline: @unchecked Sendable {
    private let unitBytes: Int
    private let unitCount: Int
    private let rowsPerUnit: Int
    private let context: Int
    private let take: (Int, (Int) -> UnsafePointer<UInt8>, UnsafeMutablePointer<UInt8>) -> Void
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
    /// The producer's function (`units.fill`); dropped by its thread before `finished` (a caller's
    /// non-escaping closure must have no reference left when `run` returns).
    private var fill: ((UnsafeMutablePointer<UInt8>) throws -> Void)?
    // The consumer's own (one thread).
    private var consumed = 0
    private var ready = 0
    private var lastReleased = 0

    private init(units: RowUnits, rows: Int, chunk: Int, chunks: Int) {
        unitBytes = units.unitBytes
        unitCount = units.count
        rowsPerUnit = units.rowsPerUnit
        context = units.context
        take = units.take
        fill = units.fill
        totalRows = rows
        self.chunk = chunk
        capacity = chunk * chunks + 2 * units.context
        storage = .allocate(capacity: unitBytes * capacity)
    }

    deinit { storage.deallocate() }

    /// Runs `consume` with a `next` function that yields the `rows` rows made from the units `units.fill`
    /// produces on another thread, published `chunkRows` rows at a time (default 16; at least a unit), at
    /// most `chunks` chunks ahead (default 4). When `consume` returns or throws, the producer is stopped and
    /// joined before `run` returns; units it decoded ahead are dropped (the caller's decoder has advanced past
    /// them). An error `fill` throws is thrown by `next` once the rows made before it are used.
    ///
    /// - Throws: what `consume` throws (a producer's error included, as `next` throws it).
    static func run<R>(units: RowUnits, rows: Int, chunkRows: Int = 16, chunks: Int = 4,
                       consume: (_ next: (UnsafeMutablePointer<UInt8>) throws -> Void) throws -> R) throws -> R {
        let pipeline = RowPipeline(units: units, rows: rows, chunk: max(1, chunkRows / units.rowsPerUnit), chunks: chunks)
        Thread { pipeline.produce() }.start()
        defer { pipeline.stopAndJoin() }
        return try consume { row in try pipeline.next(into: row) }
    }

    /// `run(units:rows:chunkRows:chunks:consume:)` over rows of `rowBytes` bytes that `fill` writes.
    static func run<R>(rowBytes: Int, rows: Int, chunk: Int = 16, chunks: Int = 4,
                       fill: (UnsafeMutablePointer<UInt8>) throws -> Void,
                       consume: (_ next: (UnsafeMutablePointer<UInt8>) throws -> Void) throws -> R) throws -> R {
        try withoutActuallyEscaping(fill) { fill in
            try run(units: .rows(count: rows, rowBytes: rowBytes, fill: fill), rows: rows, chunkRows: chunk, chunks: chunks,
                    consume: consume)
        }
    }

    private func slot(_ unit: Int) -> UnsafeMutablePointer<UInt8> { storage + (unit % capacity) * unitBytes }

    /// The producer thread: fills a chunk of free slots, publishes it, repeats until every unit is made, the
    /// consumer stops it, or `fill` fails.
    private func produce() {
        produceUnits()
        condition.lock()
        fill = nil
        finished = true
        condition.broadcast()
        condition.unlock()
    }

    private func produceUnits() {
        guard let fill else { return }
        var unit = 0
        do {
            while unit < unitCount {
                let end = min(unit + chunk, unitCount)
                condition.lock()
                while !stopping && end - released > capacity { condition.wait() }
                let stop = stopping
                condition.unlock()
                if stop { break }
                for u in unit..<end { try fill(slot(u)) }
                unit = end
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

    /// Makes the next row into `row`, waiting for the producer when the units it needs are not made yet.
    private func next(into row: UnsafeMutablePointer<UInt8>) throws {
        let unit = consumed / rowsPerUnit
        let lowest = max(0, unit - context), needed = min(unit + context + 1, unitCount)
        if ready < needed || consumed >= totalRows {
            condition.lock()
            released = lowest  // the units below are used: the producer may reuse their slots
            lastReleased = lowest
            condition.broadcast()
            while produced < needed && failure == nil && !finished { condition.wait() }
            ready = produced
            let failed = failure
            condition.unlock()
            if ready < needed || consumed >= totalRows {
                throw failed ?? CancellationError()  // no error: asked for more than `rows` rows
            }
        } else if lowest - lastReleased >= chunk {
            condition.lock()
            released = lowest
            lastReleased = lowest
            condition.broadcast()
            condition.unlock()
        }
        take(consumed, { UnsafePointer(slot($0)) }, row)
        consumed += 1
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
