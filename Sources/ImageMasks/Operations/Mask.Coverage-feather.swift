extension Mask.Coverage {
    /// The coverage blurred with a Gaussian of standard deviation `sigma` pixels (separable: rows, then
    /// columns; kernel radius ⌈3σ⌉, weights normalized to sum 1; pixels beyond the edges repeat the edge
    /// pixel). `sigma` ≤ 0 returns the coverage unchanged.
    public func feathered(sigma: Double) -> Mask.Coverage {
        guard sigma > 0 else { return self }
        let kernel = Self.gaussianKernel(sigma: sigma)
        let r = kernel.count / 2
        var tmp = [Float](repeating: 0, count: values.count)
        var out = [Float](repeating: 0, count: values.count)
        let w = width, h = height
        values.withUnsafeBufferPointer { src in
            tmp.withUnsafeMutableBufferPointer { dst in
                for y in 0..<h {
                    let row = y * w
                    for x in 0..<w {
                        var s: Float = 0
                        for k in -r...r { s += kernel[k + r] * src[row + min(max(x + k, 0), w - 1)] }
                        dst[row + x] = s
                    }
                }
            }
        }
        tmp.withUnsafeBufferPointer { src in
            out.withUnsafeMutableBufferPointer { dst in
                for y in 0..<h {
                    for k in -r...r {
                        let sy = min(max(y + k, 0), h - 1)
                        let wk = kernel[k + r]
                        for x in 0..<w { dst[y * w + x] += wk * src[sy * w + x] }
                    }
                }
            }
        }
        return Mask.Coverage(width: width, height: height, values: out.map { min(max($0, 0), 1) })
    }

    /// Normalized Gaussian weights for offsets −⌈3σ⌉…⌈3σ⌉.
    static func gaussianKernel(sigma: Double) -> [Float] {
        let r = max(1, Int((3 * sigma).rounded(.up)))
        var k = (-r...r).map { i in exp(-Double(i * i) / (2 * sigma * sigma)) }
        let sum = k.reduce(0, +)
        k = k.map { $0 / sum }
        return k.map(Float.init)
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
public import Darwin
#endif
