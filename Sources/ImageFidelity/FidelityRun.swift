public import ImageCodecs
public import ImageCore

/// Measures, and on request pastes back, every result of one masked task: the base and mask are decoded once
/// (the original photo only when `fullResolution` is asked), then each result file is read, measured and
/// composited; composites are written beside the raw result, atomically (temp file + rename).
public struct FidelityRun: Sendable {
    public let source: FidelitySource
    public let options: FidelityOptions
    /// The base as 8-bit RGB.
    public let base: Image
    public let weights: EditWeights
    let decoding: DecodeOptions

    /// Reads the base and the mask of `source`.
    ///
    /// - Throws: `FileIOError` / codec errors naming the file; `FidelityError` `.maskSizeMismatch` (stage
    ///   `measure`) naming the mask when it is not the base's size.
    public init(source: FidelitySource, options: FidelityOptions = .init(), decoding: DecodeOptions = .init()) throws {
        self.source = source
        self.options = options
        self.decoding = decoding
        base = FidelityMeter.rgb8(try Self.decodeUpright(source.base, decoding))
        weights = EditWeights(mask: try Self.decodeUpright(source.mask, decoding))
        guard weights.size == base.size else {
            throw FidelityError(.maskSizeMismatch, stage: "measure", file: source.mask,
                                message: "the mask is \(weights.size), the base \(base.size)")
        }
    }

    /// Measures the result file at `path` (result `index`) and writes the composites `options` ask for.
    ///
    /// - Throws: `FileIOError` and the codecs' errors (`HeaderError`, `DecodeError`, …) naming the file;
    ///   `FidelityError` (`.noTransform` for `fullResolution` without an original or transform).
    public func process(index: Int, path: String) throws -> ResultFidelity {
        let result = FidelityMeter.conform(try Self.decodeUpright(path, decoding), to: base.size)
        var entry = ResultFidelity(index: index, path: path,
                                   report: try FidelityMeter(threshold: options.threshold).measure(result: result, base: base, weights: weights))
        let match = options.matchColor ? ColorMatch(result: result, base: base, weights: weights) : nil
        entry.colorMatch = match
        guard options.keepOutsideMask else { return entry }
        let stem = Self.stem(path)
        let kept = try PasteBack.composite(result: result, base: base, weights: weights, gains: match?.gains)
        entry.keptPath = stem + "-kept.png"
        try ImageFile.writeAtomically(try ImageEncoder.encode(kept, as: .png()), to: stem + "-kept.png")
        if options.fullResolution {
            entry.fullResolutionPath = try writeFullResolution(result: result, stem: stem, gains: match?.gains)
        }
        return entry
    }

    private func writeFullResolution(result: Image, stem: String, gains: [Double]?) throws -> String {
        guard let originalPath = source.original, let transform = source.transform else {
            throw FidelityError(.noTransform, stage: "full-resolution", file: source.base,
                                message: "no original photo and transform are recorded for this base (it was not made by `prepare`)")
        }
        let bytes = try ImageFile.read(originalPath, maxBytes: decoding.limits.maxInputBytes)
        let decoded = try ImageDecoder.decode(bytes, name: originalPath, options: decoding)
        let original = decoded.image.oriented(decoded.info.orientation)
        let full = try PasteBack.fullResolution(result: result, original: original, transform: transform, weights: weights, gains: gains)
        let jpeg = decoded.info.format == .jpeg
        let path = stem + (jpeg ? "-kept-full.jpg" : "-kept-full.png")
        let format: EncodeFormat = jpeg ? .jpeg(JPEGEncodeOptions(quality: 95, subsampling: .s444)) : .png()
        try ImageFile.writeAtomically(try ImageEncoder.encode(full, as: format), to: path)
        return path
    }

    /// Decodes `path` and turns it upright.
    static func decodeUpright(_ path: String, _ options: DecodeOptions) throws -> Image {
        let decoded = try ImageDecoder.decode(try ImageFile.read(path, maxBytes: options.limits.maxInputBytes), name: path, options: options)
        return decoded.image.oriented(decoded.info.orientation)
    }

    /// `path` without its extension.
    static func stem(_ path: String) -> String {
        guard let dot = path.lastIndex(of: "."), !path[dot...].contains("/") else { return path }
        return String(path[..<dot])
    }
}
