import ImageCore

extension Mask {
    /// How shape coordinates are measured. Origin is the top-left corner of the frame, y grows downwards.
    public enum Units: String, Sendable, Hashable, Codable, CaseIterable {
        /// Pixels of the frame (continuous coordinates: pixel (i, j) spans [i, i+1) × [j, j+1)).
        case px
        /// Fractions of the frame's width (x, horizontal radii and widths) and height (y, vertical ones): 0–1.
        case rel
        /// Percent of the frame's width and height: 0–100.
        case pct

        /// Factors that turn a coordinate in these units into pixels of a frame of `size`.
        func scale(for size: Size) -> (x: Double, y: Double) {
            switch self {
            case .px: (1, 1)
            case .rel: (Double(size.width), Double(size.height))
            case .pct: (Double(size.width) / 100, Double(size.height) / 100)
            }
        }
    }
}
