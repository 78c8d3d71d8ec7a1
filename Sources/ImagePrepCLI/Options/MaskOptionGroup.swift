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

    /// The inline shapes (parsed by `Mask.Shape(parsing:as:)`), or a `ValidationError` naming the malformed argument.
    func inlineShapes(frame: Mask.Frame) throws -> [Mask.Shape] {
        var out: [Mask.Shape] = []
        for (kind, texts) in [(Mask.Shape.Kind.rect, rect), (.ellipse, ellipse), (.polygon, polygon)] {
            for (i, text) in texts.enumerated() {
                let label = kind == .polygon ? "--polygon \(i + 1)" : "--\(kind.rawValue) \(i + 1) (\(text))"
                do {
                    out.append(try Mask.Shape(parsing: text, as: kind, units: units, frame: frame, label: label))
                } catch {
                    throw ValidationError("--\(kind.rawValue) \(error.shape ?? text): \(error.message)")
                }
            }
        }
        return out
    }
}
