import ImageCore

extension Mask {
    /// COCO object annotations (https://cocodataset.org/#format-data): `segmentation` as polygons
    /// (`[[x1, y1, x2, y2, …], …]`, one list per part, `iscrowd` 0) or as RLE (`{"counts": …, "size": [h, w]}`,
    /// `iscrowd` 1) with counts either a list of run lengths or pycocotools' compressed string. RLE runs
    /// alternate background/foreground starting with background and go down the columns (column-major).
    ///
    /// Accepts a full dataset file (one image chosen with `Importer.Options.image` when there are several),
    /// a bare list of annotations, or one annotation object. An annotation without `segmentation` uses its
    /// `bbox` `[x, y, w, h]` with a warning.
    enum COCOImporter {
        /// (Over 60 lines: one walk over the document's structure, reporting each skipped part where it is met.)
        static func load(_ json: JSONValue, options: Importer.Options) throws(ImportError) -> ImportResult {
            var warnings: [Warning] = []
            var declared: Size? = nil
            var annotations: [JSONValue]
            var categories: [String: String] = [:]
            if json.array != nil {
                annotations = try json.items()
            } else if json["annotations"] == nil, json["segmentation"] != nil {
                annotations = [json]
            } else {
                annotations = try json.require("annotations").items()
                if let cats = json["categories"] {
                    for c in try cats.items() {
                        if let id = c["id"], let name = try c["name"]?.string() { categories[key(id)] = name }
                    }
                }
                if let images = json["images"] {
                    let list = try images.items()
                    let candidates = try list.map { (img: JSONValue) throws(ImportError) -> (id: String, name: String) in
                        (key(try img.require("id")), try img["file_name"]?.string() ?? "")
                    }
                    if let i = try Importer.pick(candidates, options: options, format: .coco) {
                        let id = candidates[i].id
                        declared = Importer.declaredSize(try list[i]["width"]?.number(), try list[i]["height"]?.number())
                        annotations = annotations.filter { a in a["image_id"].map(key) ?? id == id }
                        if annotations.isEmpty {
                            throw ImportError(format: .coco, message: "no annotations for image \(candidates[i].name) (id \(id))")
                        }
                    }
                }
            }
            var shapes: [Shape] = []
            for (n, a) in annotations.enumerated() {
                let id = a["id"].map(key) ?? String(n + 1)
                let category = a["category_id"].flatMap { categories[key($0)] }
                let label = "annotation \(id)" + (category.map { " (\($0))" } ?? "")
                guard let seg = a["segmentation"] else {
                    if let bbox = a["bbox"] {
                        let b = try bbox.items()
                        guard b.count == 4 else { throw bbox.fail("bbox needs [x, y, width, height]") }
                        shapes.append(Shape(.rect(Rect(x: try b[0].number(), y: try b[1].number(),
                                                       width: try b[2].number(), height: try b[3].number())),
                                            frame: options.frame, label: label))
                        warnings.append(.init(code: "import", message: "\(label): no segmentation; its bbox is used"))
                        continue
                    }
                    throw a.fail("the annotation has neither \"segmentation\" nor \"bbox\"")
                }
                if seg.array != nil {
                    var parts: [Polygon] = []
                    for part in try seg.items() {
                        let pts = try part.points()
                        if pts.count >= 3 { parts.append(Polygon(exterior: pts)) } else {
                            warnings.append(.init(code: "import", message: "\(label): a polygon part with \(pts.count) point(s) was skipped"))
                        }
                    }
                    guard !parts.isEmpty else { throw seg.fail("no polygon with at least 3 points") }
                    shapes.append(Shape(parts.count == 1 ? .polygon(parts[0]) : .multiPolygon(parts),
                                        frame: options.frame, label: label))
                } else {
                    let (rings, size) = try rle(seg, options: options)
                    declared = declared ?? size
                    guard !rings.isEmpty else {
                        warnings.append(.init(code: "import", message: "\(label): the RLE mask is empty and was skipped"))
                        continue
                    }
                    shapes.append(Shape(.rings(rings), frame: options.frame, fillRule: .nonzero, label: label))
                }
            }
            guard !shapes.isEmpty else { throw ImportError(format: .coco, message: "no usable annotations") }
            return ImportResult(format: .coco, shapes: shapes, declaredSize: declared, warnings: warnings)
        }

        /// An id as text, whether the file stores it as a number or a string.
        static func key(_ v: JSONValue) -> String {
            if let s = v.raw as? String { return s }
            if let d = try? v.number(), d == d.rounded(), abs(d) < 1e15 { return String(Int(d)) }
            return "\(v.raw)"
        }

        /// The foreground of an RLE object as pixel-run rectangles (rows merged where runs repeat).
        static func rle(_ seg: JSONValue, options: Importer.Options) throws(ImportError) -> ([[Point]], Size) {
            let size = try seg.require("size").items()
            guard size.count == 2 else { throw seg.fail("RLE size must be [height, width]") }
            let hD = try size[0].number(), wD = try size[1].number()
            guard hD >= 1, wD >= 1, hD == hD.rounded(), wD == wD.rounded(), hD * wD <= Double(options.maxRLEPixels) else {
                throw seg.fail("RLE size [\(fmt(hD)), \(fmt(wD))] is not a positive size within \(options.maxRLEPixels) pixels")
            }
            let h = Int(hD), w = Int(wD)
            let countsValue = try seg.require("counts")
            let counts: [Int]
            if let s = countsValue.raw as? String {
                counts = try decodeCompressed(Array(s.utf8), at: countsValue)
            } else {
                counts = try countsValue.items().map { (c: JSONValue) throws(ImportError) -> Int in
                    let v = try c.number()
                    guard v >= 0, v == v.rounded(), v <= Double(h * w) else { throw c.fail("a run length must be a whole number ≥ 0") }
                    return Int(v)
                }
            }
            var bits = [UInt8](repeating: 0, count: h * w)   // row-major
            var pos = 0
            for (i, c) in counts.enumerated() {
                guard c >= 0, c <= h * w - pos else {
                    throw countsValue.fail("the runs cover more than the \(h)×\(w) pixels of the mask")
                }
                if i & 1 == 1 {
                    for k in pos..<(pos + c) { bits[(k % h) * w + k / h] = 1 }   // column-major index k
                }
                pos += c
            }
            return (runRectangles(bits, width: w, height: h), Size(width: w, height: h))
        }

        /// pycocotools' `rleFrString`: 6-bit groups (offset 48), 5 data bits each, the 0x20 bit for "more",
        /// sign-extended, and counts after the second stored as differences from the one two places back.
        static func decodeCompressed(_ s: [UInt8], at v: JSONValue) throws(ImportError) -> [Int] {
            var counts: [Int] = []
            var p = 0
            while p < s.count {
                var x = 0, k = 0, more = true
                while more {
                    guard p < s.count else { throw v.fail("the compressed RLE string ends inside a number") }
                    let c = Int(s[p]) - 48
                    guard c >= 0, c < 64, k < 12 else { throw v.fail("invalid character in the compressed RLE string") }
                    x |= (c & 0x1F) << (5 * k)
                    more = c & 0x20 != 0
                    p += 1; k += 1
                    if !more && c & 0x10 != 0 { x |= -1 << (5 * k) }
                }
                if counts.count > 2 { x += counts[counts.count - 2] }
                guard x >= 0 else { throw v.fail("the compressed RLE string decodes to a negative run") }
                counts.append(x)
            }
            return counts
        }

        /// Rectangles covering the set pixels of a row-major bitmap: horizontal runs, merged downwards
        /// while the same run repeats in the next row.
        static func runRectangles(_ bits: [UInt8], width w: Int, height h: Int) -> [[Point]] {
            var rects: [[Point]] = []
            var open: [(x0: Int, x1: Int, y0: Int)] = []
            func emit(_ r: (x0: Int, x1: Int, y0: Int), _ y1: Int) {
                let x0 = Double(r.x0), x1 = Double(r.x1), y0 = Double(r.y0), yy = Double(y1)
                rects.append([Point(x: x0, y: y0), Point(x: x1, y: y0), Point(x: x1, y: yy), Point(x: x0, y: yy)])
            }
            for y in 0...h {
                var runs: [(Int, Int)] = []
                if y < h {
                    var x = 0
                    let row = y * w
                    while x < w {
                        if bits[row + x] == 0 { x += 1; continue }
                        let s = x
                        while x < w, bits[row + x] != 0 { x += 1 }
                        runs.append((s, x))
                    }
                }
                var next: [(x0: Int, x1: Int, y0: Int)] = []
                var i = 0, j = 0
                while i < open.count || j < runs.count {
                    if j < runs.count, i < open.count, open[i].x0 == runs[j].0, open[i].x1 == runs[j].1 {
                        next.append(open[i]); i += 1; j += 1
                    } else if i < open.count, j >= runs.count || open[i].x0 <= runs[j].0 {
                        emit(open[i], y); i += 1
                    } else {
                        next.append((runs[j].0, runs[j].1, y)); j += 1
                    }
                }
                open = next
            }
            return rects
        }
    }
}
