import Foundation
@testable import ImagePrep
import Synchronization
import Testing

/// `RowFollower`: the follower gets exactly the caller's rows in order (copied, so the caller may reuse its
/// buffer at once), at most a ring behind, never after `run` returns, and errors cross in both directions.
@Suite struct RowFollowerTests {
    struct Broken: Error, Equatable { var row: Int }

    /// A follower that checks each row's bytes (row n holds n·31 + i) and counts the rows; fails at `failAt`.
    final class Checker: @unchecked Sendable {
        let rowBytes: Int
        let failAt: Int?
        let seen = Atomic<Int>(0)
        let wrong = Atomic<Int>(0)
        init(rowBytes: Int, failAt: Int? = nil) { self.rowBytes = rowBytes; self.failAt = failAt }

        func work(_ row: UnsafePointer<UInt8>) throws {
            let n = seen.load(ordering: .relaxed)
            if n == failAt { throw Broken(row: n) }
            if (0..<rowBytes).contains(where: { row[$0] != UInt8(truncatingIfNeeded: n &* 31 &+ $0) }) { wrong.add(1, ordering: .relaxed) }
            seen.add(1, ordering: .relaxed)
        }
    }

    /// Publishes `rows` rows from one reused buffer (so a follower reading the caller's buffer would see
    /// later rows' bytes).
    static func publishRows(_ rows: Int, rowBytes: Int, _ publish: (UnsafePointer<UInt8>) throws -> Void) throws {
        let row = UnsafeMutablePointer<UInt8>.allocate(capacity: rowBytes)
        defer { row.deallocate() }
        for n in 0..<rows {
            for i in 0..<rowBytes { row[i] = UInt8(truncatingIfNeeded: n &* 31 &+ i) }
            try publish(row)
        }
    }

    @Test(arguments: [(1000, 37, 64), (5, 8, 64), (300, 3, 1), (333, 4608, 7), (0, 16, 4)])
    func everyRowArrivesInOrderBeforeRunReturns(rows: Int, rowBytes: Int, capacity: Int) throws {
        let checker = Checker(rowBytes: rowBytes)
        let result = try RowFollower.run(rowBytes: rowBytes, capacity: capacity, work: checker.work) { publish in
            try Self.publishRows(rows, rowBytes: rowBytes, publish)
            return rows
        }
        #expect(result == rows)
        #expect(checker.seen.load(ordering: .relaxed) == rows)  // all worked when `run` returns
        #expect(checker.wrong.load(ordering: .relaxed) == 0)
    }

    @Test func aWorkErrorStopsTheCallerAndIsRethrown() {
        let checker = Checker(rowBytes: 16, failAt: 500)
        var published = 0
        #expect(throws: Broken(row: 500)) {
            try RowFollower.run(rowBytes: 16, capacity: 8, work: checker.work) { publish in
                try Self.publishRows(10_000, rowBytes: 16) { row in try publish(row); published += 1 }
            }
        }
        #expect(published >= 500 && published <= 500 + 8 + 1)  // stopped within a ring of the failure
    }

    /// Repeated, because the follower thread must have dropped the caller's closure by the time `run` returns
    /// however the two threads interleave (the runtime traps a closure still referenced after
    /// `withoutActuallyEscaping`).
    @Test func aCallerErrorStopsTheFollowerBeforeRunReturns() {
        for _ in 0..<200 {
            let checker = Checker(rowBytes: 16)
            #expect(throws: Broken(row: -1)) {
                try RowFollower.run(rowBytes: 16, capacity: 4, work: checker.work) { publish in
                    try Self.publishRows(50, rowBytes: 16, publish)
                    throw Broken(row: -1)
                }
            }
            let seen = checker.seen.load(ordering: .relaxed)
            Thread.sleep(forTimeInterval: 0.0005)
            #expect(checker.seen.load(ordering: .relaxed) == seen && seen <= 50)  // joined: nothing runs after `run`
        }
    }
}
