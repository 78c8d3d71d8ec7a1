import ImageCore
import SystemIO

extension Mask {
    /// Reads shapes from annotation files, recognising the format from the content (never from the name).
    ///
    /// Supported: ImagePrep's own JSON (`Mask.ShapeFile`), COCO (polygons, RLE with counts as a list or as a
    /// compressed string; RLE is column-major), LabelMe, GeoJSON Polygon/MultiPolygon in pixel coordinates,
    /// SVG path data or SVG documents, and CVAT for images XML 1.1 (box, polygon, ellipse). Coordinates are
    /// pixels with the origin at the top-left corner, y down, except where ImagePrep's own file says
    /// otherwise. Malformed or hostile input throws `ImportError`; nothing here traps.
    public enum Importer {
        /// How to read a file.
        public struct Options: Sendable, Hashable {
            /// The frame the file's coordinates refer to (own files may override it). Default `.base`.
            public var frame: Frame
            /// For files describing several images (COCO, CVAT): the image to take, by file name (or its last
            /// path component) or id. Default nil: the file must describe exactly one image.
            public var image: String?
            /// Largest distance between a flattened SVG curve and the true curve, in file pixels.
            /// Default 0.0005 (the issue asks for ≤ 0.1).
            public var tolerance: Double
            /// Largest file accepted, in bytes. Default 64 MiB.
            public var maxBytes: Int
            /// Largest RLE mask accepted (height × width). Default 100,000,000 pixels.
            public var maxRLEPixels: Int
            /// Most vertices the file's SVG path data may flatten to, over all its paths. Default 4,000,000
            /// (16 bytes each: 64 MB; a 1000 px circle flattens to about 3,000 at the default tolerance).
            public var maxVertices: Int

            public init(frame: Frame = .base, image: String? = nil, tolerance: Double = Flatten.defaultTolerance,
                        maxBytes: Int = 64 << 20, maxRLEPixels: Int = 100_000_000, maxVertices: Int = 4_000_000) {
                self.frame = frame
                self.image = image
                self.tolerance = tolerance
                self.maxBytes = maxBytes
                self.maxRLEPixels = maxRLEPixels
                self.maxVertices = maxVertices
            }
        }

        /// The format of `bytes`, or nil when it is none of the supported ones.
        public static func detect(_ bytes: [UInt8]) -> ImportFormat? {
            var i = 0
            if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { i = 3 }
            while i < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[i]) { i += 1 }
            guard i < bytes.count else { return nil }
            switch bytes[i] {
            case UInt8(ascii: "<"):
                let head = String(decoding: bytes.prefix(65536), as: UTF8.self)
                if head.contains("<annotations") { return .cvat }
                if head.contains("<svg") || head.contains("<path") { return .svg }
                return nil
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                guard let json = try? JSONValue.parse(bytes, format: nil) else { return nil }
                return detectJSON(json)
            case UInt8(ascii: "M"), UInt8(ascii: "m"):
                return .svg
            default:
                return nil
            }
        }

        static func detectJSON(_ json: JSONValue) -> ImportFormat? {
            if let o = json.object {
                if o["imageprep"] != nil { return .imageprep }
                if o["annotations"] != nil || (o["images"] != nil && o["categories"] != nil) { return .coco }
                if let shapes = o["shapes"] as? [Any] {
                    if o["imageWidth"] != nil || o["imagePath"] != nil || o["imageHeight"] != nil { return .labelme }
                    if let first = shapes.first as? [String: Any] {
                        if first["shape_type"] != nil { return .labelme }
                        if first["type"] != nil { return .imageprep }
                    }
                }
                if let type = o["type"] as? String,
                   ["FeatureCollection", "Feature", "Polygon", "MultiPolygon", "GeometryCollection"].contains(type) {
                    return .geojson
                }
                if o["segmentation"] != nil { return .coco }
                return nil
            }
            if let a = json.array, let first = a.first as? [String: Any], first["segmentation"] != nil { return .coco }
            return nil
        }

        /// Reads the shapes in `bytes`.
        ///
        /// - Parameters:
        ///   - bytes: the file's content.
        ///   - name: the file name used in errors.
        ///   - options: frame, image choice and limits.
        /// - Throws: `ImportError`.
        public static func load(_ bytes: [UInt8], name: String? = nil, options: Options = .init()) throws(ImportError) -> ImportResult {
            guard bytes.count <= options.maxBytes else {
                throw ImportError(file: name, message: "the file has \(bytes.count) bytes, more than the limit of \(options.maxBytes)")
            }
            guard let format = detect(bytes) else {
                throw ImportError(file: name, message: "not a recognised shape file",
                                  details: "expected ImagePrep JSON, COCO, LabelMe, GeoJSON, SVG or CVAT XML 1.1")
            }
            do {
                switch format {
                case .imageprep: return try ShapeFile.load(JSONValue.parse(bytes, format: format), options: options)
                case .coco: return try COCOImporter.load(JSONValue.parse(bytes, format: format), options: options)
                case .labelme: return try LabelMeImporter.load(JSONValue.parse(bytes, format: format), options: options)
                case .geojson: return try GeoJSONImporter.load(JSONValue.parse(bytes, format: format), options: options)
                case .svg: return try SVGImporter.load(bytes, options: options)
                case .cvat: return try CVATImporter.load(bytes, options: options)
                }
            } catch {
                var e = error
                e.file = e.file ?? name
                e.format = e.format ?? format
                throw e
            }
        }

        /// Reads the shapes in the file at `path` (`-` for standard input); a file over `options.maxBytes` is
        /// refused before it is read.
        ///
        /// - Throws: `ImportError` naming the file (unreadable, too large, or not a mask format).
        public static func load(path: String, options: Options = .init()) throws(ImportError) -> ImportResult {
            let bytes: [UInt8]
            do {
                bytes = try LocalFile.read(path, maxBytes: options.maxBytes)
            } catch let error as any ImagePrepError {
                throw ImportError(file: path, message: "cannot read the file: \(error.message)", details: error.details)
            } catch {
                throw ImportError(file: path, message: "cannot read the file", details: "\(error)")
            }
            return try load(bytes, name: path, options: options)
        }

        /// A declared image size when both sides are numbers in 1…1,000,000 (rounded), else nil.
        static func declaredSize(_ w: Double?, _ h: Double?) -> Size? {
            guard let w, let h, w >= 1, h >= 1, w <= 1_000_000, h <= 1_000_000 else { return nil }
            return Size(width: Int(w.rounded()), height: Int(h.rounded()))
        }

        /// Which of several images (`candidates`: id, name) the options select, or an error listing them.
        static func pick(_ candidates: [(id: String, name: String)], options: Options, format: ImportFormat) throws(ImportError) -> Int? {
            if candidates.isEmpty { return nil }
            if let want = options.image {
                let lastComponent = { (s: String) in s.split(separator: "/").last.map(String.init) ?? s }
                if let i = candidates.firstIndex(where: { $0.name == want || $0.id == want || lastComponent($0.name) == lastComponent(want) }) {
                    return i
                }
                throw ImportError(format: format, message: "no image \"\(want)\" in the file",
                                  details: "images: " + candidates.prefix(20).map { "\($0.name) (id \($0.id))" }.joined(separator: ", "))
            }
            guard candidates.count == 1 else {
                throw ImportError(format: format, message: "the file describes \(candidates.count) images; choose one",
                                  details: "images: " + candidates.prefix(20).map { "\($0.name) (id \($0.id))" }.joined(separator: ", "))
            }
            return 0
        }
    }
}
