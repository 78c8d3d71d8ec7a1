import ImageCore

extension Mask {
    /// SVG input: bare path data (`M 10 10 L …`), or an SVG document whose `<path d>`, `<rect>`, `<circle>`,
    /// `<ellipse>`, `<polygon>` and `<polyline>` elements become shapes (in document order), each with its
    /// `fill-rule` attribute or style. Coordinates are user units read as pixels; a `viewBox` origin is
    /// subtracted. `transform` attributes are refused with an error rather than ignored (flatten transforms
    /// in the editor first). `<rect>` corner radii are ignored with a warning.
    enum SVGImporter {
        /// (Over 60 lines: one walk over the document's elements, reporting each skipped part where it is met.)
        static func load(_ bytes: [UInt8], options: Importer.Options) throws(ImportError) -> ImportResult {
            let trimmed = bytes.drop { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D || $0 == 0xEF || $0 == 0xBB || $0 == 0xBF }
            if trimmed.first != UInt8(ascii: "<") {
                let rings = try SVGPath.rings(String(decoding: bytes, as: UTF8.self), tolerance: options.tolerance,
                                              maxVertices: options.maxVertices)
                guard !rings.isEmpty else { throw ImportError(format: .svg, message: "the path data has no subpath with 2 or more points") }
                return ImportResult(format: .svg, shapes: [Shape(.rings(rings), frame: options.frame, label: "path")])
            }
            let xml = try XMLElements.parse(bytes, format: .svg)
            var warnings: [Warning] = []
            var shapes: [Shape] = []
            var vertexBudget = options.maxVertices
            var declared: Size? = nil
            var origin = Point(x: 0, y: 0)
            for (index, e) in xml.elements.enumerated() {
                let a = e.attributes
                func num(_ key: String, default value: Double? = nil) throws(ImportError) -> Double {
                    guard let text = a[key] else {
                        if let value { return value }
                        throw ImportError(format: .svg, message: "<\(e.name)> needs \"\(key)\"", details: "element \(index + 1)")
                    }
                    guard let v = length(text) else {
                        throw ImportError(format: .svg, message: "<\(e.name)> \(key)=\"\(text)\" is not a number in user units", details: "element \(index + 1)")
                    }
                    return v
                }
                if e.name == "svg", e.parent == -1 {
                    if let vb = a["viewBox"] {
                        let parts = vb.split(whereSeparator: { $0 == " " || $0 == "," }).compactMap { Double($0) }
                        if parts.count == 4, parts[2] >= 1, parts[3] >= 1, parts.allSatisfy(\.isFinite) {
                            origin = Point(x: parts[0], y: parts[1])
                            declared = Importer.declaredSize(parts[2], parts[3])
                            if let w = a["width"].flatMap(length), let h = a["height"].flatMap(length),
                               abs(w - parts[2]) > 0.5 || abs(h - parts[3]) > 0.5 {
                                warnings.append(.init(code: "import", message: "the SVG's viewBox (\(vb)) differs from its width/height; coordinates are read in viewBox units"))
                            }
                        }
                    } else {
                        declared = Importer.declaredSize(a["width"].flatMap(length), a["height"].flatMap(length))
                    }
                }
                if a["transform"] != nil, e.name != "svg" {
                    throw ImportError(format: .svg, message: "<\(e.name)> has a transform attribute, which is not supported",
                                      details: "element \(index + 1); apply the transform to the coordinates first")
                }
                guard !e.ancestors.contains("defs"), !e.ancestors.contains("clipPath"), !e.ancestors.contains("mask") else { continue }
                let geometry: Geometry
                switch e.name {
                case "path":
                    guard let d = a["d"] else { continue }
                    let rings: [[Point]]
                    do { rings = try SVGPath.rings(d, tolerance: options.tolerance, maxVertices: vertexBudget) } catch {
                        throw ImportError(format: .svg, message: error.message, details: "element \(index + 1) <path>: \(error.details ?? "")")
                    }
                    if rings.isEmpty { continue }
                    vertexBudget -= rings.reduce(0) { $0 + $1.count }
                    geometry = .rings(rings)
                case "rect":
                    if a["rx"] != nil || a["ry"] != nil {
                        warnings.append(.init(code: "import", message: "<rect> element \(index + 1): rounded corners are ignored"))
                    }
                    geometry = .rect(Rect(x: try num("x", default: 0), y: try num("y", default: 0),
                                          width: try num("width"), height: try num("height")))
                case "circle":
                    let r = try num("r")
                    geometry = .ellipse(center: Point(x: try num("cx", default: 0), y: try num("cy", default: 0)), radiusX: r, radiusY: r)
                case "ellipse":
                    geometry = .ellipse(center: Point(x: try num("cx", default: 0), y: try num("cy", default: 0)),
                                        radiusX: try num("rx"), radiusY: try num("ry"))
                case "polygon", "polyline":
                    let values = (a["points"] ?? "").split(whereSeparator: { " ,\n\t\r".contains($0) }).map { Double($0) }
                    guard values.allSatisfy({ $0 != nil }), values.count % 2 == 0 else {
                        throw ImportError(format: .svg, message: "<\(e.name)> points are not pairs of numbers", details: "element \(index + 1)")
                    }
                    let v = values.map { $0! }
                    geometry = .rings([stride(from: 0, to: v.count, by: 2).map { Point(x: v[$0], y: v[$0 + 1]) }])
                default:
                    continue
                }
                shapes.append(Shape(translate(geometry, by: origin), frame: options.frame, fillRule: fillRule(a),
                                    label: "<\(e.name)> \(a["id"].map { "#\($0)" } ?? "element \(index + 1)")"))
            }
            guard !shapes.isEmpty else { throw ImportError(format: .svg, message: "the SVG has no path, rect, circle, ellipse or polygon") }
            return ImportResult(format: .svg, shapes: shapes, declaredSize: declared, warnings: warnings)
        }

        /// A number with an optional `px` unit.
        static func length(_ text: String) -> Double? {
            var t = text.trimmingCharacters(in: .whitespaces)
            if t.hasSuffix("px") { t.removeLast(2) }
            guard let v = Double(t), v.isFinite else { return nil }
            return v
        }

        static func fillRule(_ a: [String: String]) -> FillRule? {
            if let r = a["fill-rule"] { return FillRule(rawValue: r.trimmingCharacters(in: .whitespaces)) }
            if let style = a["style"] {
                for decl in style.split(separator: ";") {
                    let kv = decl.split(separator: ":", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
                    if kv.count == 2, kv[0] == "fill-rule" { return FillRule(rawValue: kv[1]) }
                }
            }
            return nil
        }

        static func translate(_ g: Geometry, by o: Point) -> Geometry {
            guard o.x != 0 || o.y != 0 else { return g }
            func t(_ p: Point) -> Point { Point(x: p.x - o.x, y: p.y - o.y) }
            switch g {
            case .rect(let r): return .rect(Rect(x: r.x - o.x, y: r.y - o.y, width: r.width, height: r.height))
            case .ellipse(let c, let rx, let ry, let rot): return .ellipse(center: t(c), radiusX: rx, radiusY: ry, rotation: rot)
            case .polygon(let p): return .polygon(Polygon(exterior: p.exterior.map(t), holes: p.holes.map { $0.map(t) }))
            case .multiPolygon(let ps): return .multiPolygon(ps.map { Polygon(exterior: $0.exterior.map(t), holes: $0.holes.map { $0.map(t) }) })
            case .rings(let rs): return .rings(rs.map { $0.map(t) })
            }
        }
    }
}

import Foundation
