import ImageCore

extension Mask {
    /// ImagePrep's own JSON shape file.
    ///
    /// ```json
    /// {
    ///   "imageprep": "shapes/1",          // required marker and schema version
    ///   "units": "px",                    // "px" (default) | "rel" (0–1) | "pct" (0–100)
    ///   "frame": "base",                  // "base" (default) | "original" (the upright original photo)
    ///   "fillRule": "nonzero",            // "nonzero" (default) | "evenodd"
    ///   "shapes": [
    ///     {"type": "rect", "x": 10, "y": 20, "width": 300, "height": 200},
    ///     {"type": "ellipse", "cx": 400, "cy": 300, "rx": 80, "ry": 50, "rotation": 15},
    ///     {"type": "polygon", "points": [[10, 10], [200, 30], [120, 160]],
    ///      "holes": [[[60, 40], [90, 40], [80, 70]]]},
    ///     {"type": "multipolygon", "polygons": [{"points": [[0, 0], [9, 0], [0, 9]]}, {"points": …}]},
    ///     {"type": "path", "d": "M 10 10 C 40 0 60 40 90 10 Z"},
    ///     {"type": "rect", "x": 50, "y": 50, "width": 20, "height": 20, "op": "subtract"}
    ///   ]
    /// }
    /// ```
    ///
    /// Every shape may also carry `"op"` (`"add"` default, `"subtract"`), `"units"`, `"frame"`,
    /// `"fillRule"` (overriding the file's) and `"label"` (a name for messages). Points are `[x, y]` or
    /// `{"x": , "y": }`; a flat `[x1, y1, x2, y2, …]` list is accepted too. `rotation` is in degrees,
    /// clockwise on screen. Shapes apply in order: add = union, subtract = difference. Unknown keys are
    /// ignored; unknown types, units, frames or fill rules are errors.
    public enum ShapeFile {
        /// The schema version this build writes and reads.
        public static let version = "shapes/1"

        static func load(_ json: JSONValue, options: Importer.Options) throws(ImportError) -> ImportResult {
            let marker = try json.require("imageprep").string()
            guard marker == version else {
                throw json.fail("unsupported ImagePrep shape file version \"\(marker)\" (this build reads \"\(version)\")")
            }
            let units = try enumValue(json["units"], Units.self) ?? .px
            let frame = try enumValue(json["frame"], Frame.self) ?? options.frame
            let fillRule = try enumValue(json["fillRule"], FillRule.self)
            var shapes: [Shape] = []
            var vertexBudget = options.maxVertices
            for (i, item) in try json.require("shapes").items().enumerated() {
                let type = try item.require("type").string()
                let geometry: Geometry
                switch type {
                case "rect", "rectangle":
                    geometry = .rect(Rect(x: try item.require("x").number(), y: try item.require("y").number(),
                                          width: try item.require("width").number(), height: try item.require("height").number()))
                case "ellipse", "circle":
                    let r = try item["r"]?.number()
                    guard let rx = try item["rx"]?.number() ?? r, let ry = try item["ry"]?.number() ?? r else {
                        throw item.fail("an ellipse needs \"rx\" and \"ry\" (or \"r\")")
                    }
                    geometry = .ellipse(center: Point(x: try item.require("cx").number(), y: try item.require("cy").number()),
                                        radiusX: rx, radiusY: ry, rotation: try item["rotation"]?.number() ?? 0)
                case "polygon":
                    geometry = .polygon(try polygon(item))
                case "multipolygon":
                    var parts: [Polygon] = []
                    for p in try item.require("polygons").items() { parts.append(try polygon(p)) }
                    geometry = .multiPolygon(parts)
                case "path":
                    let d = try item.require("d").string()
                    do {
                        let rings = try SVGPath.rings(d, tolerance: options.tolerance, maxVertices: vertexBudget)
                        vertexBudget -= rings.reduce(0) { $0 + $1.count }
                        geometry = .rings(rings)
                    } catch {
                        throw ImportError(format: .imageprep, message: error.message, details: "\(item.path).d: \(error.details ?? "")")
                    }
                default:
                    throw item.fail("unknown shape type \"\(type)\" (expected rect, ellipse, polygon, multipolygon or path)")
                }
                shapes.append(Shape(geometry,
                                    operation: try enumValue(item["op"], Operation.self) ?? .add,
                                    units: try enumValue(item["units"], Units.self) ?? units,
                                    frame: try enumValue(item["frame"], Frame.self) ?? frame,
                                    fillRule: try enumValue(item["fillRule"], FillRule.self) ?? fillRule,
                                    label: try item["label"]?.string() ?? "shape \(i + 1) (\(type))"))
            }
            return ImportResult(format: .imageprep, shapes: shapes)
        }

        static func polygon(_ item: JSONValue) throws(ImportError) -> Polygon {
            var holes: [[Point]] = []
            if let h = item["holes"] { for ring in try h.items() { holes.append(try ring.points()) } }
            return Polygon(exterior: try item.require("points").points(), holes: holes)
        }

        static func enumValue<T: RawRepresentable>(_ v: JSONValue?, _ type: T.Type) throws(ImportError) -> T? where T.RawValue == String {
            guard let v else { return nil }
            let s = try v.string()
            guard let value = T(rawValue: s) else { throw v.fail("unknown value \"\(s)\"") }
            return value
        }
    }
}
