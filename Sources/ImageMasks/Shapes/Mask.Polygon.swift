public import ImageCore

extension Mask {
    /// A polygon: one exterior ring and any number of holes. Rings are lists of vertices; the closing edge
    /// (last vertex back to the first) is implied, and a repeated first vertex at the end is dropped.
    ///
    /// Hole rings cut the polygon whatever their direction: the rasterizer orients the exterior and the holes
    /// oppositely before filling.
    public struct Polygon: Sendable, Hashable, Codable {
        /// The outer boundary, at least 3 distinct vertices.
        public var exterior: [Point]
        /// Holes inside the exterior.
        public var holes: [[Point]]

        public init(exterior: [Point], holes: [[Point]] = []) {
            self.exterior = exterior
            self.holes = holes
        }

        /// All rings, exterior first.
        public var rings: [[Point]] { [exterior] + holes }
    }
}
