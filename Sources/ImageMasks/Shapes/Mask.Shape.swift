import ImageCore

extension Mask {
    /// One shape of a mask: its geometry, whether it adds to or subtracts from the edit region, the units
    /// and frame of its coordinates, and the fill rule for its rings.
    public struct Shape: Sendable, Hashable, Codable {
        /// The outline.
        public var geometry: Geometry
        /// Add (union) or subtract (difference). Default `.add`.
        public var operation: Operation
        /// Units of the coordinates. Default `.px`.
        public var units: Units
        /// The frame the coordinates refer to. Default `.base`.
        public var frame: Frame
        /// The fill rule for this shape's rings; nil uses `RenderOptions.fillRule`. Default nil.
        public var fillRule: FillRule?
        /// Where the shape came from, for messages ("--rect 1", "coco.json annotation 7"). Default nil.
        public var label: String?

        public init(_ geometry: Geometry, operation: Operation = .add, units: Units = .px, frame: Frame = .base,
                    fillRule: FillRule? = nil, label: String? = nil) {
            self.geometry = geometry
            self.operation = operation
            self.units = units
            self.frame = frame
            self.fillRule = fillRule
            self.label = label
        }
    }
}
