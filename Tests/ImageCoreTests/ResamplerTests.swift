import Testing
import ImageCore

/// A float64 reference of the same separable resampler: same kernel, same pixel-centre convention, taps
/// outside the image dropped and weights renormalized, colour weighted by alpha.
enum ReferenceResampler {
    static func weights(sourceCount: Int, origin: Double, length: Double, outputCount: Int,
                        kernel: Resampler.Kernel) -> [[(Int, Double)]] {
        let scale = Double(outputCount) / length
        let fs = max(1, 1 / scale)
        let support = kernel.radius * fs
        return (0..<outputCount).map { i in
            let center = origin + (Double(i) + 0.5) / scale
            if kernel == .nearest { return [(min(max(Int(center.rounded(.down)), 0), sourceCount - 1), 1)] }
            var taps: [(Int, Double)] = []
            for j in 0..<sourceCount {
                let d = Double(j) + 0.5 - center
                if abs(d) <= support {
                    let w = kernel.weight(d / fs)
                    if w != 0 { taps.append((j, w)) }
                }
            }
            let sum = taps.reduce(0) { $0 + $1.1 }
            if taps.isEmpty || sum == 0 { return [(min(max(Int(center.rounded(.down)), 0), sourceCount - 1), 1)] }
            return taps.map { ($0.0, $0.1 / sum) }
        }
    }

    /// Returns float samples on the 0…255 scale (unrounded), straight alpha.
    static func resample(_ image: Image, rect: Rect, output: Size, kernel: Resampler.Kernel) -> [Double] {
        let c = image.layout.channels
        let alpha = image.layout.hasAlpha
        let div = image.depth == .sixteen ? 65535.0 / 255.0 : 1.0
        var src = [Double](repeating: 0, count: image.pixelCount * c)
        for y in 0..<image.height {
            for x in 0..<image.width {
                let a = alpha ? Double(image.sample(x: x, y: y, channel: c - 1)) / div / 255 : 1
                for k in 0..<c {
                    let v = Double(image.sample(x: x, y: y, channel: k)) / div
                    src[(y * image.width + x) * c + k] = (alpha && k < c - 1) ? v * a : v
                }
            }
        }
        let wx = weights(sourceCount: image.width, origin: rect.x, length: rect.width, outputCount: output.width, kernel: kernel)
        let wy = weights(sourceCount: image.height, origin: rect.y, length: rect.height, outputCount: output.height, kernel: kernel)
        var mid = [Double](repeating: 0, count: image.height * output.width * c)
        for y in 0..<image.height {
            for ox in 0..<output.width {
                for (j, w) in wx[ox] { for k in 0..<c { mid[(y * output.width + ox) * c + k] += w * src[(y * image.width + j) * c + k] } }
            }
        }
        var out = [Double](repeating: 0, count: output.width * output.height * c)
        for oy in 0..<output.height {
            for ox in 0..<output.width {
                for (j, w) in wy[oy] { for k in 0..<c { out[(oy * output.width + ox) * c + k] += w * mid[(j * output.width + ox) * c + k] } }
                if alpha {
                    let base = (oy * output.width + ox) * c
                    let a = min(max(out[base + c - 1], 0), 255)
                    out[base + c - 1] = a
                    for k in 0..<(c - 1) { out[base + k] = a > 0 ? out[base + k] * 255 / a : 0 }
                }
            }
        }
        return out.map { min(max($0, 0), 255) }
    }
}

/// Deterministic pseudo-random bytes (xorshift).
struct TestNoise {
    var state: UInt64
    init(seed: UInt64) { state = seed | 1 }
    mutating func next() -> UInt64 { state ^= state << 13; state ^= state >> 7; state ^= state << 17; return state }
    mutating func bytes(_ n: Int) -> [UInt8] { (0..<n).map { _ in UInt8(truncatingIfNeeded: next()) } }
}

@Suite struct ResamplerTests {
    static let layouts: [PixelLayout] = [.gray, .grayAlpha, .rgb, .rgba]

    static func noise(_ w: Int, _ h: Int, _ layout: PixelLayout, depth: SampleDepth = .eight, seed: UInt64 = 7) -> Image {
        var rng = TestNoise(seed: seed)
        return Image(width: w, height: h, layout: layout, depth: depth,
                     pixels: rng.bytes(w * h * layout.channels * depth.bytes))
    }

    static func maxError(_ out: Image, _ ref: [Double]) -> Double {
        var worst = 0.0
        let c = out.layout.channels
        for y in 0..<out.height {
            for x in 0..<out.width {
                for k in 0..<c {
                    let scale = out.depth == .sixteen ? 257.0 : 1.0
                    worst = max(worst, abs(Double(out.sample(x: x, y: y, channel: k)) / scale - ref[(y * out.width + x) * c + k]))
                }
            }
        }
        return worst
    }

    @Test(arguments: Resampler.Kernel.allCases)
    func matchesFloat64ReferenceWithinOneLSB(kernel: Resampler.Kernel) {
        for layout in Self.layouts {
            let image = Self.noise(37, 29, layout)
            for (rect, size) in [
                (Rect(x: 0, y: 0, width: 37, height: 29), Size(width: 13, height: 11)),   // downscale
                (Rect(x: 0, y: 0, width: 37, height: 29), Size(width: 80, height: 61)),   // upscale
                (Rect(x: 3.25, y: 1.5, width: 20.5, height: 25), Size(width: 9, height: 17)),  // fractional crop
            ] {
                let out = image.resampled(from: rect, to: size, kernel: kernel)
                #expect(out.width == size.width && out.height == size.height && out.layout == layout)
                let ref = ReferenceResampler.resample(image, rect: rect, output: size, kernel: kernel)
                let err = Self.maxError(out, ref)
                #expect(err <= 1.0, "\(kernel) \(layout) \(rect) → \(size): max error \(err)")
            }
        }
    }

    @Test func sixteenBitInputMatchesReference() {
        for layout in [PixelLayout.gray, .rgba] {
            let image = Self.noise(31, 23, layout, depth: .sixteen, seed: 99)
            let rect = Rect(x: 0, y: 0, width: 31, height: 23)
            let size = Size(width: 12, height: 9)
            let ref = ReferenceResampler.resample(image, rect: rect, output: size, kernel: .lanczos3)
            let out8 = image.resized(to: size)
            #expect(out8.depth == .eight)
            #expect(Self.maxError(out8, ref) <= 1.0)
            let out16 = image.resized(to: size, depth: nil)
            #expect(out16.depth == .sixteen)
            #expect(Self.maxError(out16, ref) <= 1.0 / 257 * 2)
        }
    }

    @Test(arguments: Resampler.Kernel.allCases)
    func constantImageStaysConstant(kernel: Resampler.Kernel) {
        let image = Image(width: 50, height: 33, layout: .rgb, pixels: (0..<(50 * 33)).flatMap { _ in [200, 17, 99] as [UInt8] })
        for size in [Size(width: 7, height: 5), Size(width: 50, height: 33), Size(width: 121, height: 80)] {
            let out = image.resized(to: size, kernel: kernel)
            for i in stride(from: 0, to: out.pixels.count, by: 3) {
                #expect(out.pixels[i] == 200 && out.pixels[i + 1] == 17 && out.pixels[i + 2] == 99)
                if out.pixels[i] != 200 { break }
            }
        }
    }

    @Test func noDarkHaloAtTransparentEdge() {
        // Left half opaque red, right half fully transparent *black* (the colour a naive filter bleeds in).
        let w = 64, h = 16
        var px = [UInt8]()
        for _ in 0..<h { for x in 0..<w { px += x < w / 2 ? [255, 0, 0, 255] : [0, 0, 0, 0] } }
        let image = Image(width: w, height: h, layout: .rgba, pixels: px)
        for size in [Size(width: 21, height: 5), Size(width: 150, height: 40)] {
            let out = image.resized(to: size)
            var partial = 0
            for i in stride(from: 0, to: out.pixels.count, by: 4) where out.pixels[i + 3] > 0 {
                #expect(out.pixels[i] >= 254 && out.pixels[i + 1] <= 1 && out.pixels[i + 2] <= 1,
                        "pixel \(i / 4): \(out.pixels[i..<(i + 4)])")
                if out.pixels[i + 3] < 255 { partial += 1 }
            }
            #expect(partial > 0, "the edge must be soft, so the test exercises partial alpha")
        }
        // Without premultiplication the same resize does darken (proves the test can fail).
        let plan = Resampler.Plan(source: image.size, output: Size(width: 21, height: 5))
        let naive = Resampler.resample(image, plan: plan, options: .init(premultiplyAlpha: false))
        let dark = stride(from: 0, to: naive.pixels.count, by: 4).contains { naive.pixels[$0 + 3] > 0 && naive.pixels[$0] < 250 }
        #expect(dark)
    }

    @Test func threadedResultEqualsSingleThreaded() {
        let image = Self.noise(700, 450, .rgba, seed: 3)
        let plan = Resampler.Plan(source: image.size, sourceRect: Rect(x: 10.5, y: 20, width: 600, height: 400),
                                  output: Size(width: 301, height: 203))
        let one = Resampler.resample(image, plan: plan, options: .init(maxThreads: 1))
        let two = Resampler.resample(image, plan: plan, options: .init(maxThreads: 2))
        #expect(one == two)
    }

    @Test(arguments: Orientation.allCases)
    func orientingWhileStoringEqualsOrientingAfterwards(orientation: Orientation) {
        for (layout, depth) in [(PixelLayout.rgb, SampleDepth.eight), (.rgba, .eight), (.gray, .eight), (.grayAlpha, .sixteen)] {
            let image = Self.noise(41, 27, layout, depth: depth, seed: 21)
            let plan = Resampler.Plan(source: image.size, sourceRect: Rect(x: 2, y: 1.5, width: 35, height: 22), output: Size(width: 19, height: 13))
            let after = Resampler.resample(image, plan: plan, options: .init(outputDepth: nil)).oriented(orientation)
            let fused = Resampler.resample(image, plan: plan, options: .init(outputDepth: nil, orientation: orientation))
            #expect(fused == after, "\(orientation) \(layout) \(depth)")
        }
        // Large enough to run on two threads.
        let big = Self.noise(700, 450, .rgb, seed: 4)
        let plan = Resampler.Plan(source: big.size, output: Size(width: 350, height: 300))
        #expect(Resampler.resample(big, plan: plan, options: .init(maxThreads: 2, orientation: orientation))
                == Resampler.resample(big, plan: plan, options: .init(maxThreads: 1)).oriented(orientation))
    }

    @Test func planTransformMapsRectOntoOutput() {
        let plan = Resampler.Plan(source: Size(width: 100, height: 80), sourceRect: Rect(x: 10, y: 5, width: 50, height: 40),
                                  output: Size(width: 25, height: 10))
        let t = plan.transform
        #expect(t.apply(Point(x: 10, y: 5)) == Point(x: 0, y: 0))
        #expect(t.apply(Point(x: 60, y: 45)) == Point(x: 25, y: 10))
    }
}
