// FidelityBench: paste-back speed (issue 19).
//
// 1. Paste-back at the base's size: a 1536x1024 result composited over its 1536x1024 base with a feathered
//    elliptical mask (in-memory decoded images; PasteBack.composite, linear-light blend). Target ≤ 20 ms.
// 2. Full-resolution paste-back: the same edit carried onto a 4000x3000 (12 MP) upright original through the
//    normalize transform (scale 0.384, 4000x3000 → 1536x1152 cropped to 1536x1024). Target ≤ 0.5 s.
// 3. For context: the measure (ΔE00 + shift) of the 1536x1024 result.
// Median of `runs` timed runs after one warm-up. Images are synthetic (smooth gradients and texture).
//
// Run: swift build -c release --product FidelityBench && .build/release/FidelityBench [runs]
import Foundation
import ImageCore
import ImageFidelity

let runs = CommandLine.arguments.count > 1 ? Int(CommandLine.arguments[1]) ?? 15 : 15

func now() -> UInt64 { DispatchTime.now().uptimeNanoseconds }
func median(_ v: [Double]) -> Double { let s = v.sorted(); return s[s.count / 2] }
func timed(_ body: () throws -> Void) rethrows -> Double {
    var times: [Double] = []
    for i in 0...runs {
        let t0 = now()
        try body()
        if i > 0 { times.append(Double(now() - t0) / 1e6) }
    }
    return median(times)
}

/// A textured RGB image: gradients plus a hashed pattern, offset by `seed`.
func texture(_ width: Int, _ height: Int, seed: Int) -> Image {
    Image(width: width, height: height, layout: .rgb) { p in
        var o = 0
        for y in 0..<height {
            for x in 0..<width {
                let h = (x &* 73_856_093) ^ (y &* 19_349_663) ^ seed
                p[o] = UInt8(truncatingIfNeeded: x * 255 / width + (h & 15))
                p[o + 1] = UInt8(truncatingIfNeeded: y * 255 / height + ((h >> 4) & 15))
                p[o + 2] = UInt8(truncatingIfNeeded: (x + y) / 8 + seed)
                o += 3
            }
        }
    }
}

/// An ellipse covering the middle third, feathered over 24 px (weights 0…255).
func ellipse(_ width: Int, _ height: Int) -> EditWeights {
    var values = [UInt8](repeating: 0, count: width * height)
    let cx = Double(width) / 2, cy = Double(height) / 2, rx = Double(width) / 5, ry = Double(height) / 4
    for y in 0..<height {
        for x in 0..<width {
            let d = (((Double(x) + 0.5 - cx) / rx).squared + ((Double(y) + 0.5 - cy) / ry).squared).squareRoot()
            let inside = (1 - d) * min(rx, ry) / 24 + 0.5
            values[y * width + x] = UInt8((min(1, max(0, inside)) * 255).rounded())
        }
    }
    return EditWeights(width: width, height: height, values: values)
}

extension Double { var squared: Double { self * self } }

let base = texture(1536, 1024, seed: 1), result = texture(1536, 1024, seed: 99), weights = ellipse(1536, 1024)
var kept = base
let composite = try timed { kept = try PasteBack.composite(result: result, base: base, weights: weights) }

let original = texture(4000, 3000, seed: 7)
let scale = 1536.0 / 4000
let transform = AffineTransform.scale(scale, scale).then(.translation(0, -(3000 * scale - 1024) / 2))
var full = original
let fullTime = try timed { full = try PasteBack.fullResolution(result: result, original: original, transform: transform, weights: weights) }

var report: FidelityReport?
let measure = try timed { report = try FidelityMeter().measure(result: result, base: base, weights: weights) }

print("FidelityBench (median of \(runs) runs)")
print(String(format: "paste-back 1536x1024:             %8.2f ms  (target ≤ 20 ms)", composite))
print(String(format: "full-resolution 4000x3000 (12 MP): %8.2f ms  (target ≤ 500 ms)", fullTime))
print(String(format: "measure 1536x1024 (ΔE00 + shift):  %8.2f ms", measure))
print("checks: \(kept.size), \(full.size), \(report?.summary ?? "-")")
