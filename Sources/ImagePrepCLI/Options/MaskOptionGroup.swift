import ArgumentParser
import Foundation
import ImageCodecs
import ImageCore
import ImageMasks

/// The shapes and mask operations shared by `mask`, `prepare` and `edit`.
struct MaskOptionGroup: ParsableArguments {
    @Option(help: ArgumentHelp("A rectangle x,y,width,height (repeatable).", valueName: "x,y,w,h"))
    var rect: [String] = []

    @Option(help: ArgumentHelp("An ellipse cx,cy,rx,ry[,rotation°] (repeatable).", valueName: "cx,cy,rx,ry"))
    var ellipse: [String] = []

    @Option(help: ArgumentHelp("A polygon \"x,y x,y x,y …\" (at least 3 points; repeatable).", valueName: "points"))
    var polygon: [String] = []

    @Option(help: ArgumentHelp("A shape or annotation file: ImagePrep JSON, COCO, LabelMe, GeoJSON, SVG or CVAT XML (repeatable).", valueName: "file"))
    var shapes: [String] = []

    @Option(help: "For COCO or CVAT files describing several images: the image to use (file name or id).")
    var image: String?

    @Option(help: "Units of the inline shapes: px, rel (0–1) or pct (0–100).")
    var units: Mask.Units = .px

    @Option(help: "Grow the edit region by this many pixels (Euclidean distance).")
    var grow: Double = 0

    @Option(help: "Shrink the edit region by this many pixels (Euclidean distance).")
    var shrink: Double = 0

    @Option(help: "Feather the edges: Gaussian blur with this standard deviation in pixels.")
    var feather: Double = 0

    @Flag(help: "Swap the edit and keep regions.")
    var invert = false

    @Flag(help: "Binary edges (no anti-aliasing).")
    var hard = false

    @Option(help: "How the edit region is marked: transparent (alpha 0, white), white or black.")
    var polarity: Mask.Polarity = .transparent

    @Option(help: "Fill rule for shapes without their own: nonzero or evenodd.")
    var fillRule: Mask.FillRule = .nonzero

    func validate() throws {
        for (name, value) in [("grow", grow), ("shrink", shrink), ("feather", feather)] where !(value.isFinite && value >= 0) {
            throw ValidationError("--\(name) must be a number ≥ 0")
        }
        _ = try inlineShapes(frame: .base)
    }

    /// Whether any shape was given.
    var hasShapes: Bool { !(rect.isEmpty && ellipse.isEmpty && polygon.isEmpty && shapes.isEmpty) }

    /// The render options these flags describe.
    var renderOptions: Mask.RenderOptions {
        Mask.RenderOptions(fillRule: fillRule, grow: grow, shrink: shrink, feather: feather, hard: hard, invert: invert,
                           polarity: polarity)
    }

    /// Every shape: inline ones first (--rect, --ellipse, --polygon), then each file's in order, all in `frame`
    /// unless a shape file names its own. Returns the import warnings and the sizes files declare.
    func allShapes(frame: Mask.Frame) throws -> (shapes: [Mask.Shape], warnings: [Mask.Warning], declared: [(String, Size)]) {
        var all = try inlineShapes(frame: frame)
        var warnings: [Mask.Warning] = []
        var declared: [(String, Size)] = []
        for file in shapes {
            let result = try Mask.Importer.load(path: file, options: .init(frame: frame, image: image))
            if let size = result.declaredSize { declared.append((file, size)) }
            warnings += result.warnings.map { Mask.Warning(code: $0.code, message: "\(file): \($0.message)") }
            all += result.shapes
        }
        return (all, warnings, declared)
    }

    /// The inline shapes, or a `ValidationError` naming the malformed argument.
    func inlineShapes(frame: Mask.Frame) throws -> [Mask.Shape] {
        var out: [Mask.Shape] = []
        for (i, text) in rect.enumerated() {
            let v = try Self.numbers(text, option: "--rect", count: 4...4)
            out.append(Mask.Shape(.rect(Rect(x: v[0], y: v[1], width: v[2], height: v[3])), units: units, frame: frame,
                                  label: "--rect \(i + 1) (\(text))"))
        }
        for (i, text) in ellipse.enumerated() {
            let v = try Self.numbers(text, option: "--ellipse", count: 4...5)
            out.append(Mask.Shape(.ellipse(center: Point(x: v[0], y: v[1]), radiusX: v[2], radiusY: v[3],
                                           rotation: v.count > 4 ? v[4] : 0), units: units, frame: frame,
                                  label: "--ellipse \(i + 1) (\(text))"))
        }
        for (i, text) in polygon.enumerated() {
            let pairs = text.split(whereSeparator: { $0 == " " || $0 == ";" || $0 == "\t" })
            var points: [Point] = []
            for pair in pairs {
                let v = try Self.numbers(String(pair), option: "--polygon", count: 2...2)
                points.append(Point(x: v[0], y: v[1]))
            }
            guard points.count >= 3 else {
                throw ValidationError("--polygon \"\(text)\": needs at least 3 points \"x,y x,y x,y\"")
            }
            out.append(Mask.Shape(.polygon(Mask.Polygon(exterior: points)), units: units, frame: frame,
                                  label: "--polygon \(i + 1)"))
        }
        return out
    }

    /// Comma-separated finite numbers.
    static func numbers(_ text: String, option: String, count: ClosedRange<Int>) throws -> [Double] {
        let parts = text.split(separator: ",", omittingEmptySubsequences: false)
            .map { Double($0.trimmingCharacters(in: .whitespaces)) }
        guard count.contains(parts.count), parts.allSatisfy({ $0 != nil && $0!.isFinite }) else {
            let shape = count.lowerBound == 2 ? "x,y" : option == "--rect" ? "x,y,w,h" : "cx,cy,rx,ry[,rotation]"
            throw ValidationError("\(option) \"\(text)\": expected \(shape) as finite numbers")
        }
        return parts.map { $0! }
    }
}
