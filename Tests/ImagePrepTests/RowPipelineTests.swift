import Foundation
import ImageCodecs
@testable import ImagePrep
import Synchronization
import Testing

/// `RowPipeline`: the consumer sees exactly the producer's rows in order, the producer stays a bounded window
/// ahead and never runs after `run` returns, and errors cross in both directions.
@Suite struct RowPipelineTests {
    struct Broken: Error, Equatable { var row: Int }

    /// A producer of `rowBytes`-byte rows whose bytes encode the row number; counts its calls.
    final class Rows: @unchecked Sendable {
        let rowBytes: Int
        let failAt: Int?
        let calls = Atomic<Int>(0)
        init(rowBytes: Int, failAt: Int? = nil) { self.rowBytes = rowBytes; self.failAt = failAt }

        func fill(_ row: UnsafeMutablePointer<UInt8>) throws {
            let n = calls.add(1, ordering: .relaxed).oldValue
            if n == failAt { throw Broken(row: n) }
            for i in 0..<rowBytes { row[i] = UInt8(truncatingIfNeeded: n &* 31 &+ i) }
        }
    }

    @Test(arguments: [(1000, 37, 16, 4), (5, 8, 16, 4), (100, 3, 1, 1), (333, 12, 7, 3)])
    func everyRowArrivesInOrder(rows: Int, rowBytes: Int, chunk: Int, chunks: Int) throws {
        let producer = Rows(rowBytes: rowBytes)
        let seen = try RowPipeline.run(rowBytes: rowBytes, rows: rows, chunk: chunk, chunks: chunks, fill: producer.fill) { next in
            var wrong: [Int] = []
            let row = UnsafeMutablePointer<UInt8>.allocate(capacity: rowBytes)
            defer { row.deallocate() }
            for n in 0..<rows {
                try next(row)
                if (0..<rowBytes).contains(where: { row[$0] != UInt8(truncatingIfNeeded: n &* 31 &+ $0) }) { wrong.append(n) }
            }
            return wrong
        }
        #expect(seen.isEmpty)
        #expect(producer.calls.load(ordering: .relaxed) == rows)
    }

    @Test func aConsumerThatStopsEarlyStopsTheProducerWithinItsWindow() throws {
        let producer = Rows(rowBytes: 64)
        try RowPipeline.run(rowBytes: 64, rows: 10_000, chunk: 16, chunks: 4, fill: producer.fill) { next in
            let row = UnsafeMutablePointer<UInt8>.allocate(capacity: 64)
            defer { row.deallocate() }
            for _ in 0..<100 { try next(row) }
        }
        let made = producer.calls.load(ordering: .relaxed)
        #expect(made >= 100 && made <= 100 + 16 * 4 + 16)
        Thread.sleep(forTimeInterval: 0.05)
        #expect(producer.calls.load(ordering: .relaxed) == made)  // joined: nothing runs after `run` returns
    }

    @Test func aProducerErrorReachesTheConsumer() {
        let producer = Rows(rowBytes: 16, failAt: 500)
        var delivered = 0
        #expect(throws: Broken(row: 500)) {
            try RowPipeline.run(rowBytes: 16, rows: 1000, fill: producer.fill) { next in
                let row = UnsafeMutablePointer<UInt8>.allocate(capacity: 16)
                defer { row.deallocate() }
                while true { try next(row); delivered += 1 }
            }
        }
        #expect(delivered <= 500 && delivered >= 500 - 16)
    }

    /// Repeated, because the producer thread must have dropped the caller's closure by the time `run` returns
    /// however the two threads interleave (the runtime traps a closure still referenced after
    /// `withoutActuallyEscaping`).
    @Test func aConsumerErrorIsRethrownAfterTheProducerStops() {
        for _ in 0..<200 {
            let producer = Rows(rowBytes: 16)
            #expect(throws: Broken(row: -1)) {
                try RowPipeline.run(rowBytes: 16, rows: 100_000, fill: producer.fill) { next in
                    let row = UnsafeMutablePointer<UInt8>.allocate(capacity: 16)
                    defer { row.deallocate() }
                    try next(row)
                    throw Broken(row: -1)
                }
            }
            #expect(producer.calls.load(ordering: .relaxed) <= 16 * 4 + 16)
        }
    }

    /// Units of several rows whose rows read the units either side (YCbCr strips: a chroma row's neighbour lies
    /// in the strip above or below): every row sees its own unit and its neighbours as the producer made them,
    /// however small the window, and the last unit may make fewer rows.
    @Test(arguments: [(100, 3, 1), (100, 3, 4), (7, 16, 1), (1, 5, 2), (64, 1, 1)])
    func rowsMadeFromUnitsAndTheirNeighboursArriveInOrder(units count: Int, rowsPerUnit: Int, chunks: Int) throws {
        let unitBytes = 8, rows = count * rowsPerUnit - rowsPerUnit / 2
        let producer = Rows(rowBytes: unitBytes)
        // Row r: its unit's first byte, then the first bytes of the units above and below (0 outside), then r.
        let units = RowUnits(unitBytes: unitBytes, count: count, rowsPerUnit: rowsPerUnit, context: 1, fill: producer.fill) { row, unit, dst in
            let own = row / rowsPerUnit
            dst[0] = unit(own)[0]
            dst[1] = own > 0 ? unit(own - 1)[0] : 0
            dst[2] = own + 1 < count ? unit(own + 1)[0] : 0
            dst[3] = UInt8(truncatingIfNeeded: row)
        }
        func first(_ u: Int) -> UInt8 { UInt8(truncatingIfNeeded: u &* 31) }  // Rows' byte 0 of unit u
        let wrong = try RowPipeline.run(units: units, rows: rows, chunkRows: 1, chunks: chunks) { next in
            var wrong: [Int] = []
            let row = UnsafeMutablePointer<UInt8>.allocate(capacity: 4)
            defer { row.deallocate() }
            for r in 0..<rows {
                try next(row)
                let own = r / rowsPerUnit
                let expected = [first(own), own > 0 ? first(own - 1) : 0, own + 1 < count ? first(own + 1) : 0, UInt8(truncatingIfNeeded: r)]
                if (0..<4).map({ row[$0] }) != expected { wrong.append(r) }
            }
            #expect(throws: CancellationError.self) { try next(row) }  // no row past `rows`
            return wrong
        }
        #expect(wrong.isEmpty)
    }
}

