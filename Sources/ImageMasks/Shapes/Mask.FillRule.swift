extension Mask {
    /// Which points a shape's rings enclose, given the winding number `w` of a point (the signed count of
    /// times the rings go around it).
    public enum FillRule: String, Sendable, Hashable, Codable, CaseIterable {
        /// Inside where `w != 0` (SVG's default). Overlapping parts of a ring stay filled.
        case nonzero
        /// Inside where `w` is odd. Overlapping parts alternate between filled and empty.
        case evenodd

        /// Whether winding number `w` is inside.
        @inlinable func contains(_ w: Int) -> Bool {
            switch self {
            case .nonzero: w != 0
            case .evenodd: w & 1 != 0
            }
        }

        /// Coverage from a pixel's mean winding number `m`, exact when the windings present in the pixel are
        /// two consecutive integers (the rasterizer sends every other pixel through the exact path).
        @inlinable func fold(_ m: Float) -> Float {
            let a = abs(m)
            switch self {
            case .nonzero:
                return min(a, 1)
            case .evenodd:
                let t = a - 2 * (a * 0.5).rounded(.down)
                return t > 1 ? 2 - t : t
            }
        }
    }
}
