public import ImageCore

extension Mask {
    /// Per-pixel coverage of the edit region: row-major, `width × height` values in 0…1, where 1 means the
    /// pixel lies wholly inside the region to edit and 0 wholly outside.
    public struct Coverage: Sendable, Hashable {
        /// Width in pixels, ≥ 1.
        public let width: Int
        /// Height in pixels, ≥ 1.
        public let height: Int
        /// Row-major coverage values in 0…1; `count == width * height`.
        public var values: [Float]

        /// Makes a coverage from existing values (clamped to 0…1 by every operation, not here).
        public init(width: Int, height: Int, values: [Float]) {
            precondition(width > 0 && height > 0 && values.count == width * height, "coverage geometry mismatch")
            self.width = width
            self.height = height
            self.values = values
        }

        /// An all-zero coverage.
        public init(width: Int, height: Int) {
            self.init(width: width, height: height, values: [Float](repeating: 0, count: width * height))
        }

        /// The size.
        public var size: Size { Size(width: width, height: height) }

        /// Coverage at pixel (`x`, `y`).
        @inlinable public subscript(x: Int, y: Int) -> Float { values[y * width + x] }

        /// Coverage quantized to 8 bits: `round(255 · c)` (ties to even).
        public var bytes: [UInt8] {
            [UInt8](unsafeUninitializedCapacity: values.count) { out, count in
                values.withUnsafeBufferPointer { src in
                    for i in 0..<src.count { out[i] = Mask.Rasterizer.quantize(src[i]) }
                }
                count = values.count
            }
        }

        /// Number of pixels with any coverage (quantized value > 0) and with full coverage (quantized 255).
        public var counts: (partialOrFull: Int, full: Int) {
            var any = 0, full = 0
            values.withUnsafeBufferPointer { v in
                for x in v {
                    let q = Mask.Rasterizer.quantize(x)
                    any &+= q != 0 ? 1 : 0
                    full &+= q == 255 ? 1 : 0
                }
            }
            return (any, full)
        }

        /// Whether any pixel has coverage that survives 8-bit quantization (stops at the first).
        public var isEmpty: Bool { !values.contains { $0 >= 0.5 / 255 } }

        /// The complement: `1 − c` per pixel.
        public func inverted() -> Coverage {
            Coverage(width: width, height: height, values: values.map { 1 - min(max($0, 0), 1) })
        }

        /// Binary edges: 1 where `c ≥ 0.5`, else 0.
        public func hardened() -> Coverage {
            Coverage(width: width, height: height, values: values.map { $0 >= 0.5 ? 1 : 0 })
        }
    }
}
