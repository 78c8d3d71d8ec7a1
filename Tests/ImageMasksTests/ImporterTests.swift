import Foundation
import ImageCore
import Testing
@testable import ImageMasks

@Suite struct ImporterTests {
    static func fixture(_ name: String) throws -> [UInt8] {
        let url = try #require(Bundle.module.url(forResource: "Fixtures/\(name)", withExtension: nil))
        return [UInt8](try Data(contentsOf: url))
    }

    static func load(_ name: String, _ options: Mask.Importer.Options = .init()) throws -> Mask.ImportResult {
        try Mask.Importer.load(fixture(name), name: name, options: options)
    }

    @Test(arguments: [("imageprep.json", Mask.ImportFormat.imageprep), ("coco.json", .coco), ("labelme.json", .labelme),
                      ("shapes.geojson", .geojson), ("drawing.svg", .svg), ("path.txt", .svg), ("cvat.xml", .cvat)])
    func formatsAreDetectedFromContent(name: String, format: Mask.ImportFormat) throws {
        #expect(Mask.Importer.detect(try Self.fixture(name)) == format)
    }

    @Test func ownShapeFile() throws {
        let r = try Self.load("imageprep.json")
        #expect(r.shapes.count == 6)
        #expect(r.shapes[0].geometry == .rect(Rect(x: 4, y: 4, width: 20, height: 10)) && r.shapes[0].label == "sky")
        #expect(r.shapes[1].geometry == .ellipse(center: Point(x: 40, y: 30), radiusX: 6, radiusY: 4, rotation: 30))
        #expect(r.shapes[5].operation == .subtract && r.shapes[5].units == .rel)
        let m = try Mask.render(shapes: r.shapes, size: Size(width: 64, height: 48), options: .init(polarity: .white)).coverage
        #expect(m[10, 10] == 1 && m[3, 3] == 0)
        #expect(m[7, 5] == 0)                                // subtracted: rel 0.1…0.15 of 64×48 = x 6.4…9.6, y 4.8…7.2
        #expect(m[35, 5] == 1 && m[44, 11] == 0)             // polygon with its hole
        #expect(m[40, 30] == 1 && m[7, 31] == 1 && m[14, 31] == 1 && m[3, 34] == 0)
        #expect(m[25, 43] == 1 && m[25, 47] == 0)            // path "M 20 40 h 10 v 6 h -10 z"
    }

    @Test func cocoPolygonsAndBothRLEForms() throws {
        #expect(throws: Mask.ImportError.self) { try Self.load("coco.json") }   // two images: must choose
        let r = try Self.load("coco.json", .init(image: "street.jpg"))
        #expect(r.shapes.count == 3 && r.declaredSize == Size(width: 40, height: 30))
        #expect(r.shapes[0].label == "annotation 10 (car)")
        guard case .multiPolygon(let parts) = r.shapes[0].geometry else { Issue.record("expected a multipolygon"); return }
        #expect(parts.count == 2 && parts[1].exterior == [Point(x: 30, y: 2), Point(x: 38, y: 2), Point(x: 34, y: 8)])
        let size = Size(width: 40, height: 30)
        let listRLE = try Mask.render(shapes: [r.shapes[1]], size: size).coverage
        let stringRLE = try Mask.render(shapes: [r.shapes[2]], size: size).coverage
        #expect(listRLE == stringRLE)
        for y in 0..<30 {
            for x in 0..<40 {
                let expected: Float = (5..<15).contains(x) && (3..<12).contains(y) || x == 20 ? 1 : 0
                #expect(listRLE[x, y] == expected, "pixel \(x),\(y)")
            }
        }
        let byID = try Self.load("coco.json", .init(image: "2"))
        #expect(byID.shapes.count == 1 && byID.declaredSize == Size(width: 64, height: 48))
    }

    @Test func compressedRLEDecoderMatchesPycocotools() throws {
        // Counts [153, 9, 21, 9, …] encoded by pycocotools' rleToString (see Fixtures/make_coco_rle.py).
        let v = Mask.JSONValue("", format: .coco)
        let counts = try Mask.COCOImporter.decodeCompressed(Array("i49e000000000000000000c4e0b<".utf8), at: v)
        #expect(counts == [153] + Array(repeating: [9, 21], count: 9).flatMap { $0 } + [9, 168, 30, 570])
    }

    @Test func labelMe() throws {
        let r = try Self.load("labelme.json")
        #expect(r.declaredSize == Size(width: 64, height: 48))
        #expect(r.shapes.map(\.geometry.kind) == ["polygon", "rect", "ellipse"])
        #expect(r.shapes[1].geometry == .rect(Rect(x: 40, y: 20, width: 10, height: 20)))
        #expect(r.shapes[2].geometry == .ellipse(center: Point(x: 20, y: 40), radiusX: 5, radiusY: 5))
        #expect(r.warnings.map(\.code) == ["import"])          // the line was skipped
        let m = try Mask.render(shapes: r.shapes, size: Size(width: 64, height: 48)).coverage
        #expect(m[15, 15] == 1 && m[45, 30] == 1 && m[20, 40] == 1 && m[35, 35] == 0)
    }

    @Test func geoJSON() throws {
        let r = try Self.load("shapes.geojson")
        #expect(r.shapes.count == 3 && r.shapes[2].operation == .subtract)
        #expect(r.shapes[0].label == "field" && r.shapes[1].label == "ponds")
        #expect(r.warnings.count == 1)                          // the Point
        let m = try Mask.render(shapes: r.shapes, size: Size(width: 64, height: 48)).coverage
        #expect(m[30, 24] == 1 && m[18, 15] == 0)               // the hole (given clockwise like the exterior)
        #expect(m[5, 5] == 0 && m[9, 9] == 1)                   // the subtracted corner
        #expect(m[45, 8] == 1 && m[45, 25] == 1 && m[45, 15] == 0)
    }

    @Test func svgDocument() throws {
        let r = try Self.load("drawing.svg")
        #expect(r.declaredSize == Size(width: 64, height: 48))
        #expect(r.shapes.count == 6)                             // the clipPath's rect is not a shape
        #expect(r.shapes[1].fillRule == .evenodd && r.shapes[2].fillRule == .nonzero && r.shapes[0].fillRule == nil)
        #expect(r.warnings.map(\.code) == ["import"])            // rounded rect corners
        let m = try Mask.render(shapes: r.shapes, size: Size(width: 64, height: 48)).coverage
        #expect(m[42, 6] == 1 && m[50, 14] == 0)                 // even-odd donut
        #expect(m[36, 40] == 1 && m[36, 35] == 1 && m[36, 46] == 0)  // two arcs: a circle of radius 6 around (36, 40)
        #expect(m[8, 38] == 1)
        #expect(m[55, 35] == 1)
        #expect(m[24, 31] > 0.9999)
        #expect(m[16, 12] == 1)
        // The arc pair is a full circle of radius 6 around (36, 40): compare its area with π·36.
        let circle = try Mask.render(shapes: [r.shapes[2]], size: Size(width: 64, height: 48)).coverage
        #expect(abs(Double(circle.values.reduce(0, +)) - Double.pi * 36) < 0.05)
    }

    @Test func svgPathData() throws {
        let r = try Self.load("path.txt", .init())
        let m = try Mask.render(shapes: r.shapes, size: Size(width: 24, height: 20)).coverage
        #expect(m[5, 5] == 1 && m[10, 10] == 1)                  // nonzero: same-direction inner ring stays filled
        let eo = try Mask.render(shapes: r.shapes, size: Size(width: 24, height: 20), options: .init(fillRule: .evenodd)).coverage
        #expect(eo[5, 5] == 1 && eo[10, 10] == 0)
    }

    @Test func svgPathCommands() throws {
        // Relative and absolute forms give the same rings; curves stay within 0.1 px (here 0.0005).
        let abs = try Mask.SVGPath.rings("M10 10 L20 10 L20 20 H10 V10 Z")
        let rel = try Mask.SVGPath.rings("m10,10 l10,0 0,10 h-10 v-10 z")
        #expect(abs == rel && abs[0].count == 5)
        let quarter = try Mask.SVGPath.rings("M 0 0 A 100 100 0 0 1 100 100 L 0 100 Z", tolerance: 0.1)
        for p in quarter[0].dropLast(1) where p.y < 100 {
            #expect(Swift.abs(hypot(p.x - 0, p.y - 100) - 100) < 0.1 + 1e-9)   // centre (0, 100)
        }
        let compact = try Mask.SVGPath.rings("M1.5.5l-1-1e1z")
        #expect(compact == [[Point(x: 1.5, y: 0.5), Point(x: 0.5, y: -9.5)]])
        let cubic = try Mask.SVGPath.rings("M0 0C0 10 10 10 10 0", tolerance: 0.01)
        for p in cubic[0] {
            // The cubic's y(x) never exceeds its maximum 7.5 at x = 5.
            #expect(p.y <= 7.5 + 1e-9)
        }
        #expect(throws: Mask.ImportError.self) { try Mask.SVGPath.rings("L 1 2") }
        #expect(throws: Mask.ImportError.self) { try Mask.SVGPath.rings("M 1 2 A 1 1 0 2 0 3 3") }
        #expect(throws: Mask.ImportError.self) { try Mask.SVGPath.rings("M 1 2 X 3") }
    }

    @Test func cvat() throws {
        #expect(throws: Mask.ImportError.self) { try Self.load("cvat.xml") }   // two images
        let r = try Self.load("cvat.xml", .init(image: "street_000.png"))
        #expect(r.declaredSize == Size(width: 64, height: 48))
        #expect(r.shapes.map(\.geometry.kind) == ["rect", "polygon", "polygon"])
        #expect(r.shapes[0].geometry == .rect(Rect(x: 4, y: 6, width: 20, height: 12)))
        #expect(r.warnings.count == 1)                           // the polyline
        let m = try Mask.render(shapes: r.shapes, size: Size(width: 64, height: 48)).coverage
        #expect(m[10, 10] == 1 && m[50, 8] == 1 && m[35, 35] == 1)
        #expect(m[30, 30] == 0)                                  // the rotated box's corner is cut away
        let total = Double(try Mask.render(shapes: [r.shapes[1]], size: Size(width: 64, height: 48)).coverage.values.reduce(0, +))
        #expect(Swift.abs(total - 100) < 0.01)                   // rotation keeps the 10×10 area
    }

    @Test(arguments: ["hostile/garbage.bin", "hostile/deep.json", "hostile/truncated.json", "hostile/laughs.svg",
                      "hostile/bad-rle.json", "hostile/huge-rle.json", "hostile/bad-path.txt", "hostile/bad-cvat.xml"])
    func hostileInputThrowsImportError(name: String) throws {
        let bytes = try Self.fixture(name)
        do {
            let r = try Mask.Importer.load(bytes, name: name)
            Issue.record("expected an error, got \(r.shapes.count) shapes")
        } catch {
            #expect(error.file == name)
            #expect(!error.message.isEmpty)
        }
    }

    @Test func emptyAndOddInputs() {
        for text in ["", "   ", "{}", "[]", "{\"imageprep\": \"shapes/9\", \"shapes\": []}", "{\"imageprep\": \"shapes/1\"}",
                     "{\"imageprep\": \"shapes/1\", \"shapes\": [{\"type\": \"star\"}]}",
                     "{\"imageprep\": \"shapes/1\", \"shapes\": [{\"type\": \"rect\", \"x\": \"1\", \"y\": 0, \"width\": 1, \"height\": 1}]}",
                     "{\"type\": \"Polygon\", \"coordinates\": 5}", "<svg></svg>", "<annotations></annotations>",
                     "{\"shapes\": [{\"shape_type\": \"polygon\", \"points\": [[1]]}], \"imageWidth\": 9}"] {
            #expect(throws: Mask.ImportError.self, "\(text)") { try Mask.Importer.load(Array(text.utf8)) }
        }
    }
}
