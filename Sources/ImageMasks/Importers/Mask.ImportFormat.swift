extension Mask {
    /// Annotation file formats `Mask.Importer` reads.
    public enum ImportFormat: String, Sendable, Hashable, Codable, CaseIterable {
        /// ImagePrep's own JSON shape file (`"imageprep": "shapes/1"`; see `Mask.ShapeFile`).
        case imageprep
        /// COCO object detection JSON: polygons and RLE (uncompressed or compressed-string counts).
        case coco
        /// LabelMe JSON: polygon, rectangle and circle shapes.
        case labelme
        /// GeoJSON Polygon / MultiPolygon (Feature, FeatureCollection, GeometryCollection) in pixel coordinates.
        case geojson
        /// SVG path data (a bare `d` string) or an SVG document's `<path>`, `<rect>`, `<circle>`,
        /// `<ellipse>` and `<polygon>` elements.
        case svg
        /// CVAT for images XML 1.1: `<box>`, `<polygon>` and `<ellipse>` of one `<image>`.
        case cvat
    }
}
