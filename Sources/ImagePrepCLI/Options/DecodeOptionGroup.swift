import ArgumentParser
import ImageCodecs
import ImageCore

/// Decoder safety options shared by the commands that read images.
struct DecodeOptionGroup: ParsableArguments {
    @Option(help: "Refuse images with more pixels than this (width × height).")
    var maxPixels: Int = DecodeLimits.default.maxPixels

    @Option(help: "Refuse input files larger than this many bytes.")
    var maxInputBytes: Int = DecodeLimits.default.maxInputBytes

    @Flag(help: "Accept truncated files too, with a warning (damage a viewer shows past always decodes with a warning).")
    var lenient = false

    @Flag(help: "Refuse any file the decoder warns about (sharp's failOn 'warning'), for CI; `check` also fails on warnings.")
    var strict = false

    func validate() throws {
        guard !(lenient && strict) else { throw ValidationError("--lenient and --strict cannot be used together") }
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

    /// How much damage these flags tolerate: `.standard` unless --lenient or --strict.
    var strictness: DecodeStrictness { lenient ? .lenient : strict ? .strict : .standard }

    /// How `check` decodes: --strict fails the check on warnings instead, so that damage is reported with its
    /// rule id (`*.decode-warning`) rather than refused by the decoder.
    var reportingStrictness: DecodeStrictness { lenient ? .lenient : .standard }

    /// Decode options with these limits and strictness.
    func decodeOptions(shrink: Int = 1) -> DecodeOptions {
        DecodeOptions(limits: limits, shrink: shrink, strictness: strictness)
    }
}
