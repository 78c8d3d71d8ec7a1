import ImageCore

extension Image {
    /// Straight alpha from premultiplied, in place (`grayAlpha` or `rgba`, 8- or 16-bit; alpha is the last
    /// channel). Pixels with alpha 0 or full alpha are left as they are.
    mutating func unpremultiplyAlpha() {
        guard layout.hasAlpha else { return }
        let maxValue = depth.maxValue, count = pixelCount, sixteen = depth == .sixteen, channels = layout.channels
        pixels.withUnsafeMutableBytes { raw in
            func get(_ i: Int) -> Int { sixteen ? Int(raw.load(fromByteOffset: i * 2, as: UInt16.self)) : Int(raw[i]) }
            func set(_ i: Int, _ v: Int) {
                if sixteen { raw.storeBytes(of: UInt16(v), toByteOffset: i * 2, as: UInt16.self) } else { raw[i] = UInt8(v) }
            }
            for p in 0..<count {
                let a = get(p * channels + channels - 1)
                guard a > 0, a < maxValue else { continue }
                for c in 0..<(channels - 1) { set(p * channels + c, min(maxValue, (get(p * channels + c) * maxValue + a / 2) / a)) }
            }
        }
    }
}
