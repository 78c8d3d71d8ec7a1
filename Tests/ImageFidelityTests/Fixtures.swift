import Foundation
import ImageCore
import ImageFidelity

/// Small synthetic images and masks for the fidelity tests.
enum Fixtures {
    /// A textured RGB image: gradients, blobs and a hashed grain (so a shift is measurable everywhere).
    static func texture(_ width: Int, _ height: Int, seed: Int) -> Image {
        Image(width: width, height: height, layout: .rgb) { p in
            var o = 0
            for y in 0..<height {
                for x in 0..<width {
                    let h = ((x &* 73_856_093) ^ (y &* 19_349_663) ^ (seed &* 83_492_791)) & 0xFFFF
                    let blob = Int(60 * sin(Double(x) / 7 + Double(seed)) * cos(Double(y) / 5))
                    p[o] = UInt8(clamping: 40 + x * 150 / width + blob + (h & 15))
                    p[o + 1] = UInt8(clamping: 60 + y * 120 / height - blob / 2 + ((h >> 4) & 15))
                    p[o + 2] = UInt8(clamping: 90 + ((x + y + seed) % 64) + ((h >> 8) & 15))
                    o += 3
                }
            }
        }
    }

    /// An elliptical edit region in the middle (radii a quarter of each side) whose weight ramps linearly over
    /// `feather` pixels on each side of the edge (0: hard edge).
    static func disc(_ width: Int, _ height: Int, feather: Double) -> EditWeights {
        var values = [UInt8](repeating: 0, count: width * height)
        let cx = Double(width) / 2, cy = Double(height) / 2, rx = Double(width) / 4, ry = Double(height) / 4
        for y in 0..<height {
            for x in 0..<width {
                let u = (Double(x) + 0.5 - cx) / rx, v = (Double(y) + 0.5 - cy) / ry
                let distance = ((u * u + v * v).squareRoot() - 1) * min(rx, ry)   // ≈ pixels outside the edge
                let a = feather == 0 ? (distance <= 0 ? 1.0 : 0.0) : min(1, max(0, 0.5 - distance / (2 * feather)))
                values[y * width + x] = UInt8((a * 255).rounded())
            }
        }
        return EditWeights(width: width, height: height, values: values)
    }

    /// `image` moved by (dx, dy) pixels, edges repeated.
    static func translated(_ image: Image, dx: Int, dy: Int) -> Image {
        Image(width: image.width, height: image.height, layout: .rgb) { p in
            for y in 0..<image.height {
                for x in 0..<image.width {
                    let sx = min(image.width - 1, max(0, x - dx)), sy = min(image.height - 1, max(0, y - dy))
                    for c in 0..<3 { p[3 * (y * image.width + x) + c] = image.pixels[3 * (sy * image.width + sx) + c] }
                }
            }
        }
    }
}
