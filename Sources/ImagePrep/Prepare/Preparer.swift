import ImageCodecs
import ImageCore
public import ImageMasks
import ImageRules
import SystemIO

/// Prepares a masked edit in one run: normalizes the photo into `DIR/base.png`, rasterizes shapes drawn on
/// the ORIGINAL photo onto it as `DIR/mask.png`, and writes `DIR/preview.png` and `DIR/bundle.json`.
///
/// Shapes whose frame is `.original` are in the photo's upright frame (EXIF orientation applied, full pixel
/// size, as viewers show it); they follow the normalization's crop, scale and pad onto the base, so the mask
/// covers the same content. Shapes in the `.base` frame are taken as base pixels. The mask always has the
/// base's exact size. Every file is written atomically; `bundle.json` is written last, so a bundle that
/// exists is complete.
public struct Preparer: Sendable {
    /// The options.
    public var options: PrepareOptions

    public init(_ options: PrepareOptions = .init()) {
        self.options = options
    }

    /// Prepares `photo` with `shapes` (may be empty: then no mask is made) into `directory` (created if missing).
    ///
    /// - Throws: the codecs' errors, `NormalizeError`, `Mask.ShapeError`, `Mask.OutputError`, `FileIOError`
    ///   or `BundleError`.
    public func prepare(photo: String, shapes: [Mask.Shape], into directory: String) async throws -> PrepareResult {
        var normalizeOptions = options.normalize
        normalizeOptions.format = .png
        let bytes = try ImageFile.read(photo, maxBytes: normalizeOptions.limits.maxInputBytes)
        let base = try await Normalizer(normalizeOptions).normalize(bytes, name: photo)
        var warnings = base.report.warnings.map { "\(photo): \($0.message)" }

        try LocalFile.makeDirectories(directory)
        let basePath = directory + "/base.png"
        try ImageFile.writeAtomically(base.bytes, to: basePath)

        var rendering: Mask.Rendering?
        var maskPath: String?
        var previewPath: String?
        if !shapes.isEmpty {
            var maskOptions = options.mask
            maskOptions.originalToBase = base.transform
            maskOptions.originalSize = Orientation(exifValue: base.report.orientation)
                .uprightSize(Size(width: base.report.inputWidth, height: base.report.inputHeight))
            let mask = try EncodedMask(shapes: shapes, size: base.image.size, options: maskOptions,
                                       previewBase: options.writePreview ? base.image : nil)
            warnings += mask.warnings.map { "mask: \($0.message)" }
            maskPath = directory + "/mask.png"
            try ImageFile.writeAtomically(mask.png, to: maskPath!)
            if let preview = mask.preview {
                previewPath = directory + "/preview.png"
                try ImageFile.writeAtomically(preview, to: previewPath!)
            }
            rendering = mask.rendering
        }

        let prepared = BundleManifest.Prepared(
            base: basePath, mask: maskPath, preview: previewPath, transform: base.transform, size: base.image.size,
            warnings: warnings)
        let manifest = BundleManifest(
            model: options.model, prompt: options.prompt, images: [.file(BundlePath.absolute(photo))], mask: nil,
            size: .pixels(base.image.size), n: options.n, prepared: prepared, directory: directory)
        let manifestPath = directory + "/bundle.json"
        try manifest.save(to: manifestPath)
        return PrepareResult(manifest: manifest, manifestPath: manifestPath, base: base, mask: rendering, warnings: warnings)
    }
}
