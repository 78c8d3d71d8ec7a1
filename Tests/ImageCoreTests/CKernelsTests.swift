import CKernels
import Testing

/// The resampler's C loops at every level the CPU offers: the vertical sum is the float sum of its taps (to float
/// rounding) over lengths the blocks split differently (64-sample passes, 16-sample tail); the horizontal RGB pass
/// is within 1 LSB of float64, stores where the pixel step says, clamps and rounds ties to even.
@Suite struct CKernelsTests {
    /// The levels this machine can run: 0 always, 1 where AVX2 with FMA is there.
    static let levels = Array(0...CKernels_level())

    /// A reproducible pseudo-random float in 0 ..< 256.
    static func value(_ i: Int, _ seed: Int) -> Float {
        Float((i &* 2_654_435_761 &+ seed &* 40_503) & 0xFFFF) / 256
    }

    @Test(arguments: [16, 48, 64, 80, 128, 208, 1040])
    func vsumIsTheWeightedSumOfItsTapsAtEveryLevel(length: Int) {
        for taps in [1, 2, 5, 13, 24] {
            let samples = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: taps * length)  // row k at k × length
            defer { samples.deallocate() }
            for j in samples.indices { samples[j] = UInt8(truncatingIfNeeded: (j &* 2_654_435_761) >> 13) }
            let rows: [UnsafePointer<UInt8>?] = (0..<taps).map { UnsafePointer(samples.baseAddress! + $0 * length) }
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
        let row = [UInt8](repeating: 2, count: 32)
        for level in Self.levels {
            var acc = [Float](repeating: -1, count: 48)
            row.withUnsafeBufferPointer { r in CKernels_vsum([r.baseAddress], [0.5], 1, &acc, 32, Int32(level)) }
            #expect(acc[..<32].allSatisfy { $0 == 1 } && acc[32...].allSatisfy { $0 == -1 }, "level \(level)")
        }
    }

    /// Output pixel x of `hfilter_rgb` in float64: its taps' weighted sum per channel, clamped and rounded.
    static func reference(_ row: [Float], first: Int, start: Int, weights: ArraySlice<Float>) -> [UInt8] {
        (0..<3).map { c in
            let sum = weights.indices.reduce(0.0) { $0 + Double(row[3 * (start - first + $1 - weights.startIndex) + c]) * Double(weights[$1]) }
            return UInt8(min(255, max(0, sum)).rounded(.toNearestOrEven))
        }
    }

    @Test func hfilterRGBIsWithinOneLSBOfFloat64AndStoresWherePixelStepSays() {
        let first = 5, width = 9, stride = 13
        let samples = 3 * 60
        var row = (0..<(samples + 8)).map { Self.value($0, 3) }
        for i in samples..<row.count { row[i] = 0 }                            // readable and finite past the end
        // Tap counts 1…13 (odd, even, past a multiple of four); weights that sum to about 1, some negative.
        let counts: [Int32] = [1, 2, 3, 4, 5, 7, 8, 12, 13]
        let starts: [Int32] = counts.indices.map { Int32(first + 4 * $0) }
        var weights = [Float](repeating: .nan, count: width * stride)          // past counts[x]: never read
        for x in 0..<width {
            let n = Int(counts[x])
            for k in 0..<n { weights[x * stride + k] = (k % 3 == 2 ? -0.1 : 1.2) / Float(n) }
        }
        for level in Self.levels {
            for pixelStep in [3, -3, 30] {
                var out = [UInt8](repeating: 7, count: 3 * 10 * width)
                let origin = pixelStep < 0 ? 3 * (width - 1) : 0
                out.withUnsafeMutableBufferPointer { o in
                    CKernels_hfilter_rgb(row, Int32(first), starts, counts, weights, stride, width, o.baseAddress! + origin,
                                         pixelStep, Int32(level))
                }
                for x in 0..<width {
                    let at = origin + x * pixelStep
                    let expected = Self.reference(row, first: first, start: Int(starts[x]),
                                                  weights: weights[(x * stride)..<(x * stride + Int(counts[x]))])
                    let got = Array(out[at..<(at + 3)])
                    #expect(zip(got, expected).allSatisfy { abs(Int($0) - Int($1)) <= 1 }, "level \(level), step \(pixelStep), x \(x): \(got) vs \(expected)")
                }
                let written = Set((0..<width).flatMap { x in (0..<3).map { origin + x * pixelStep + $0 } })
                #expect(out.indices.filter { !written.contains($0) }.allSatisfy { out[$0] == 7 }, "level \(level): nothing else written")
            }
        }
    }

    @Test func hfilterRGBClampsAndRoundsTiesToEven() {
        // One tap of weight 1 over values that straddle the ends and sit on ties.
        let values: [Float] = [-3, 0.5, 1.5, 254.5, 300, 2.5, 127.49, 127.51, 255]
        let row = values + [Float](repeating: 0, count: 8)
        let width = values.count / 3
        let starts = (0..<width).map { Int32($0) }, counts = [Int32](repeating: 1, count: width)
        let weights = [Float](repeating: 1, count: width)
        for level in Self.levels {
            var out = [UInt8](repeating: 0, count: values.count)
            CKernels_hfilter_rgb(row, 0, starts, counts, weights, 1, width, &out, 3, Int32(level))
            #expect(out == [0, 0, 2, 254, 255, 2, 127, 128, 255], "level \(level)")
        }
    }

    // MARK: - YCbCr rows

    /// libjpeg's own arithmetic, as jdcolor.c and jdsample.c write it (tables of FIX(…) products, SCALEBITS 16,
    /// fancy upsampling with alternating biases, edge samples repeated): the kernel must give these bytes.
    static func yccReference(y: [UInt8], cb: [UInt8], cbFar: [UInt8], cr: [UInt8], crFar: [UInt8], xSpan: Int, ySpan: Int) -> [UInt8] {
        func fix(_ x: Double) -> Int { Int(x * 65536 + 0.5) }
        func full(_ near: [UInt8], _ far: [UInt8]) -> [Int] {
            let n = near.count
            if xSpan == 1 { return near.map(Int.init) }
            if ySpan == 1 {  // h2v1_fancy_upsample
                return (0..<(2 * n)).map { o in
                    let k = o / 2, v = Int(near[k]) * 3
                    if o % 2 == 0 { return k == 0 ? Int(near[0]) : (v + Int(near[k - 1]) + 1) >> 2 }
                    return k == n - 1 ? Int(near[k]) : (v + Int(near[k + 1]) + 2) >> 2
                }
            }
            let sums = (0..<n).map { Int(near[$0]) * 3 + Int(far[$0]) }  // h2v2_fancy_upsample
            return (0..<(2 * n)).map { o in
                let k = o / 2
                if o % 2 == 0 { return k == 0 ? (sums[0] * 4 + 8) >> 4 : (sums[k] * 3 + sums[k - 1] + 8) >> 4 }
                return k == n - 1 ? (sums[k] * 4 + 7) >> 4 : (sums[k] * 3 + sums[k + 1] + 7) >> 4
            }
        }
        let b = full(cb, cbFar), r = full(cr, crFar)
        func clamp(_ v: Int) -> UInt8 { UInt8(min(max(v, 0), 255)) }
        return y.indices.flatMap { x -> [UInt8] in
            let yy = Int(y[x]), cbx = b[x] - 128, crx = r[x] - 128
            return [clamp(yy + ((fix(1.40200) * crx + 32768) >> 16)),
                    clamp(yy + ((-fix(0.34414) * cbx + 32768 - fix(0.71414) * crx) >> 16)),
                    clamp(yy + ((fix(1.77200) * cbx + 32768) >> 16))]
        }
    }

    @Test(arguments: [(1, 1), (2, 1), (2, 2)])
    func yccRowIsLibjpegsArithmeticAtEveryLevel(xSpan: Int, ySpan: Int) {
        var state: UInt32 = 0x9E37_79B9
        func byte() -> UInt8 { state ^= state << 13; state ^= state >> 17; state ^= state << 5; return UInt8(truncatingIfNeeded: state) }
        for width in Array(1...70) + [255, 256, 1001, 6000] {
            let chromaWidth = (width + xSpan - 1) / xSpan
            // Extremes too: saturated luma with saturated chroma drives every channel past 0 and 255.
            let y = (0..<width).map { $0 % 7 == 0 ? ($0 % 2 == 0 ? 255 : 0) : byte() }
            let planes = (0..<4).map { p in (0..<chromaWidth).map { $0 % 5 == 0 ? (p % 2 == 0 ? 255 : 0) : byte() } }
            let expected = Self.yccReference(y: y, cb: planes[0], cbFar: planes[1], cr: planes[2], crFar: planes[3], xSpan: xSpan, ySpan: ySpan)
            var scratch = [Int16](repeating: 0, count: CKernels_ycc_scratch(width))
            for level in Self.levels {
                var out = [UInt8](repeating: 7, count: width * 3 + 16)
                CKernels_ycc_rgb_row(y, planes[0], planes[1], planes[2], planes[3], chromaWidth, width, Int32(xSpan), Int32(ySpan),
                                     &scratch, &out, Int32(level))
                #expect(Array(out[..<(width * 3)]) == expected, "level \(level), \(xSpan)x\(ySpan), width \(width)")
                #expect(out[(width * 3)...].allSatisfy { $0 == 7 }, "level \(level): nothing written past the row")
            }
        }
    }
}
