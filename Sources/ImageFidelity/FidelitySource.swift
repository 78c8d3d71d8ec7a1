public import ImageCore

/// What a masked task's results are measured against: the base that was sent, its mask, and (when `prepare`
/// made the base) the original photo and the transform from it (upright) to the base. Recorded with the task
/// in the history so that `tasks download` can measure and paste back later.
public struct FidelitySource: Sendable, Hashable, Codable {
    /// The base image file sent as the first reference.
    public var base: String
    /// The mask file sent (in the base's frame).
    public var mask: String
    /// The original photo `prepare` normalized into the base, if known.
    public var original: String?
    /// Upright original → base (`BundleManifest.Prepared.transform`), if known.
    public var transform: AffineTransform?

    public init(base: String, mask: String, original: String? = nil, transform: AffineTransform? = nil) {
        self.base = base
        self.mask = mask
        self.original = original
        self.transform = transform
    }
}
