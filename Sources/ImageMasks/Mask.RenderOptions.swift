public import ImageCore

extension Mask {
    /// How `Mask.render` turns shapes into a mask. Operations run in this order: rasterize, grow, shrink,
    /// feather, hard, invert, polarity.
    public struct RenderOptions: Sendable, Hashable {
        /// Fill rule for shapes that do not name their own. Default `.nonzero`.
        public var fillRule: FillRule
        /// Grow the edit region outwards by this many pixels (Euclidean). ≥ 0; default 0.
        public var grow: Double
        /// Shrink the edit region inwards by this many pixels (Euclidean), after growing. ≥ 0; default 0.
        public var shrink: Double
        /// Gaussian feather: standard deviation σ in pixels, 0…`maxFeather`; default 0 (none).
        public var feather: Double
        /// Binary edges (coverage ≥ 0.5 becomes 1, else 0), applied after feathering. Default false.
        public var hard: Bool
        /// Swap edit and keep. Default false.
        public var invert: Bool
        /// How the edit region is written into the mask image. Default `.transparent`.
        public var polarity: Polarity
        /// The map from the original photo's upright pixel frame onto the base, for shapes whose frame is
        /// `.original` (normalization supplies it). Default nil.
        public var originalToBase: AffineTransform?
        /// The original photo's upright size, needed for `.rel`/`.pct` shapes in the original frame. Default nil.
        public var originalSize: Size?
        /// Largest distance in base pixels between a flattened ellipse and the true curve. Default 0.0005.
        public var tolerance: Double
        /// Upper bound on vertices after flattening, to refuse absurd input. Default 20,000,000.
        public var maxVertices: Int

        /// The largest feather σ accepted: 1000 px (a wider blur is a uniform gray on any API size).
        public static let maxFeather = 1000.0

        public init(fillRule: FillRule = .nonzero, grow: Double = 0, shrink: Double = 0, feather: Double = 0,
                    hard: Bool = false, invert: Bool = false, polarity: Polarity = .transparent,
                    originalToBase: AffineTransform? = nil, originalSize: Size? = nil,
                    tolerance: Double = Flatten.defaultTolerance, maxVertices: Int = 20_000_000) {
            self.fillRule = fillRule
            self.grow = grow
            self.shrink = shrink
            self.feather = feather
            self.hard = hard
            self.invert = invert
            self.polarity = polarity
            self.originalToBase = originalToBase
            self.originalSize = originalSize
            self.tolerance = tolerance
            self.maxVertices = maxVertices
        }
    }
}
