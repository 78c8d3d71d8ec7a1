public import ImageCore

extension Mask {
    /// The outline of one shape, in the units and frame of its `Shape`.
    public enum Geometry: Sendable, Hashable, Codable {
        /// An axis-aligned rectangle: top-left corner, width and height (both > 0).
        case rect(Rect)
        /// An ellipse with centre, radii (> 0) and a rotation in degrees, clockwise on screen (y down).
        case ellipse(center: Point, radiusX: Double, radiusY: Double, rotation: Double)
        /// A polygon, possibly with holes.
        case polygon(Polygon)
        /// Several polygons forming one shape (GeoJSON MultiPolygon, a COCO object in several parts).
        case multiPolygon([Polygon])
        /// Closed rings filled with the shape's fill rule exactly as given (SVG path data, COCO RLE runs):
        /// ring directions matter under `nonzero`.
        case rings([[Point]])

        /// An ellipse with no rotation.
        public static func ellipse(center: Point, radiusX: Double, radiusY: Double) -> Geometry {
            .ellipse(center: center, radiusX: radiusX, radiusY: radiusY, rotation: 0)
        }

        /// A short name for messages: "rect", "ellipse", "polygon", "multipolygon" or "path".
        public var kind: String {
            switch self {
            case .rect: "rect"
            case .ellipse: "ellipse"
            case .polygon: "polygon"
            case .multiPolygon: "multipolygon"
            case .rings: "path"
            }
        }
    }
}
