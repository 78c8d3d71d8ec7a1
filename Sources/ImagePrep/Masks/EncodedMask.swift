public import ImageCodecs
public import ImageCore
public import ImageMasks

/// A mask rendered at an image's exact size and encoded as the API wants it (a PNG of at most
/// `Mask.Rendering.maxPNGBytes`), with the optional preview PNG: what `imageprep mask` writes and what
/// `Preparer` puts in a bundle. Rendering and encoding happen here once for both.
public struct EncodedMask: Sendable {
    /// The coverage and mask image.
    public var rendering: Mask.Rendering
    /// The mask PNG.
    public var png: [UInt8]
    /// The preview PNG (the base tinted and outlined where it is edited), when one was asked for.
    public var preview: [UInt8]?
    /// The rendering's warnings, then any PNG reduction (`png-reduced`).
    public var warnings: [Mask.Warning]

    /// Renders `shapes` at `size` with `options`, encodes the PNG under the API's cap and, given
    /// `previewBase` (an image of `size`), the preview.
    ///
    /// - Throws: `Mask.ShapeError`, `Mask.OutputError`, `EncodeError`.
    public init(shapes: [Mask.Shape], size: Size, options: Mask.RenderOptions = .init(), previewBase: Image? = nil) throws {
        rendering = try Mask.render(shapes: shapes, size: size, options: options)
        let (png, pngWarnings) = try rendering.pngBytes()
        self.png = png
        warnings = rendering.warnings + pngWarnings
        if let previewBase {
            preview = try ImageEncoder.encode(try Mask.Preview.image(base: previewBase, coverage: rendering.coverage), as: .png())
        }
    }

    /// The mask for the image file at `baseFile`: its size is the image's upright size (EXIF orientation
    /// applied), read from the header; the image is decoded only for a `preview`.
    ///
    /// - Throws: `FileIOError`, the codecs' errors, `Mask.ShapeError`, `Mask.OutputError`.
    public init(shapes: [Mask.Shape], baseFile: String, options: Mask.RenderOptions = .init(), preview: Bool = false,
                decoding: DecodeOptions = .init()) throws {
        let bytes = try ImageFile.read(baseFile, maxBytes: decoding.limits.maxInputBytes)
        let info = try ImageDecoder.info(bytes, name: baseFile, limits: decoding.limits)
        var previewBase: Image?
        if preview {
            let decoded = try ImageDecoder.decode(bytes, name: baseFile, options: decoding)
            let upright = decoded.image.oriented(decoded.info.orientation)
            previewBase = upright.layout == .cmyk ? upright.converted(to: .rgb) : upright
        }
        try self.init(shapes: shapes, size: info.uprightSize, options: options, previewBase: previewBase)
    }
}
