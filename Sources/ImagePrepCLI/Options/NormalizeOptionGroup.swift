import ArgumentParser
import Foundation
import ImageCodecs
import ImageCore
import ImagePrep

/// The options that shape a normalized image (shared by `normalize` and the commands built on it).
struct NormalizeOptionGroup: ParsableArguments {
    @Option(help: "Output size: auto, 1024x1024, 1024x1536, 1536x1024, 1:1, 2:3 or 3:2 (auto: the nearest aspect ratio).")
    var size: String = "auto"

    @Option(help: "cover (crop to fill) or contain (fit inside and pad).")
    var fit: String = "cover"

    @Option(help: "Where the crop window or the image sits: centre, north, south, east, west, northeast, northwest, southeast, southwest.")
    var gravity: String = "centre"

    @Option(help: "Centre the cover crop on this point of the upright original, as fractions 0–1: x,y (overrides --gravity).")
    var focus: String?

    @Option(help: "Pad colour for contain and the colour alpha is flattened onto for JPEG: #rrggbb, #rrggbbaa, white, black or transparent.")
    var background: String = "white"

    @Option(help: "Output format: auto, png, jpeg or webp (default: from the -o extension, else auto = PNG when alpha is used, else JPEG).")
    var format: String?

    @Option(help: "Fixed JPEG/WebP quality 1–100 instead of the best that fits (the byte cap still wins).")
    var quality: Int?

    @Option(help: "Largest output file: bytes or 500KB, 4MB, 10MiB … (MB = 1,000,000 bytes).")
    var maxBytes: String = "10MB"

    @Flag(help: "When a PNG cannot fit under --max-bytes, write JPEG (or WebP when alpha is used) instead of failing.")
    var allowFormatChange = false

    @Option(help: "Resampling kernel: lanczos3, lanczos2, mitchell, cubic, linear, box or nearest.")
    var kernel: String = "lanczos3"

    @Flag(help: "Decode JPEG/WebP at full size even when a reduced decode would do.")
    var noShrinkOnLoad = false

    func validate() throws {
        _ = try normalizeOptions(limits: .default, strictness: .standard, defaultFormat: nil)
    }

    /// The library options these flags describe. `defaultFormat` applies when --format is absent.
    func normalizeOptions(limits: DecodeLimits, strictness: DecodeStrictness, defaultFormat: OutputFormat?) throws -> NormalizeOptions {
        guard let targetSize = TargetSize(parsing: size) else {
            throw ValidationError("--size must be auto, 1024x1024, 1024x1536, 1536x1024, 1:1, 2:3 or 3:2 (got '\(size)')")
        }
        guard let fitMode = FitMode(rawValue: fit.lowercased()) else {
            throw ValidationError("--fit must be cover or contain (got '\(fit)')")
        }
        guard var place = Gravity(name: gravity) else {
            throw ValidationError("--gravity must be centre, north, south, east, west, northeast, northwest, southeast or southwest (got '\(gravity)')")
        }
        if let focus {
            let parts = focus.split(separator: ",").map { Double($0.trimmingCharacters(in: .whitespaces)) }
            guard parts.count == 2, let x = parts[0], let y = parts[1], (0...1).contains(x), (0...1).contains(y) else {
                throw ValidationError("--focus must be two fractions 0–1 as x,y (got '\(focus)')")
            }
            place = .focus(x: x, y: y)
        }
        guard let bg = Color(parsing: background) else {
            throw ValidationError("--background must be #rgb, #rrggbb, #rrggbbaa, white, black or transparent (got '\(background)')")
        }
        var outFormat = defaultFormat ?? .auto
        if let format {
            guard let f = OutputFormat(parsing: format) else {
                throw ValidationError("--format must be auto, png, jpeg or webp (got '\(format)')")
            }
            outFormat = f
        }
        if let quality, !(1...100).contains(quality) { throw ValidationError("--quality must be 1–100 (got \(quality))") }
        guard let cap = ByteCount.parse(maxBytes) else {
            throw ValidationError("--max-bytes must be a size such as 10000000, 500KB, 4MB or 10MiB (got '\(maxBytes)')")
        }
        guard let k = Resampler.Kernel(rawValue: kernel.lowercased()) else {
            throw ValidationError("--kernel must be one of \(Resampler.Kernel.allCases.map(\.rawValue).joined(separator: ", ")) (got '\(kernel)')")
        }
        return NormalizeOptions(size: targetSize, fit: fitMode, gravity: place, background: bg, format: outFormat,
                                quality: quality, maxBytes: cap, allowFormatChange: allowFormatChange, kernel: k,
                                shrinkOnLoad: !noShrinkOnLoad, limits: limits, strictness: strictness)
    }
}
