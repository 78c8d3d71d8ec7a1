import ImageCore

extension Mask {
    /// LabelMe JSON (`shapes[{label, points, shape_type, group_id}]`, `imageWidth`, `imageHeight`):
    /// `polygon` (the default when `shape_type` is missing), `rectangle` (two opposite corners), `circle`
    /// (centre and a point on the circle). Point, line, linestrip and mask shapes enclose no drawable area
    /// here and are skipped with a warning.
    enum LabelMeImporter {
        static func load(_ json: JSONValue, options: Importer.Options) throws(ImportError) -> ImportResult {
            var warnings: [Warning] = []
            let declared = Importer.declaredSize(try json["imageWidth"]?.number(), try json["imageHeight"]?.number())
            var shapes: [Shape] = []
            for (i, item) in try json.require("shapes").items().enumerated() {
                let type = try item["shape_type"]?.string() ?? "polygon"
                let name = try item["label"]?.string() ?? "shape"
                let label = "\(name) (shape \(i + 1))"
                switch type {
                case "polygon":
                    shapes.append(Shape(.polygon(Polygon(exterior: try item.require("points").points())), frame: options.frame, label: label))
                case "rectangle":
                    let pts = try item.require("points").points()
                    if pts.count == 2 {
                        let x0 = min(pts[0].x, pts[1].x), y0 = min(pts[0].y, pts[1].y)
                        shapes.append(Shape(.rect(Rect(x: x0, y: y0, width: max(pts[0].x, pts[1].x) - x0,
                                                       height: max(pts[0].y, pts[1].y) - y0)), frame: options.frame, label: label))
                    } else {
                        shapes.append(Shape(.polygon(Polygon(exterior: pts)), frame: options.frame, label: label))
                    }
                case "circle":
                    let pts = try item.require("points").points()
                    guard pts.count == 2 else { throw item.fail("a circle needs 2 points (centre, point on the circle)") }
                    let r = ((pts[1].x - pts[0].x) * (pts[1].x - pts[0].x) + (pts[1].y - pts[0].y) * (pts[1].y - pts[0].y)).squareRoot()
                    shapes.append(Shape(.ellipse(center: pts[0], radiusX: r, radiusY: r), frame: options.frame, label: label))
                default:
                    warnings.append(.init(code: "import", message: "\(label): shape_type \"\(type)\" encloses no area and was skipped"))
                }
            }
            guard !shapes.isEmpty else { throw ImportError(format: .labelme, message: "no polygon, rectangle or circle shapes") }
            return ImportResult(format: .labelme, shapes: shapes, declaredSize: declared, warnings: warnings)
        }
    }
}
