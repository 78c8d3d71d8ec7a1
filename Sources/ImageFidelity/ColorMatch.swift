public import ImageCore

/// A global colour cast of the result, measured over the kept pixels, and the per-channel gains (in linear
/// light) that remove it: `gain = mean(base) / mean(result)` per channel, clamped to 0.5…2. With
/// `--match-color` the gains are applied to the model's output inside the mask before it is pasted back, so
/// an edited region that came back warmer or darker than its surroundings matches them again.
public struct ColorMatch: Sendable, Hashable, Codable {
    /// Linear-light gains for red, green and blue.
    public var gains: [Double]
    /// ΔE00 between the mean colour of the kept region in the base and in the result (the cast), before the gains.
    public var castDeltaE: Double
    /// The same after applying the gains to the result (what is left of the cast).
    public var residualDeltaE: Double

    enum CodingKeys: String, CodingKey {
        case gains, castDeltaE = "cast_delta_e", residualDeltaE = "residual_delta_e"
    }

    public init(gains: [Double], castDeltaE: Double, residualDeltaE: Double) {
        self.gains = gains
        self.castDeltaE = castDeltaE
        self.residualDeltaE = residualDeltaE
    }

    /// Measures the cast of `result` against `base` (both 8-bit RGB of `weights`' size) where `weights` is 0.
    /// No kept pixels: gains of 1.
    public init(result: Image, base: Image, weights: EditWeights) {
        var sumB = [0.0, 0.0, 0.0], sumR = [0.0, 0.0, 0.0]
        LinearLight.decode.withUnsafeBufferPointer { lut in
            base.pixels.withUnsafeBufferPointer { bp in
                result.pixels.withUnsafeBufferPointer { rp in
                    for i in 0..<weights.values.count where weights.values[i] == 0 {
                        for c in 0..<3 {
                            sumB[c] += Double(lut[Int(bp[3 * i + c])])
                            sumR[c] += Double(lut[Int(rp[3 * i + c])])
                        }
                    }
                }
            }
        }
        let gains = (0..<3).map { c in sumR[c] > 0 ? min(2, max(0.5, sumB[c] / sumR[c])) : 1 }
        let n = Double(max(1, weights.keptCount))
        func lab(_ sums: [Double]) -> CIELab { CIELab(linearR: sums[0] / n, g: sums[1] / n, b: sums[2] / n) }
        let meanBase = lab(sumB)
        self.init(gains: gains, castDeltaE: CIELab.deltaE2000(meanBase, lab(sumR)),
                  residualDeltaE: CIELab.deltaE2000(meanBase, lab((0..<3).map { sumR[$0] * gains[$0] })))
    }

    /// Gains of 1 (no change).
    public static let none = ColorMatch(gains: [1, 1, 1], castDeltaE: 0, residualDeltaE: 0)
}
