public import ImageCore

extension PasteBack {
    /// The edit carried back onto the untouched original photo at its full size: every pixel of `original`
    /// (upright: EXIF orientation already applied) is mapped through `transform` (upright original → base,
    /// as `prepare` records it) into the base's frame; where the edit weight there (bilinear) is 0 the
    /// original's pixel is kept exactly, elsewhere the result (bilinear, in linear light) is blended in with
    /// that weight, in linear light. Only the edit region's bounding box, mapped back through the inverse
    /// transform, is visited; the rest is a copy. 8-bit RGB at the original's size.
    ///
    /// - Parameters:
    ///   - result: the model's output (brought to the weights' size first).
    ///   - original: the original photo, upright (EXIF orientation applied), any layout.
    ///   - transform: upright original → base (`BundleManifest.Prepared.transform`).
    ///   - weights: the edit weights in the base's frame.
    ///   - gains: `ColorMatch.gains` applied to the result in linear light; default none.
    /// - Throws: `FidelityError` `.noTransform` when `transform` cannot be inverted.
    public static func fullResolution(result: Image, original: Image, transform: AffineTransform, weights: EditWeights,
                                      gains: [Double]? = nil) throws(FidelityError) -> Image {
        guard let inverse = transform.inverted else {
            throw FidelityError(.noTransform, stage: "full-resolution", message: "the normalize transform cannot be inverted")
        }
        var out = FidelityMeter.rgb8(original)
        guard let box = weights.editBounds else { return out }
        let r = FidelityMeter.conform(result, to: weights.size)
        // The edit box (one pixel wider for the bilinear reach) in original pixels.
        let corners = [Point(x: Double(box.x0 - 1), y: Double(box.y0 - 1)), Point(x: Double(box.x1 + 1), y: Double(box.y0 - 1)),
                       Point(x: Double(box.x0 - 1), y: Double(box.y1 + 1)), Point(x: Double(box.x1 + 1), y: Double(box.y1 + 1))]
            .map(inverse.apply)
        let u0 = max(0, Int(corners.map(\.x).min()!.rounded(.down))), u1 = min(out.width, Int(corners.map(\.x).max()!.rounded(.up)))
        let v0 = max(0, Int(corners.map(\.y).min()!.rounded(.down))), v1 = min(out.height, Int(corners.map(\.y).max()!.rounded(.up)))
        guard u0 < u1, v0 < v1 else { return out }
        let sampler = Sampler(result: r, weights: weights, gains: (gains ?? [1, 1, 1]).map(Float.init))
        let width = out.width
        LinearLight.encodeTable.withUnsafeBufferPointer { enc in
            out.pixels.withUnsafeMutableBufferPointer { op in
                for v in v0..<v1 {
                    for u in u0..<u1 {
                        // Base-frame sample position, shifted so integer coordinates are pixel centres.
                        let p = transform.apply(Point(x: Double(u) + 0.5, y: Double(v) + 0.5))
                        let j = 3 * (v * width + u)
                        sampler.blend(x: p.x - 0.5, y: p.y - 0.5, into: op, at: j, encode: enc)
                    }
                }
            }
        }
        return out
    }

    /// Bilinear reads of the edit weights and of the result's linear light in the base's frame.
    struct Sampler {
        let width: Int, height: Int
        let weights: [Float]
        let linear: [Float]
        let gains: [Float]
        let decode = LinearLight.decode

        init(result: Image, weights: EditWeights, gains: [Float]) {
            width = weights.width
            height = weights.height
            self.weights = weights.values.map { Float($0) * (1 / 255) }
            let lut = LinearLight.decode
            linear = result.pixels.map { lut[Int($0)] }
            self.gains = gains
        }

        /// Blends the result into the 8-bit RGB pixel at `j` of `op` with the bilinear weight at (x, y).
        func blend(x: Double, y: Double, into op: UnsafeMutableBufferPointer<UInt8>, at j: Int, encode: UnsafeBufferPointer<UInt8>) {
            let fx0 = x.rounded(.down), fy0 = y.rounded(.down)
            guard fx0 >= -1, fy0 >= -1, fx0 < Double(width), fy0 < Double(height) else { return }
            let x0 = Int(fx0), y0 = Int(fy0)
            let fx = Float(x - fx0), fy = Float(y - fy0)
            // The four taps, clamped to the image for colour; taps outside count as weight 0.
            let xa = max(x0, 0), xb = min(x0 + 1, width - 1), ya = max(y0, 0), yb = min(y0 + 1, height - 1)
            let inXa: Float = x0 >= 0 ? 1 : 0, inXb: Float = x0 + 1 < width ? 1 : 0
            let inYa: Float = y0 >= 0 ? 1 : 0, inYb: Float = y0 + 1 < height ? 1 : 0
            let k00 = (1 - fx) * (1 - fy), k10 = fx * (1 - fy), k01 = (1 - fx) * fy, k11 = fx * fy
            let i00 = ya * width + xa, i10 = ya * width + xb, i01 = yb * width + xa, i11 = yb * width + xb
            let a = k00 * inXa * inYa * weights[i00] + k10 * inXb * inYa * weights[i10]
                + k01 * inXa * inYb * weights[i01] + k11 * inXb * inYb * weights[i11]
            guard a > 0.5 / 255 else { return }
            for c in 0..<3 {
                let value = k00 * linear[3 * i00 + c] + k10 * linear[3 * i10 + c] + k01 * linear[3 * i01 + c] + k11 * linear[3 * i11 + c]
                let mixed = a * gains[c] * value + (1 - a) * decode[Int(op[j + c])]
                op[j + c] = LinearLight.encode(mixed, table: encode)
            }
        }
    }
}
