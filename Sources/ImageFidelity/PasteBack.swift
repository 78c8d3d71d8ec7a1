public import ImageCore

/// Puts the base back over a result everywhere the mask keeps: `out = w·result + (1 − w)·base` with
/// w = edit weight / 255 (the mask's own soft edge), blended in linear light (sRGB decoded and re-encoded
/// through `LinearLight`'s tables), so a feathered seam does not darken as an sRGB-space blend would.
/// Where w = 0 the output is the base's pixel exactly; where w = 1 (and no colour gains) the result's.
public enum PasteBack {
    /// The composite at the base's size, 8-bit RGB. `result` is first brought to the base's size
    /// (`FidelityMeter.conform`); `gains` (`ColorMatch.gains`, default none) scale the result in linear light.
    ///
    /// - Throws: `FidelityError` `.maskSizeMismatch` when `weights` is not the base's size.
    public static func composite(result: Image, base: Image, weights: EditWeights, gains: [Double]? = nil) throws(FidelityError) -> Image {
        guard weights.size == base.size else {
            throw FidelityError(.maskSizeMismatch, stage: "paste-back", message: "the mask is \(weights.size), the base \(base.size)")
        }
        var out = FidelityMeter.rgb8(base)
        let r = FidelityMeter.conform(result, to: base.size)
        let g = (gains ?? [1, 1, 1]).map(Float.init)
        let exact = gains == nil
        let count = weights.values.count
        LinearLight.decode.withUnsafeBufferPointer { lut in
            LinearLight.encodeTable.withUnsafeBufferPointer { enc in
                r.pixels.withUnsafeBufferPointer { rp in
                    weights.values.withUnsafeBufferPointer { wv in
                        out.pixels.withUnsafeMutableBufferPointer { op in
                            for i in 0..<count {
                                let w = wv[i]
                                if w == 0 { continue }
                                let j = 3 * i
                                if w == 255 && exact {
                                    op[j] = rp[j]; op[j + 1] = rp[j + 1]; op[j + 2] = rp[j + 2]
                                    continue
                                }
                                let a = Float(w) * (1 / 255)
                                for c in 0..<3 {
                                    let mixed = a * g[c] * lut[Int(rp[j + c])] + (1 - a) * lut[Int(op[j + c])]
                                    op[j + c] = LinearLight.encode(mixed, table: enc)
                                }
                            }
                        }
                    }
                }
            }
        }
        return out
    }
}
