public import ArgumentParser
import Foundation
import ImageCodecs
public import ImageCore
public import ImagePrep

/// The options that shape a normalized image (shared by `normalize` and the commands built on it).
struct NormalizeOptionGroup: ParsableArguments {
    @Option(help: "Output size: auto, 1024x1024, 1024x1536, 1536x1024, 1:1, 2:3 or 3:2 (auto: the nearest aspect ratio).")
    var size: TargetSize = .auto

    @Option(help: "cover (crop to fill) or contain (fit inside and pad).")
    var fit: FitMode = .cover

    @Option(help: "Where the crop window or the image sits: centre, north, south, east, west, northeast, northwest, southeast, southwest.")
    var gravity: Gravity = .centre

    @Option(help: "Centre the cover crop on this point of the upright original, as fractions 0–1: x,y (overrides --gravity).")
    var focus: String?

    @Option(help: "Pad colour for contain and the colour alpha is flattened onto for JPEG: #rrggbb, #rrggbbaa, white, black or transparent.")
    var background: Color = .white

    @Option(help: "Output format: auto, png, jpeg or webp (default: from the -o extension, else auto = PNG when alpha is used, else JPEG).")
    var format: OutputFormat?

    @Option(help: "Fixed JPEG/WebP quality 1–100 instead of the best that fits (the byte cap still wins).")
    var quality: Int?

    @Option(help: "Largest output file: bytes or 500KB, 4MB, 10MiB … (MB = 1,000,000 bytes).")
    var maxBytes: String = "10MB"

    @Flag(help: "When a PNG cannot fit under --max-bytes, write JPEG (or WebP when alpha is used) instead of failing.")
    var allowFormatChange = false

    @Option(help: "Resampling kernel: lanczos3, lanczos2, mitchell, cubic, linear, box or nearest.")
    var kernel: Resampler.Kernel = .lanczos3

    @Flag(help: "Decode JPEG/WebP at full size even when a reduced decode would do.")
    var noShrinkOnLoad = false

    func validate() throws {
        _ = try normalizeOptions(limits: .default, strictness: .standard, defaultFormat: nil)
    }

    /// The library options these flags describe. `defaultFormat` applies when --format is absent.
    func normalizeOptions(limits: DecodeLimits, strictness: DecodeStrictness, defaultFormat: OutputFormat?) throws -> NormalizeOptions {
        var place = gravity
        if let focus {
            let parts = focus.split(separator: ",").map { Double($0.trimmingCharacters(in: .whitespaces)) }
            guard parts.count == 2, let x = parts[0], let y = parts[1], (0...1).contains(x), (0...1).contains(y) else {
                throw ValidationError("--focus must be two fractions 0–1 as x,y (got '\(focus)')")
            }
            place = .focus(x: x, y: y)
        }
        let outFormat = format ?? defaultFormat ?? .auto
        if let quality, !(1...100).contains(quality) { throw ValidationError("--quality must be 1–100 (got \(quality))") }
        guard let cap = ByteCount.parse(maxBytes) else {
            throw ValidationError("--max-bytes must be a size such as 10000000, 500KB, 4MB or 10MiB (got '\(maxBytes)')")
        }
        return NormalizeOptions(size: size, fit: fit, gravity: place, background: background, format: outFormat,
                                quality: quality, maxBytes: cap, allowFormatChange: allowFormatChange, kernel: kernel,
                                shrinkOnLoad: !noShrinkOnLoad, limits: limits, strictness: strictness)
    }
}

// The library's option types, parsed as the library parses them (case-insensitive; aliases such as `jpg`,
// `center`, `ne`, `2:3`), with the accepted values listed in --help and in the error for a bad value.

extension TargetSize: ExpressibleByArgument {
    public init?(argument: String) { self.init(parsing: argument) }
    public static var allValueStrings: [String] { ["auto"] + apiSizes.map(\.description) + ["1:1", "2:3", "3:2"] }
}

extension FitMode: ExpressibleByArgument {
    public init?(argument: String) { self.init(rawValue: argument.lowercased()) }
}

extension Gravity: ExpressibleByArgument {
    public init?(argument: String) { self.init(name: argument) }
    public static var allValueStrings: [String] {
        ["centre", "north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest"]
    }
    public var defaultValueDescription: String { Self.allValueStrings.first { Gravity(name: $0) == self } ?? "focus" }
}

extension Color: ExpressibleByArgument {
    public init?(argument: String) { self.init(parsing: argument) }
    public static var allValueStrings: [String] { ["#rgb", "#rrggbb", "#rrggbbaa", "white", "black", "transparent"] }
    public var defaultValueDescription: String {
        self == .white ? "white" : String(format: "#%02x%02x%02x%02x", red, green, blue, alpha)
    }
}

extension OutputFormat: ExpressibleByArgument {
    public init?(argument: String) { self.init(parsing: argument) }
}

extension Resampler.Kernel: ExpressibleByArgument {
    public init?(argument: String) { self.init(rawValue: argument.lowercased()) }
}
