import ImageCore

extension Mask {
    /// CVAT for images XML 1.1 (https://docs.cvat.ai/docs/other/xml_format/): `<annotations><version>1.1`
    /// `</version><image id name width height>` holding `<box xtl ytl xbr ybr [rotation]>`,
    /// `<polygon points="x,y;x,y;…">` and `<ellipse cx cy rx ry [rotation]>`. Rotations are degrees
    /// clockwise about the shape's centre. Polylines, points, masks, cuboids, skeletons and video `<track>`s
    /// are skipped with a warning. With several `<image>`s, `Importer.Options.image` picks one.
    enum CVATImporter {
        /// (Over 60 lines: one walk over the document's elements, reporting each skipped part where it is met.)
        static func load(_ bytes: [UInt8], options: Importer.Options) throws(ImportError) -> ImportResult {
            let xml = try XMLElements.parse(bytes, format: .cvat)
            var warnings: [Warning] = []
            guard xml.elements.first?.name == "annotations" else {
                throw ImportError(format: .cvat, message: "the root element is not <annotations>")
            }
            if let v = xml.elements.first(where: { $0.name == "version" && $0.parent == 0 }) {
                if v.text != "1.1" { warnings.append(.init(code: "import", message: "CVAT XML version \(v.text); this reader follows 1.1")) }
            } else {
                warnings.append(.init(code: "import", message: "no <version>; reading as CVAT XML 1.1"))
            }
            if xml.elements.contains(where: { $0.name == "track" }) {
                warnings.append(.init(code: "import", message: "video <track> annotations are not read"))
            }
            let images = xml.elements.enumerated().filter { $0.element.name == "image" && $0.element.parent == 0 }
            guard let chosen = try Importer.pick(images.map { ($0.element.attributes["id"] ?? "", $0.element.attributes["name"] ?? "") },
                                                 options: options, format: .cvat) else {
                throw ImportError(format: .cvat, message: "no <image> element")
            }
            let (imageIndex, image) = images[chosen]
            let declared = Importer.declaredSize(image.attributes["width"].flatMap(Double.init),
                                                 image.attributes["height"].flatMap(Double.init))
            var shapes: [Shape] = []
            for (n, e) in xml.elements.enumerated() where e.parent == imageIndex {
                let a = e.attributes
                let label = "<\(e.name)> \(a["label"].map { "\"\($0)\" " } ?? "")(element \(n + 1))"
                func num(_ key: String, default value: Double? = nil) throws(ImportError) -> Double {
                    guard let text = a[key] else {
                        if let value { return value }
                        throw ImportError(format: .cvat, message: "<\(e.name)> needs \"\(key)\"", details: "element \(n + 1)")
                    }
                    guard let v = Double(text.trimmingCharacters(in: .whitespaces)), v.isFinite else {
                        throw ImportError(format: .cvat, message: "<\(e.name)> \(key)=\"\(text)\" is not a number", details: "element \(n + 1)")
                    }
                    return v
                }
                switch e.name {
                case "box":
                    let x0 = try num("xtl"), y0 = try num("ytl"), x1 = try num("xbr"), y1 = try num("ybr")
                    let rotation = try num("rotation", default: 0)
                    if rotation == 0 {
                        shapes.append(Shape(.rect(Rect(x: x0, y: y0, width: x1 - x0, height: y1 - y0)), frame: options.frame, label: label))
                    } else {
                        let cx = (x0 + x1) / 2, cy = (y0 + y1) / 2
                        let r = rotation * Double.pi / 180, c = cos(r), s = sin(r)
                        let corners = [(x0, y0), (x1, y0), (x1, y1), (x0, y1)].map { (x, y) in
                            Point(x: cx + (x - cx) * c - (y - cy) * s, y: cy + (x - cx) * s + (y - cy) * c)
                        }
                        shapes.append(Shape(.polygon(Polygon(exterior: corners)), frame: options.frame, label: label))
                    }
                case "polygon":
                    var pts: [Point] = []
                    for pair in (a["points"] ?? "").split(separator: ";") {
                        let xy = pair.split(separator: ",").map { Double($0.trimmingCharacters(in: .whitespaces)) }
                        guard xy.count == 2, let x = xy[0], let y = xy[1] else {
                            throw ImportError(format: .cvat, message: "<polygon> points must be \"x,y;x,y;…\"", details: "element \(n + 1): \"\(pair)\"")
                        }
                        pts.append(Point(x: x, y: y))
                    }
                    shapes.append(Shape(.polygon(Polygon(exterior: pts)), frame: options.frame, label: label))
                case "ellipse":
                    shapes.append(Shape(.ellipse(center: Point(x: try num("cx"), y: try num("cy")), radiusX: try num("rx"),
                                                 radiusY: try num("ry"), rotation: try num("rotation", default: 0)),
                                        frame: options.frame, label: label))
                default:
                    warnings.append(.init(code: "import", message: "\(label): <\(e.name)> is not read (box, polygon and ellipse are)"))
                }
            }
            guard !shapes.isEmpty else {
                throw ImportError(format: .cvat, message: "image \(image.attributes["name"] ?? "?") has no box, polygon or ellipse")
            }
            return ImportResult(format: .cvat, shapes: shapes, declaredSize: declared, warnings: warnings)
        }
    }
}

import Foundation
