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

        @OptionGroup var shapeOptions: MaskOptionGroup

        @Option(name: .shortAndLong, help: "The mask PNG to write.")
        var output: String

        @Option(help: "Also write a preview PNG: the base with the edit region tinted and outlined.")
        var preview: String?

        @OptionGroup var decoding: DecodeOptionGroup

        func validate() throws {
            guard shapeOptions.hasShapes else { throw ValidationError("give at least one --rect, --ellipse, --polygon or --shapes") }
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
                let (all, importWarnings, declared) = try shapeOptions.allShapes(frame: .base)
                var warnings = importWarnings
                for (file, declaredSize) in declared where declaredSize != size {
                    warnings.append(.init(code: "size-mismatch", message: "\(file) describes a \(declaredSize) image but the base is \(size); its coordinates are used as base pixels"))
                }
                let options = shapeOptions.renderOptions
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
                print("\(output): \(size) \(shapeOptions.polarity.rawValue) mask, edit \(counts.edit) px (\(percent(Double(counts.edit) / total))), "
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
    }
}

extension ImageMasks.Mask.Units: ExpressibleByArgument {}
extension ImageMasks.Mask.Polarity: ExpressibleByArgument {}
extension ImageMasks.Mask.FillRule: ExpressibleByArgument {}

import Foundation
