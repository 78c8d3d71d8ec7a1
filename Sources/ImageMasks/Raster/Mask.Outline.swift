public import ImageCore

extension Mask {
    /// Flattened closed rings in the base's pixel coordinates, ready for the rasterizer: what one `Shape`
    /// becomes after units, frame and curve flattening are resolved.
    public struct Outline: Sendable, Hashable {
        /// Closed rings (the closing edge is implied); each needs at least 2 distinct points to matter.
        public var rings: [[Point]]
        /// How the rings' winding numbers decide what is inside. Default `.nonzero`.
        public var fillRule: FillRule
        /// Union with or difference from the outlines before it. Default `.add`.
        public var operation: Operation

        public init(rings: [[Point]], fillRule: FillRule = .nonzero, operation: Operation = .add) {
            self.rings = rings
            self.fillRule = fillRule
            self.operation = operation
        }
    }
}
