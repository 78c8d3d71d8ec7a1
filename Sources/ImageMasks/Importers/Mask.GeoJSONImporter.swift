import ImageCore

extension Mask {
    /// GeoJSON (RFC 7946) Polygon and MultiPolygon geometries — bare, in a Feature, a FeatureCollection or a
    /// GeometryCollection — read as pixel coordinates (x right, y down). The first ring of a polygon is its
    /// exterior, the others holes, whatever their winding (RFC 7946 says parsers should not reject wrong
    /// winding). A feature's `properties.op` may be `"subtract"` (an ImagePrep extension) and
    /// `properties.label` or `properties.name` names it. Other geometry types are skipped with a warning.
    enum GeoJSONImporter {
        static func load(_ json: JSONValue, options: Importer.Options) throws(ImportError) -> ImportResult {
            var shapes: [Shape] = []
            var warnings: [Warning] = []
            try visit(json, properties: nil, shapes: &shapes, warnings: &warnings, options: options)
            guard !shapes.isEmpty else { throw ImportError(format: .geojson, message: "no Polygon or MultiPolygon geometry") }
            return ImportResult(format: .geojson, shapes: shapes, warnings: warnings)
        }

        static func visit(_ v: JSONValue, properties: JSONValue?, shapes: inout [Shape], warnings: inout [Warning],
                          options: Importer.Options, depth: Int = 0) throws(ImportError) {
            guard depth < 32 else { throw v.fail("geometry collections nested too deeply") }
            let type = try v.require("type").string()
            switch type {
            case "FeatureCollection":
                for f in try v.require("features").items() {
                    try visit(f, properties: nil, shapes: &shapes, warnings: &warnings, options: options, depth: depth + 1)
                }
            case "Feature":
                guard let g = v["geometry"] else {
                    warnings.append(.init(code: "import", message: "\(v.path): a feature without geometry was skipped"))
                    return
                }
                try visit(g, properties: v["properties"], shapes: &shapes, warnings: &warnings, options: options, depth: depth + 1)
            case "GeometryCollection":
                for g in try v.require("geometries").items() {
                    try visit(g, properties: properties, shapes: &shapes, warnings: &warnings, options: options, depth: depth + 1)
                }
            case "Polygon", "MultiPolygon":
                let op: Operation = (try properties?["op"]?.string()) == "subtract" ? .subtract : .add
                var label = "\(type) \(shapes.count + 1)"
                if let l = properties?["label"] ?? properties?["name"] { label = try l.string() }
                let coords = try v.require("coordinates")
                let geometry: Geometry
                if type == "Polygon" {
                    geometry = .polygon(try polygon(coords))
                } else {
                    var parts: [Polygon] = []
                    for p in try coords.items() { parts.append(try polygon(p)) }
                    geometry = .multiPolygon(parts)
                }
                shapes.append(Shape(geometry, operation: op, frame: options.frame, label: label))
            default:
                warnings.append(.init(code: "import", message: "\(v.path): a \(type) encloses no area and was skipped"))
            }
        }

        static func polygon(_ coords: JSONValue) throws(ImportError) -> Polygon {
            let rings = try coords.items()
            guard let first = rings.first else { throw coords.fail("a polygon needs at least one ring") }
            var holes: [[Point]] = []
            for r in rings.dropFirst() { holes.append(try r.points()) }
            return Polygon(exterior: try first.points(), holes: holes)
        }
    }
}
