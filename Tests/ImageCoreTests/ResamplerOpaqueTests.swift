import Foundation
import ImageCore
import Testing

/// The opaque 8-bit path (gray, RGB, rows first): within 1 LSB of the float64 reference for every kernel, and
/// fed a row at a time it gives exactly what it gives on the whole image.
@Suite struct ResamplerOpaqueTests {
    static let cases: [(Rect, Size)] = [
        (Rect(x: 0, y: 0, width: 61, height: 47), Size(width: 23, height: 17)),        // downscale
        (Rect(x: 3.25, y: 5.5, width: 40.5, height: 30), Size(width: 17, height: 12)),  // fractional crop
        (Rect(x: 0, y: 0, width: 61, height: 47), Size(width: 90, height: 20)),        // wider, much shorter
    ]

    /// Feeds `image`'s rows one at a time, counting them.
    static func streamed(_ image: Image, plan: Resampler.Plan, orientation: Orientation = .up) throws -> (Image, rowsRead: Int) {
        var next = 0
        let rowBytes = image.rowStride
        let out = try image.pixels.withUnsafeBufferPointer { src in
            try Resampler.resample(rowsOf: image.layout, plan: plan, orientation: orientation) { row in
                row.update(from: src.baseAddress! + next * rowBytes, count: rowBytes)
                next += 1
            }
        }
        return (out, next)
    }

    @Test(arguments: Resampler.Kernel.allCases)
    func withinOneLSBOfTheReferenceAndStreamingEqualsWholeImage(kernel: Resampler.Kernel) throws {
        for layout in [PixelLayout.gray, .rgb] {
            let image = ResamplerTests.noise(61, 47, layout, seed: 11)
            for (rect, size) in Self.cases {
                let plan = Resampler.Plan(source: image.size, sourceRect: rect, output: size, kernel: kernel)
                #expect(Resampler.opaquePathApplies(layout: layout, plan: plan), "\(kernel) \(layout) \(size) takes the opaque path")
                let whole = Resampler.resample(image, plan: plan)
                let ref = ReferenceResampler.resample(image, rect: rect, output: size, kernel: kernel)
                #expect(ResamplerTests.maxError(whole, ref) <= 1.0, "\(kernel) \(layout) \(rect) → \(size)")
                let (streamed, rowsRead) = try Self.streamed(image, plan: plan)
                #expect(streamed == whole, "\(kernel) \(layout) \(rect) → \(size)")
                #expect(rowsRead == plan.vertical.sourceRange.upperBound)   // no row below the last one used
            }
        }
    }

    @Test(arguments: Orientation.allCases)
    func streamingStoresUprightAsTheWholeImagePathDoes(orientation: Orientation) throws {
        let image = ResamplerTests.noise(50, 40, .rgb, seed: 5)
        let plan = Resampler.Plan(source: image.size, sourceRect: Rect(x: 2, y: 1.5, width: 44, height: 35), output: Size(width: 21, height: 15))
        let whole = Resampler.resample(image, plan: plan, options: .init(orientation: orientation))
        #expect(try Self.streamed(image, plan: plan, orientation: orientation).0 == whole)
        #expect(whole == Resampler.resample(image, plan: plan).oriented(orientation))
    }

    @Test func threadedOpaquePathEqualsSingleThreaded() {
        let image = ResamplerTests.noise(900, 700, .rgb, seed: 8)
        let plan = Resampler.Plan(source: image.size, sourceRect: Rect(x: 10.5, y: 20, width: 800, height: 600), output: Size(width: 301, height: 203))
        #expect(Resampler.resample(image, plan: plan, options: .init(maxThreads: 1)) == Resampler.resample(image, plan: plan, options: .init(maxThreads: 2)))
    }

    /// Rows written on demand (a planar source, say) give what the interleaved image gives, on one thread and
    /// on several, upright as asked; each thread asks each row it needs once, in order.
    @Test(arguments: [1, 3])
    func rowsOnDemandEqualTheWholeImagePath(threads: Int) {
        final class Asked: @unchecked Sendable {
            let lock = NSLock()
            var rows: [Int] = []
            func add(_ y: Int) { lock.withLock { rows.append(y) } }
        }
        for layout in [PixelLayout.gray, .rgb] {
            let image = ResamplerTests.noise(300, 260, layout, seed: 21)
            let plan = Resampler.Plan(source: image.size, sourceRect: Rect(x: 4.5, y: 3, width: 280, height: 240), output: Size(width: 97, height: 81))
            for orientation in [Orientation.up, .right] {
                let options = Resampler.Options(maxThreads: threads, orientation: orientation)
                let asked = Asked()
                let onDemand = image.pixels.withUnsafeBufferPointer { src in
                    let base = src.baseAddress!, rowBytes = image.rowStride
                    nonisolated(unsafe) let pixels = base
                    return Resampler.resample(rowsAt: layout, plan: plan, options: options) { y, row in
                        asked.add(y)
                        row.update(from: pixels + y * rowBytes, count: rowBytes)
                    }
                }
                #expect(onDemand == Resampler.resample(image, plan: plan, options: options), "\(layout) \(orientation) threads \(threads)")
                let needed = plan.vertical.sourceRange
                #expect(Set(asked.rows) == Set(needed), "every row the plan reads, no other")
                #expect(asked.rows.count >= needed.count && asked.rows.count <= needed.count + threads * plan.vertical.stride)
            }
        }
    }

    @Test func aFailingRowSourceStopsTheResample() {
        struct Stop: Error {}
        let plan = Resampler.Plan(source: Size(width: 30, height: 30), output: Size(width: 10, height: 10))
        var calls = 0
        #expect(throws: Stop.self) {
            _ = try Resampler.resample(rowsOf: .gray, plan: plan) { row in
                calls += 1
                if calls == 7 { throw Stop() }
                row.update(repeating: 9, count: 30)
            }
        }
        #expect(calls == 7)
    }
}
