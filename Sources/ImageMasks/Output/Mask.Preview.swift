public import ImageCore

extension Mask {
    /// A picture for people: the base with the edit region tinted and its boundary outlined.
    public enum Preview {
        /// Preview options.
        public struct Options: Sendable, Hashable {
            /// Tint blended over edited pixels in proportion to their coverage. Default (255, 0, 110).
            public var tint: Color
            /// Tint strength for fully edited pixels, 0–1 (clamped). Default 0.5.
            public var opacity: Double
            /// Colour of the one-pixel outline on the edit region's inside edge (coverage ≥ 0.5 next to
            /// < 0.5). Default (255, 230, 0).
            public var outline: Color

            public init(tint: Color = Color(red: 255, green: 0, blue: 110), opacity: Double = 0.5,
                        outline: Color = Color(red: 255, green: 230, blue: 0)) {
                self.tint = tint
                self.opacity = min(max(opacity, 0), 1)
                self.outline = outline
            }
        }

        /// The base (any layout; alpha flattened onto white) with `coverage` tinted and outlined, as RGB.
        ///
        /// - Throws: `OutputError` when the base and the coverage differ in size.
        public static func image(base: Image, coverage: Coverage, options: Options = .init()) throws(OutputError) -> Image {
            guard base.width == coverage.width, base.height == coverage.height else {
                throw OutputError(message: "the preview base is \(base.size) but the mask is \(coverage.size)")
            }
            let rgb = base.layout == .rgb && base.depth == .eight ? base : base.flattened(onto: .white).converted(to: .rgb)
            let w = coverage.width, h = coverage.height
            let tint = [Double(options.tint.red), Double(options.tint.green), Double(options.tint.blue)]
            let line = [options.outline.red, options.outline.green, options.outline.blue]
            return Image(width: w, height: h, layout: .rgb) { dst in
                rgb.pixels.withUnsafeBufferPointer { src in
                    coverage.values.withUnsafeBufferPointer { c in
                        for y in 0..<h {
                            for x in 0..<w {
                                let i = y * w + x
                                let e = Double(min(max(c[i], 0), 1))
                                let inside = e >= 0.5
                                var edge = false
                                if inside {
                                    edge = x == 0 || y == 0 || x == w - 1 || y == h - 1
                                        || c[i - 1] < 0.5 || c[i + 1] < 0.5 || c[i - w] < 0.5 || c[i + w] < 0.5
                                    // A region touching the image border gets no outline there.
                                    if edge, x == 0 || y == 0 || x == w - 1 || y == h - 1 {
                                        edge = (x > 0 && c[i - 1] < 0.5) || (x < w - 1 && c[i + 1] < 0.5)
                                            || (y > 0 && c[i - w] < 0.5) || (y < h - 1 && c[i + w] < 0.5)
                                    }
                                }
                                for k in 0..<3 {
                                    if edge {
                                        dst[3 * i + k] = line[k]
                                    } else {
                                        let a = e * options.opacity
                                        let v = Double(src[3 * i + k]) * (1 - a) + tint[k] * a
                                        dst[3 * i + k] = UInt8(min(max(v.rounded(), 0), 255))
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}
