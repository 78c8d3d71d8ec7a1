import ArgumentParser
import ImageCodecs
import ImageCore

/// Decoder safety options shared by the commands that read images.
struct DecodeOptionGroup: ParsableArguments {
    @Option(help: "Refuse images with more pixels than this (width × height).")
    var maxPixels: Int = DecodeLimits.default.maxPixels

    @Option(help: "Refuse input files larger than this many bytes.")
    var maxInputBytes: Int = DecodeLimits.default.maxInputBytes

    @Flag(help: "Accept truncated or slightly corrupt files with a warning instead of failing.")
    var lenient = false

    func validate() throws {
        guard maxPixels > 0 else { throw ValidationError("--max-pixels must be positive") }
        guard maxInputBytes > 0 else { throw ValidationError("--max-input-bytes must be positive") }
    }

    /// The limits these options describe.
    var limits: DecodeLimits {
        var limits = DecodeLimits.default
        limits.maxPixels = maxPixels
        limits.maxInputBytes = maxInputBytes
        return limits
    }

    /// Decode options with these limits and strictness.
    func decodeOptions(shrink: Int = 1) -> DecodeOptions {
        DecodeOptions(limits: limits, shrink: shrink, lenient: lenient)
    }
}
