public import ImageCore

/// Measures a result against its base outside the mask (`FidelityReport`).
///
/// The result is first brought to the base's size (`FidelityMeter.conform`: stretched with Lanczos-3 when
/// the API answered another size or aspect: the model's frame is taken to be the base's frame). Both are
/// compared as 8-bit sRGB; alpha is dropped.
public struct FidelityMeter: Sendable {
    /// ΔE00 above which a kept pixel counts as changed. Default 5 (clearly visible side by side).
    public var threshold: Double
    /// How the shift is estimated. Default `ShiftEstimator()` (±8 px).
    public var shift: ShiftEstimator

    /// The default threshold: 5 ΔE00.
    public static let defaultThreshold = 5.0

    public init(threshold: Double = FidelityMeter.defaultThreshold, shift: ShiftEstimator = ShiftEstimator()) {
        self.threshold = threshold
        self.shift = shift
    }

    /// The figures for `result` against `base` where `weights` is 0.
    ///
    /// - Throws: `FidelityError` `.maskSizeMismatch` when `weights` is not the base's size.
    public func measure(result: Image, base: Image, weights: EditWeights) throws(FidelityError) -> FidelityReport {
        guard weights.size == base.size else {
            throw FidelityError(.maskSizeMismatch, stage: "measure", message: "the mask is \(weights.size), the base \(base.size)")
        }
        let b = Self.rgb8(base), r = Self.conform(result, to: base.size)
        let bins = 10_000   // ΔE00 in steps of 0.01 up to 100 (the last bin holds everything above)
        var histogram = [Int](repeating: 0, count: bins + 1)
        var sum = 0.0, changed = 0, kept = 0
        LinearLight.decode.withUnsafeBufferPointer { lut in
            b.pixels.withUnsafeBufferPointer { bp in
                r.pixels.withUnsafeBufferPointer { rp in
                    weights.values.withUnsafeBufferPointer { wv in
                        for i in 0..<wv.count where wv[i] == 0 {
                            let j = 3 * i
                            var e = 0.0
                            if bp[j] != rp[j] || bp[j + 1] != rp[j + 1] || bp[j + 2] != rp[j + 2] {
                                e = CIELab.deltaE2000(CIELab(r: bp[j], g: bp[j + 1], b: bp[j + 2], linear: lut),
                                                      CIELab(r: rp[j], g: rp[j + 1], b: rp[j + 2], linear: lut))
                            }
                            sum += e
                            kept += 1
                            if e > threshold { changed += 1 }
                            histogram[min(bins, Int(e * 100))] += 1
                        }
                    }
                }
            }
        }
        let (sx, sy) = shift.estimate(result: r, base: b, weights: weights)
        let resized = result.size != base.size
        return FidelityReport(meanDeltaE: kept == 0 ? 0 : sum / Double(kept), p99DeltaE: Self.percentile(histogram, 0.99, count: kept),
                              changedShare: kept == 0 ? 0 : Double(changed) / Double(kept), threshold: threshold,
                              keptPixels: kept, shiftX: sx, shiftY: sy,
                              resultWidth: resized ? result.width : nil, resultHeight: resized ? result.height : nil)
    }

    /// The value at `fraction` of a histogram of 0.01-wide bins (the bin's upper edge).
    static func percentile(_ histogram: [Int], _ fraction: Double, count: Int) -> Double {
        guard count > 0 else { return 0 }
        let rank = Int((fraction * Double(count)).rounded(.up))
        var seen = 0
        for (bin, n) in histogram.enumerated() {
            seen += n
            if seen >= rank { return Double(bin) / 100 }
        }
        return Double(histogram.count - 1) / 100
    }

    /// `image` as 8-bit RGB (alpha dropped, gray expanded).
    public static func rgb8(_ image: Image) -> Image {
        let eight = image.depth == .sixteen ? image.to8Bit() : image
        return eight.layout == .rgb ? eight : eight.converted(to: .rgb)
    }

    /// `result` as 8-bit RGB at `size` (Lanczos-3 when it differs).
    public static func conform(_ result: Image, to size: Size) -> Image {
        let rgb = rgb8(result)
        return rgb.size == size ? rgb : rgb8(rgb.resized(to: size, kernel: .lanczos3))
    }
}
