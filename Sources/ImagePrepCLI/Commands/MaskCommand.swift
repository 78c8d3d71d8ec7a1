import ArgumentParser
import ImageCodecs
import ImageCore
import ImageMasks

extension ImagePrepCommand {
    /// `imageprep mask --base IMG (--rect … | --ellipse … | --polygon … | --shapes FILE)... -o MASK.png`.
    struct Mask: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Make an exact anti-aliased edit mask of the base image's size from shapes or annotation files.",
            discussion: """
                Shapes are in the base's pixels as viewers show it (EXIF orientation applied), origin top-left, y down; \
                --units rel (0–1) or pct (0–100) measure inline shapes in fractions of the base's width and height. \
                Inline shapes are added first (--rect, then --ellipse, then --polygon), then each --shapes file's shapes \
                in file order (files may subtract). --shapes reads ImagePrep JSON, COCO, LabelMe, GeoJSON, SVG or CVAT XML \
                (see docs/MASKS.md), detected from the content. Operations run in this order: grow, shrink, feather, \
                hard, invert. Polarity transparent (default) writes RGBA where edited pixels are transparent white \
                (alpha 0) and kept ones opaque black; white/black write gray masks where white/black marks the edit. \
                The PNG is exactly the base's size and at most 4,000,000 bytes. Exit codes: 0 ok, 1 an input could \
                not be read or the mask could not be made (bad shapes or files), 2 usage error or outputs not writable.
                """)

        @Option(help: "The base image (JPEG, PNG or WebP) the mask is for.")
        var base: String

        @Option(help: ArgumentHelp("A rectangle x,y,width,height (repeatable).", valueName: "x,y,w,h"))
        var rect: [String] = []

        @Option(help: ArgumentHelp("An ellipse cx,cy,rx,ry[,rotation°] (repeatable).", valueName: "cx,cy,rx,ry"))
        var ellipse: [String] = []

        @Option(help: ArgumentHelp("A polygon \"x,y x,y x,y …\" (at least 3 points; repeatable).", valueName: "points"))
        var polygon: [String] = []

        @Option(help: ArgumentHelp("A shape or annotation file (repeatable).", valueName: "file"))
        var shapes: [String] = []

        @Option(help: "For COCO or CVAT files describing several images: the image to use (file name or id).")
        var image: String?

        @Option(help: "Units of the inline shapes: px, rel (0–1) or pct (0–100).")
        var units: ImageMasks.Mask.Units = .px

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

        @Option(help: "How the edit region is marked: transparent, white or black.")
        var polarity: ImageMasks.Mask.Polarity = .transparent

        @Option(help: "Fill rule for shapes without their own: nonzero or evenodd.")
        var fillRule: ImageMasks.Mask.FillRule = .nonzero

        @Option(name: .shortAndLong, help: "The mask PNG to write.")
        var output: String

        @Option(help: "Also write a preview PNG: the base with the edit region tinted and outlined.")
        var preview: String?

        @OptionGroup var decoding: DecodeOptionGroup

        func validate() throws {
            if rect.isEmpty && ellipse.isEmpty && polygon.isEmpty && shapes.isEmpty {
                throw ValidationError("give at least one --rect, --ellipse, --polygon or --shapes")
            }
            for (name, value) in [("grow", grow), ("shrink", shrink), ("feather", feather)] where !(value.isFinite && value >= 0) {
                throw ValidationError("--\(name) must be a number ≥ 0")
            }
            _ = try inlineShapes()
        }

        func run() async throws {
            typealias M = ImageMasks.Mask
            // The base: its upright size decides the mask's size.
            let baseBytes: [UInt8]
            let info: ImageInfo
            do {
                baseBytes = try ImageFile.read(base, maxBytes: decoding.limits.maxInputBytes)
                info = try ImageDecoder.info(baseBytes, name: base, limits: decoding.limits)
            } catch {
                Terminal.report(error)
                throw ExitCode.fileFailed
            }
            let size = info.uprightSize
            do {
                var all = try inlineShapes()
                var warnings: [M.Warning] = []
                for file in shapes {
                    let result = try M.Importer.load(path: file, options: .init(image: image))
                    if let declared = result.declaredSize, declared != size {
                        warnings.append(.init(code: "size-mismatch", message: "\(file) describes a \(declared) image but the base is \(size); its coordinates are used as base pixels"))
                    }
                    warnings += result.warnings.map { M.Warning(code: $0.code, message: "\(file): \($0.message)") }
                    all += result.shapes
                }
                let options = M.RenderOptions(fillRule: fillRule, grow: grow, shrink: shrink, feather: feather,
                                              hard: hard, invert: invert, polarity: polarity)
                let rendering = try M.render(shapes: all, size: size, options: options)
                warnings += rendering.warnings
                let (png, pngWarnings) = try rendering.pngBytes()
                warnings += pngWarnings
                var previewBytes: [UInt8]? = nil
                if preview != nil {
                    let decoded = try ImageDecoder.decode(baseBytes, name: base, options: decoding.decodeOptions())
                    let upright = decoded.image.oriented(decoded.info.orientation)
                    let picture = try M.Preview.image(base: upright.layout == .cmyk ? upright.converted(to: .rgb) : upright,
                                                      coverage: rendering.coverage)
                    previewBytes = try ImageEncoder.encode(picture, as: .png())
                }
                for w in warnings { Terminal.error("imageprep: \(w)") }
                do {
                    try ImageFile.writeAtomically(png, to: output)
                    if let preview, let previewBytes { try ImageFile.writeAtomically(previewBytes, to: preview) }
                } catch {
                    Terminal.report(error)
                    throw ExitCode.usage
                }
                let counts = rendering.pixelCounts
                let total = Double(size.width * size.height)
                print("\(output): \(size) \(polarity.rawValue) mask, edit \(counts.edit) px (\(percent(Double(counts.edit) / total))), "
                      + "soft \(counts.partial) px, keep \(counts.keep) px, \(png.count) bytes"
                      + (preview.map { "; preview \($0)" } ?? ""))
            } catch let code as ExitCode {
                throw code
            } catch {
                Terminal.report(error)
                throw ExitCode.fileFailed
            }
        }

        func percent(_ v: Double) -> String {
            let p = (v * 1000).rounded() / 10
            return "\(p)%"
        }

        /// The inline shapes, or a `ValidationError` naming the malformed argument.
        func inlineShapes() throws -> [ImageMasks.Mask.Shape] {
            typealias M = ImageMasks.Mask
            var out: [M.Shape] = []
            for (i, text) in rect.enumerated() {
                let v = try Self.numbers(text, option: "--rect", count: 4...4)
                out.append(M.Shape(.rect(Rect(x: v[0], y: v[1], width: v[2], height: v[3])), units: units,
                                   label: "--rect \(i + 1) (\(text))"))
            }
            for (i, text) in ellipse.enumerated() {
                let v = try Self.numbers(text, option: "--ellipse", count: 4...5)
                out.append(M.Shape(.ellipse(center: Point(x: v[0], y: v[1]), radiusX: v[2], radiusY: v[3],
                                            rotation: v.count > 4 ? v[4] : 0), units: units,
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
                out.append(M.Shape(.polygon(M.Polygon(exterior: points)), units: units, label: "--polygon \(i + 1)"))
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
}

extension ImageMasks.Mask.Units: ExpressibleByArgument {}
extension ImageMasks.Mask.Polarity: ExpressibleByArgument {}
extension ImageMasks.Mask.FillRule: ExpressibleByArgument {}

import Foundation
