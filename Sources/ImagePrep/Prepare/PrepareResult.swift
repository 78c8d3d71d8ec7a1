import ImageCore
public import ImageMasks
public import ImageRules

/// What `Preparer.prepare` made.
public struct PrepareResult: Sendable {
    /// The bundle as written to `bundle.json` (paths absolute in memory; relative to the folder on disk).
    public var manifest: BundleManifest
    /// `DIR/bundle.json`.
    public var manifestPath: String
    /// The normalized base, as encoded and its report.
    public var base: NormalizedImage
    /// The mask rendering, when shapes were given.
    public var mask: Mask.Rendering?
    /// Every warning met (normalization, shapes, mask encoding), as sentences.
    public var warnings: [String]
}
