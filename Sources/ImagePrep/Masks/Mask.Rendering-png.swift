import ImageCodecs
public import ImageMasks
public import ImageCore

extension Mask.Rendering {
    /// The edit API's cap: "less than 4MB". 4,000,000 bytes is below both 4 MB and 4 MiB.
    public static let maxPNGBytes = 4_000_000

    /// The mask image as PNG bytes no larger than `maxBytes`, with warnings for any reduction made.
    ///
    /// Steps, each tried only when the previous output is too large: deflate level 6 with adaptive filters
    /// (smallest lossless colour type: gray, gray+alpha, …); level 10 (libdeflate's optimal parsing); coverage quantized to 17 levels
    /// (warning `png-reduced`); hard edges (warning `png-reduced`). A mask of the API's sizes fits at the
    /// first step unless it is noise-like.
    ///
    /// - Throws: `EncodeError` from the PNG encoder; `OutputError` when even hard edges do not fit.
    public func pngBytes(maxBytes: Int = Self.maxPNGBytes) throws -> (bytes: [UInt8], warnings: [Mask.Warning]) {
        var warnings: [Mask.Warning] = []
        var bytes = try ImageEncoder.encode(image, as: .png(PNGEncodeOptions()))
        if bytes.count <= maxBytes { return (bytes, warnings) }
        bytes = try ImageEncoder.encode(image, as: .png(PNGEncodeOptions(compressionLevel: 10)))
        if bytes.count <= maxBytes { return (bytes, warnings) }
        let levels = Mask.Coverage(width: coverage.width, height: coverage.height,
                                   values: coverage.values.map { ($0 * 16).rounded() / 16 })
        bytes = try ImageEncoder.encode(polarity.image(for: levels), as: .png(PNGEncodeOptions(compressionLevel: 9)))
        if bytes.count <= maxBytes {
            warnings.append(.init(code: "png-reduced", message: "the mask's soft edges were quantized to 17 levels to keep the PNG under \(maxBytes) bytes"))
            return (bytes, warnings)
        }
        bytes = try ImageEncoder.encode(polarity.image(for: coverage.hardened()), as: .png(PNGEncodeOptions(compressionLevel: 9)))
        if bytes.count <= maxBytes {
            warnings.append(.init(code: "png-reduced", message: "the mask was reduced to hard edges to keep the PNG under \(maxBytes) bytes"))
            return (bytes, warnings)
        }
        throw Mask.OutputError(message: "the mask PNG cannot be made smaller than \(maxBytes) bytes",
                               details: "\(bytes.count) bytes with hard edges at \(size)")
    }
}
