import ImageCodecs
import ImageCore

#if canImport(Glibc)
import Glibc
#endif

/// An independent float64 reference for the quality column: full-resolution decode (no shrink-on-load),
/// separable Lanczos3 with colour weighted by alpha, the same cover/contain geometry, no rounding until the end.
/// (Written separately from `Resampler` so that ImagePrep is not graded against its own code.)
enum Reference {
    static func lanczos3(_ x: Double) -> Double {
        if x == 0 { return 1 }
        if abs(x) >= 3 { return 0 }
        let px = Double.pi * x
        return 3 * sin(px) * sin(px / 3) / (px * px)
    }

    /// Taps (index, weight) mapping `origin ..< origin + length` of `count` source pixels onto `out` pixels.
    static func taps(count: Int, origin: Double, length: Double, out: Int) -> [[(Int, Double)]] {
        let scale = Double(out) / length
        let fs = max(1, 1 / scale)
        return (0..<out).map { i in
            let c = origin + (Double(i) + 0.5) / scale
            let lo = max(0, Int((c - 3 * fs - 0.5).rounded(.up))), hi = min(count - 1, Int((c + 3 * fs - 0.5).rounded(.down)))
            var t: [(Int, Double)] = []
            var sum = 0.0
            if lo <= hi { for j in lo...hi { let w = lanczos3((Double(j) + 0.5 - c) / fs); t.append((j, w)); sum += w } }
            return t.map { ($0.0, $0.1 / sum) }
        }
    }

    /// RGBA doubles (0…255, straight alpha) of `image` resampled from `rect` to `out`.
    static func resample(_ image: Image, rect: Rect, out: Size) -> [Double] {
        let rgba = image.converted(to: .rgba)
        let w = rgba.width, h = rgba.height
        var src = [Double](repeating: 0, count: w * h * 4)
        for i in 0..<(w * h) {
            let a = Double(rgba.pixels[i * 4 + 3]) / 255
            for k in 0..<3 { src[i * 4 + k] = Double(rgba.pixels[i * 4 + k]) * a }
            src[i * 4 + 3] = Double(rgba.pixels[i * 4 + 3])
        }
        let tx = taps(count: w, origin: rect.x, length: rect.width, out: out.width)
        let ty = taps(count: h, origin: rect.y, length: rect.height, out: out.height)
        let y0 = ty.first!.first!.0, y1 = ty.last!.last!.0
        var mid = [Double](repeating: 0, count: (y1 - y0 + 1) * out.width * 4)
        for y in y0...y1 {
            for ox in 0..<out.width {
                var acc = (0.0, 0.0, 0.0, 0.0)
                for (j, wt) in tx[ox] {
                    let s = (y * w + j) * 4
                    acc.0 += wt * src[s]; acc.1 += wt * src[s + 1]; acc.2 += wt * src[s + 2]; acc.3 += wt * src[s + 3]
                }
                let d = ((y - y0) * out.width + ox) * 4
                mid[d] = acc.0; mid[d + 1] = acc.1; mid[d + 2] = acc.2; mid[d + 3] = acc.3
            }
        }
        var result = [Double](repeating: 0, count: out.width * out.height * 4)
        for oy in 0..<out.height {
            for ox in 0..<out.width {
                var acc = (0.0, 0.0, 0.0, 0.0)
                for (j, wt) in ty[oy] {
                    let s = ((j - y0) * out.width + ox) * 4
                    acc.0 += wt * mid[s]; acc.1 += wt * mid[s + 1]; acc.2 += wt * mid[s + 2]; acc.3 += wt * mid[s + 3]
                }
                let a = min(max(acc.3, 0), 255)
                let d = (oy * out.width + ox) * 4
                let f = a > 0 ? 255 / a : 0
                result[d] = min(max(acc.0 * f, 0), 255); result[d + 1] = min(max(acc.1 * f, 0), 255)
                result[d + 2] = min(max(acc.2 * f, 0), 255); result[d + 3] = a
            }
        }
        return result
    }

    /// The reference output of a cover or contain job (pad transparent), as RGBA doubles.
    static func output(of bytes: [UInt8], canvas: Size, fit: FitMode) throws -> [Double] {
        let decoded = try ImageDecoder.decode(bytes)
        let upright = decoded.image.oriented(decoded.info.orientation)
        let g = FitGeometry(source: upright.size, canvas: canvas, fit: fit)
        let content = resample(upright, rect: g.sourceRect, out: g.contentSize)
        if g.contentSize == canvas { return content }
        var full = [Double](repeating: 0, count: canvas.width * canvas.height * 4)
        for y in 0..<g.contentSize.height {
            for x in 0..<g.contentSize.width {
                let s = (y * g.contentSize.width + x) * 4, d = ((y + g.contentOrigin.y) * canvas.width + x + g.contentOrigin.x) * 4
                for k in 0..<4 { full[d + k] = content[s + k] }
            }
        }
        return full
    }

    /// Luma plane (BT.601) of RGBA doubles composited over mid-gray, so both colour and alpha count.
    static func luma(_ rgba: [Double]) -> [Double] {
        (0..<(rgba.count / 4)).map { i in
            let a = rgba[i * 4 + 3] / 255
            let c = (0..<3).map { rgba[i * 4 + $0] * a + 128 * (1 - a) }
            return 0.299 * c[0] + 0.587 * c[1] + 0.114 * c[2]
        }
    }

    /// RGBA doubles of an encoded output.
    static func pixels(of bytes: [UInt8]) throws -> (Size, [Double]) {
        let image = try ImageDecoder.decode(bytes).image.converted(to: .rgba)
        return (image.size, image.pixels.map(Double.init))
    }

    /// Mean SSIM (Wang et al. 2004: 11×11 Gaussian window, σ = 1.5, K1 = 0.01, K2 = 0.03, L = 255) of two planes.
    static func ssim(_ x: [Double], _ y: [Double], width: Int, height: Int) -> Double {
        let g: [Double] = { let k = (-5...5).map { exp(-Double($0 * $0) / (2 * 1.5 * 1.5)) }; let s = k.reduce(0, +); return k.map { $0 / s } }()
        func blur(_ p: [Double]) -> [Double] {
            var tmp = [Double](repeating: 0, count: p.count), out = tmp
            for yy in 0..<height { for xx in 5..<(width - 5) {
                var a = 0.0
                for k in 0..<11 { a += g[k] * p[yy * width + xx + k - 5] }
                tmp[yy * width + xx] = a
            } }
            for yy in 5..<(height - 5) { for xx in 5..<(width - 5) {
                var a = 0.0
                for k in 0..<11 { a += g[k] * tmp[(yy + k - 5) * width + xx] }
                out[yy * width + xx] = a
            } }
            return out
        }
        let mx = blur(x), my = blur(y)
        let xx = blur(zip(x, x).map(*)), yy = blur(zip(y, y).map(*)), xy = blur(zip(x, y).map(*))
        let c1 = pow(0.01 * 255, 2), c2 = pow(0.03 * 255, 2)
        var sum = 0.0, n = 0
        for yv in 5..<(height - 5) { for xv in 5..<(width - 5) {
            let i = yv * width + xv
            let vx = xx[i] - mx[i] * mx[i], vy = yy[i] - my[i] * my[i], cxy = xy[i] - mx[i] * my[i]
            sum += ((2 * mx[i] * my[i] + c1) * (2 * cxy + c2)) / ((mx[i] * mx[i] + my[i] * my[i] + c1) * (vx + vy + c2))
            n += 1
        } }
        return sum / Double(n)
    }
}
