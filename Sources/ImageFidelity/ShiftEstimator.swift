public import ImageCore

/// Estimates the global translation between a result and its base by normalized cross-correlation (NCC) of
/// their luma over the kept pixels.
///
/// Every integer shift within ±`radius` (default 8 px) is scored on sample points (one at a hashed position in
/// each cell of a grid sized so that about 60 000 points are used whatever the image size) that are wholly
/// kept and whose shifted position stays inside the image; the best score's neighbours then give a sub-pixel offset by
/// fitting a parabola along x and along y. Luma is Rec. 709 weights on the 8-bit codes.
public struct ShiftEstimator: Sendable {
    /// Largest shift searched, in pixels. Default 8.
    public var radius: Int
    /// Sample points aimed for. Default 60 000.
    public var samples: Int

    public init(radius: Int = 8, samples: Int = 60_000) {
        self.radius = max(1, radius)
        self.samples = max(100, samples)
    }

    /// The shift (x, y) such that `result(p + shift) ≈ base(p)`; (0, 0) when nothing can be measured
    /// (too few kept pixels, or flat images). Both images are 8-bit RGB of `weights`' size.
    public func estimate(result: Image, base: Image, weights: EditWeights) -> (x: Double, y: Double) {
        let w = base.width, h = base.height, r = radius
        guard w > 2 * r + 2, h > 2 * r + 2 else { return (0, 0) }
        let lumaB = Self.luma(base), lumaR = Self.luma(result)
        let step = max(1, Int((Double((w - 2 * r) * (h - 2 * r)) / Double(samples)).squareRoot()))
        var points: [Int32] = []
        weights.values.withUnsafeBufferPointer { v in
            // One point per step×step cell at a hashed position in it, so that the grid's phase does not favour
            // one direction of shift over the other.
            for cy in stride(from: r, to: h - r, by: step) {
                for cx in stride(from: r, to: w - r, by: step) {
                    let hash = (cx &* 73_856_093) ^ (cy &* 19_349_663)
                    let x = min(w - r - 1, cx + (hash & 0xFFFF) % step), y = min(h - r - 1, cy + ((hash >> 16) & 0xFFFF) % step)
                    if v[y * w + x] == 0 { points.append(Int32(y * w + x)) }
                }
            }
        }
        guard points.count >= 16 else { return (0, 0) }
        let side = 2 * r + 1
        var scores = [Double](repeating: -2, count: side * side)
        lumaB.withUnsafeBufferPointer { b in
            lumaR.withUnsafeBufferPointer { q in
                points.withUnsafeBufferPointer { pts in
                    var sb = 0.0, sbb = 0.0
                    for p in pts { let v = Double(b[Int(p)]); sb += v; sbb += v * v }
                    let n = Double(pts.count)
                    let varB = sbb - sb * sb / n
                    guard varB > 1e-6 else { return }
                    for dy in -r...r {
                        for dx in -r...r {
                            let offset = dy * w + dx
                            var sq = 0.0, sqq = 0.0, sbq = 0.0
                            for p in pts {
                                let vb = Double(b[Int(p)]), vq = Double(q[Int(p) + offset])
                                sq += vq; sqq += vq * vq; sbq += vb * vq
                            }
                            let varQ = sqq - sq * sq / n
                            guard varQ > 1e-6 else { continue }
                            scores[(dy + r) * side + dx + r] = (sbq - sb * sq / n) / (varB * varQ).squareRoot()
                        }
                    }
                }
            }
        }
        return Self.peak(scores, radius: r)
    }

    /// The best integer shift refined by a parabola through its neighbours on each axis.
    static func peak(_ scores: [Double], radius r: Int) -> (x: Double, y: Double) {
        let side = 2 * r + 1
        guard let best = scores.indices.max(by: { scores[$0] < scores[$1] }), scores[best] > -2 else { return (0, 0) }
        let bx = best % side, by = best / side
        // A perfect match is an integer shift: nothing to refine.
        if scores[best] > 0.999_999 { return (Double(bx - r), Double(by - r)) }
        func refine(_ minus: Double?, _ centre: Double, _ plus: Double?) -> Double {
            guard let minus, let plus, minus > -2, plus > -2 else { return 0 }
            let curvature = minus - 2 * centre + plus
            guard curvature < 0 else { return 0 }
            return min(0.5, max(-0.5, 0.5 * (minus - plus) / curvature))
        }
        let fx = refine(bx > 0 ? scores[best - 1] : nil, scores[best], bx < side - 1 ? scores[best + 1] : nil)
        let fy = refine(by > 0 ? scores[best - side] : nil, scores[best], by < side - 1 ? scores[best + side] : nil)
        return (Double(bx - r) + fx, Double(by - r) + fy)
    }

    /// Rec. 709 luma of an 8-bit RGB image, as Float codes 0…255.
    static func luma(_ image: Image) -> [Float] {
        [Float](unsafeUninitializedCapacity: image.pixelCount) { out, count in
            image.pixels.withUnsafeBufferPointer { p in
                for i in 0..<image.pixelCount {
                    out[i] = 0.2126 * Float(p[3 * i]) + 0.7152 * Float(p[3 * i + 1]) + 0.0722 * Float(p[3 * i + 2])
                }
            }
            count = image.pixelCount
        }
    }
}
