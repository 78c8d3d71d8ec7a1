public import ImageCore

extension Mask {
    /// The result of `Mask.render`: the edit region's coverage, the mask image and what was clamped or odd.
    public struct Rendering: Sendable {
        /// The base's size; the mask has exactly this size.
        public var size: Size
        /// Final coverage of the edit region (1 = edit), after every operation including `invert`.
        public var coverage: Coverage
        /// The mask image in the requested polarity, `size.width × size.height`.
        public var image: Image
        /// The polarity `image` is in.
        public var polarity: Polarity
        /// Clamps, clips and other recoverable oddities, in the order met.
        public var warnings: [Warning]

        public init(size: Size, coverage: Coverage, image: Image, polarity: Polarity, warnings: [Warning]) {
            self.size = size
            self.coverage = coverage
            self.image = image
            self.polarity = polarity
            self.warnings = warnings
        }

        /// Pixels fully edited (8-bit coverage 255), partly edited and kept, for reports.
        public var pixelCounts: (edit: Int, partial: Int, keep: Int) {
            let (any, full) = coverage.counts
            return (full, any - full, coverage.width * coverage.height - any)
        }
    }
}
