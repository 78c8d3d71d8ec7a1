extension Resampler {
    /// A named reconstruction filter. Every kernel is symmetric; when downscaling its support is stretched
    /// by the reduction factor so that it also low-pass filters (as in Pillow, stb_image_resize2 and libvips).
    public enum Kernel: String, Sendable, Hashable, Codable, CaseIterable {
        /// The nearest source pixel, no filtering (also when downscaling).
        case nearest
        /// Box filter (radius 0.5): area averaging when downscaling.
        case box
        /// Triangle / bilinear (radius 1).
        case linear
        /// Catmull-Rom cubic, B = 0, C = 0.5 (radius 2); sharp's `cubic`.
        case cubic
        /// Mitchell-Netravali, B = C = 1/3 (radius 2); stb_image_resize2's downsampling default.
        case mitchell
        /// Lanczos windowed sinc with a = 2 (radius 2).
        case lanczos2
        /// Lanczos windowed sinc with a = 3 (radius 3). The default, as in sharp and libvips.
        case lanczos3

        /// Half-width of the kernel in source pixels at scale 1.
        public var radius: Double {
            switch self {
            case .nearest, .box: 0.5
            case .linear: 1
            case .cubic, .mitchell, .lanczos2: 2
            case .lanczos3: 3
            }
        }

        /// The kernel's value at distance `x` (in source pixels at scale 1).
        public func weight(_ x: Double) -> Double {
            let ax = abs(x)
            switch self {
            case .nearest, .box:
                return (x >= -0.5 && x < 0.5) ? 1 : 0
            case .linear:
                return ax < 1 ? 1 - ax : 0
            case .cubic:
                return Self.bicubic(ax, b: 0, c: 0.5)
            case .mitchell:
                return Self.bicubic(ax, b: 1.0 / 3, c: 1.0 / 3)
            case .lanczos2:
                return ax < 2 ? Self.sinc(x) * Self.sinc(x / 2) : 0
            case .lanczos3:
                return ax < 3 ? Self.sinc(x) * Self.sinc(x / 3) : 0
            }
        }

        static func sinc(_ x: Double) -> Double {
            if x == 0 { return 1 }
            let px = Double.pi * x
            return sin(px) / px
        }

        /// Mitchell–Netravali family (B, C) for |x|.
        static func bicubic(_ x: Double, b: Double, c: Double) -> Double {
            if x < 1 {
                return ((12 - 9 * b - 6 * c) * x * x * x + (-18 + 12 * b + 6 * c) * x * x + (6 - 2 * b)) / 6
            } else if x < 2 {
                return ((-b - 6 * c) * x * x * x + (6 * b + 30 * c) * x * x + (-12 * b - 48 * c) * x + (8 * b + 24 * c)) / 6
            }
            return 0
        }
    }
}

#if canImport(Glibc)
import func Glibc.sin
#elseif canImport(Darwin)
import func Darwin.sin
#endif
