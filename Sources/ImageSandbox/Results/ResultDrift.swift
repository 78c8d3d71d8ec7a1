import ImageCore

/// How a drifting sandbox spoils the region a mask keeps, the way image models do (they regenerate the whole
/// frame): after the edit is rendered, the whole result is translated by (`shiftX`, `shiftY`) pixels (edges
/// repeated), given a colour cast (`colorShift`, added to R, G, B) and seeded noise (uniform in
/// ±`noise` codes, the same for the same task and result). `SandboxConfiguration.drift`; `--drift`.
public struct ResultDrift: Sendable, Hashable {
    /// Translation in whole pixels, x right. Default 2.
    public var shiftX: Int
    /// Translation in whole pixels, y down. Default 0.
    public var shiftY: Int
    /// Added to the R, G and B codes (clamped). Default (+6, +2, −5): slightly warmer.
    public var colorShift: [Int]
    /// Largest noise amplitude in 8-bit codes. Default 3.
    public var noise: Int

    public init(shiftX: Int = 2, shiftY: Int = 0, colorShift: [Int] = [6, 2, -5], noise: Int = 3) {
        self.shiftX = shiftX
        self.shiftY = shiftY
        self.colorShift = colorShift.count == 3 ? colorShift : [0, 0, 0]
        self.noise = max(0, noise)
    }

    /// `image` (8-bit RGB) drifted; `seed` makes the noise.
    func apply(to image: Image, seed: UInt64) -> Image {
        let w = image.width, h = image.height
        return image.pixels.withUnsafeBufferPointer { src in
            Image(width: w, height: h, layout: .rgb) { dst in
                var state = seed
                for y in 0..<h {
                    let sy = min(h - 1, max(0, y - shiftY))
                    for x in 0..<w {
                        let sx = min(w - 1, max(0, x - shiftX))
                        state = SeededDecision.mix(state &+ 0x9E37_79B9_7F4A_7C15)
                        for c in 0..<3 {
                            let jitter = noise == 0 ? 0 : Int((state >> (8 * UInt64(c))) % UInt64(2 * noise + 1)) - noise
                            let value = Int(src[3 * (sy * w + sx) + c]) + colorShift[c] + jitter
                            dst[3 * (y * w + x) + c] = UInt8(min(255, max(0, value)))
                        }
                    }
                }
            }
        }
    }
}
