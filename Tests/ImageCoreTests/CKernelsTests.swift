import CKernels
import Testing

/// The resampler's C loops: every level the CPU offers gives the float sum of its taps (to float rounding) over
/// every length the blocks split differently (64-sample passes, 16-sample tail), and widens bytes exactly.
@Suite struct CKernelsTests {
    /// The levels this machine can run: 0 always, 1 where AVX2 with FMA is there.
    static let levels = Array(0...CKernels_level())

    /// A reproducible pseudo-random float in 0 ..< 256.
    static func value(_ i: Int, _ seed: Int) -> Float {
        Float((i &* 2_654_435_761 &+ seed &* 40_503) & 0xFFFF) / 256
    }

    @Test(arguments: [16, 48, 64, 80, 128, 208, 1040])
    func vsumIsTheWeightedSumOfItsTapsAtEveryLevel(length: Int) {
        for taps in [1, 2, 5, 13] {
            let samples = UnsafeMutableBufferPointer<Float>.allocate(capacity: taps * length)  // row k at k × length
            defer { samples.deallocate() }
            for j in samples.indices { samples[j] = Self.value(j % length, j / length) }
            let rows: [UnsafePointer<Float>?] = (0..<taps).map { UnsafePointer(samples.baseAddress! + $0 * length) }
            let weights = (0..<taps).map { Float($0 % 3 == 1 ? -0.125 : 0.5) / Float($0 + 1) }
            let expected = (0..<length).map { i in
                (0..<taps).reduce(0.0) { $0 + Double(samples[$1 * length + i]) * Double(weights[$1]) }
            }
            for level in Self.levels {
                var acc = [Float](repeating: .nan, count: length)
                CKernels_vsum(rows, weights, Int32(taps), &acc, length, Int32(level))
                let worst = zip(acc, expected).map { abs(Double($0) - $1) }.max() ?? 0
                #expect(worst <= 1e-3, "level \(level), \(taps) taps, length \(length): off by \(worst)")
            }
        }
    }

    @Test func vsumWritesOnlyItsLength() {
        let row = [Float](repeating: 2, count: 32)
        for level in Self.levels {
            var acc = [Float](repeating: -1, count: 48)
            row.withUnsafeBufferPointer { r in CKernels_vsum([r.baseAddress], [0.5], 1, &acc, 32, Int32(level)) }
            #expect(acc[..<32].allSatisfy { $0 == 1 } && acc[32...].allSatisfy { $0 == -1 }, "level \(level)")
        }
    }

    @Test func widenIsExactAndStopsAtItsCount() {
        let bytes = (0..<300).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ 3) }
        for level in Self.levels {
            for count in [0, 1, 7, 8, 9, 31, 256, 299] {
                var out = [Float](repeating: -1, count: 300)
                CKernels_widen(bytes, &out, count, Int32(level))
                #expect(out[..<count].elementsEqual(bytes[..<count].map(Float.init)), "level \(level), count \(count)")
                #expect(out[count...].allSatisfy { $0 == -1 }, "level \(level), count \(count)")
            }
        }
    }
}
