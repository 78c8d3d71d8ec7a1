public import ImageFidelity
public import ImageRules

extension FidelitySource {
    /// What a bundle's results are measured against: its sent base (the first image sent) and sent mask, and,
    /// when `prepare` made the base, the original photo (`images[0]`) and `prepared.transform`. Nil when the
    /// bundle sends no mask or its base or mask is a URL.
    public init?(manifest: BundleManifest) {
        guard case .file(let base)? = manifest.sentImages.first, case .file(let mask)? = manifest.sentMask else { return nil }
        var original: String?
        if manifest.prepared != nil, case .file(let path)? = manifest.images.first { original = path }
        self.init(base: base, mask: mask, original: original, transform: original == nil ? nil : manifest.prepared?.transform)
    }
}
