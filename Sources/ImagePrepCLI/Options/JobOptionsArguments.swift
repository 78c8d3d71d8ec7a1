import ArgumentParser
import ImageBatch
import ImageCodecs
import ImageCore
import ImageMasks
import ImagePrep

/// The shaping and decoding flags as a manifest's `JobOptions` (canonical values, so equal options hash
/// equally however they were spelled), and back: `normalize --manifest` parses the options the plan recorded.
struct JobOptionsArguments: ParsableArguments {
    @OptionGroup var shaping: NormalizeOptionGroup
    @OptionGroup var decoding: DecodeOptionGroup

    /// The options recorded in a manifest line: every shaping and decoding option, with its effective value.
    var jobOptions: JobOptions { Self.jobOptions(shaping: shaping, decoding: decoding) }

    /// The options with every flag left at its default.
    static var defaults: JobOptions { (try? parse([]))?.jobOptions ?? JobOptions() }

    /// The options these two groups describe (see `jobOptions`).
    static func jobOptions(shaping: NormalizeOptionGroup, decoding: DecodeOptionGroup) -> JobOptions {
        var values: [String: String] = [
            "size": shaping.size.description, "fit": shaping.fit.rawValue, "gravity": shaping.gravity.defaultValueDescription,
            "background": shaping.background.defaultValueDescription, "kernel": shaping.kernel.rawValue,
            "max-bytes": String(ByteCount.parse(shaping.maxBytes) ?? 0),
            "max-pixels": String(decoding.maxPixels), "max-input-bytes": String(decoding.maxInputBytes),
        ]
        if let focus = shaping.focus { values["focus"] = focus }
        if let format = shaping.format { values["format"] = format.rawValue }
        if let quality = shaping.quality { values["quality"] = String(quality) }
        if shaping.allowFormatChange { values["allow-format-change"] = "true" }
        if shaping.noShrinkOnLoad { values["no-shrink-on-load"] = "true" }
        if decoding.lenient { values["lenient"] = "true" }
        if decoding.strict { values["strict"] = "true" }
        return JobOptions(values)
    }

    /// `options` without the keys `prepare --manifest` adds (`mask-…`, `bundle-prompt`, `bundle-n`).
    static func shapingOnly(_ options: JobOptions) -> JobOptions {
        JobOptions(options.values.filter { !$0.key.hasPrefix("mask-") && !$0.key.hasPrefix("bundle-") })
    }

    /// The flags a manifest's options stand for (the keys a `prepare` adds are left out).
    ///
    /// - Throws: `ValidationError` naming the option the manifest records that these flags do not take.
    static func parsing(_ options: JobOptions) throws -> JobOptionsArguments {
        do {
            return try parse(shapingOnly(options).arguments)
        } catch {
            throw ValidationError("the manifest's options are not normalize options: \(fullMessage(for: error))")
        }
    }

    /// The library options (`defaultFormat` when the manifest fixes none).
    func normalizeOptions(defaultFormat: OutputFormat? = nil) throws -> NormalizeOptions {
        try shaping.normalizeOptions(limits: decoding.limits, strictness: decoding.strictness, defaultFormat: defaultFormat)
    }
}

extension MaskOptionGroup {
    /// The mask flags as job options (`mask-` keys), so that a prepared bundle's name changes with its mask.
    var jobValues: [String: String] {
        var values: [String: String] = [
            "mask-units": "\(units)", "mask-grow": "\(grow)", "mask-shrink": "\(shrink)", "mask-feather": "\(feather)",
            "mask-polarity": polarity.rawValue, "mask-fill-rule": fillRule.rawValue,
        ]
        for (name, list) in [("rect", rect), ("ellipse", ellipse), ("polygon", polygon), ("shapes", shapes)] where !list.isEmpty {
            values["mask-" + name] = list.joined(separator: ";")
        }
        if let image { values["mask-image"] = image }
        if invert { values["mask-invert"] = "true" }
        if hard { values["mask-hard"] = "true" }
        return values
    }
}
