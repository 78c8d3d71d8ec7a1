public import ArgumentParser
import ImageCodecs
import ImageCore
public import ImageMasks
import ImagePrep

extension ImagePrepCommand {
    /// `imageprep mask --base IMG (--rect … | --ellipse … | --polygon … | --shapes FILE)... -o MASK.png`.
    struct MaskCommand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "mask",
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

        @Option(help: "The base image (JPEG, PNG, WebP, HEIC/HEIF, AVIF, GIF or TIFF) the mask is for.")
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
            do {
                let (all, importWarnings, declared) = try shapeOptions.allShapes(frame: .base)
                let mask = try EncodedMask(shapes: all, baseFile: base, options: shapeOptions.renderOptions,
                                           preview: preview != nil, decoding: decoding.decodeOptions())
                let size = mask.rendering.size
                var warnings = importWarnings
                for (file, declaredSize) in declared where declaredSize != size {
                    warnings.append(.init(code: "size-mismatch", message: "\(file) describes a \(declaredSize) image but the base is \(size); its coordinates are used as base pixels"))
                }
                for w in warnings + mask.warnings { Terminal.error("imageprep: \(w)") }
                do {
                    try ImageFile.writeAtomically(mask.png, to: output)
                    if let preview, let previewBytes = mask.preview { try ImageFile.writeAtomically(previewBytes, to: preview) }
                } catch {
                    Terminal.report(error)
                    throw ExitCode.usage
                }
                let counts = mask.rendering.pixelCounts
                let total = Double(size.width * size.height)
                print("\(output): \(size) \(shapeOptions.polarity.rawValue) mask, edit \(counts.edit) px (\(percent(Double(counts.edit) / total))), "
                      + "soft \(counts.partial) px, keep \(counts.keep) px, \(mask.png.count) bytes"
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

extension Mask.Units: ExpressibleByArgument {}
extension Mask.Polarity: ExpressibleByArgument {}
extension Mask.FillRule: ExpressibleByArgument {}

import Foundation
