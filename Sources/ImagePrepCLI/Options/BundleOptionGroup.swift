import ArgumentParser
import ImagePrep
import ImageRules

/// A request given as a bundle manifest and/or its parts on the command line; options override the
/// manifest's fields (`--image` replaces its images and its prepared base, `--mask` its prepared mask).
struct BundleOptionGroup: ParsableArguments {
    @Argument(help: ArgumentHelp("A bundle manifest (schema: docs/BUNDLE.md).", valueName: "BUNDLE.json"))
    var bundle: String?

    @Option(name: .long, help: ArgumentHelp("A reference image: local file or http(s) URL; repeat up to 5 times.", valueName: "FILE|URL"))
    var image: [String] = []

    @Option(help: ArgumentHelp("The edit mask (PNG with alpha; with exactly one --image).", valueName: "FILE|URL"))
    var mask: String?

    @Option(help: "The prompt or edit instruction (at most 1000 characters for gpt-4o-image).")
    var prompt: String?

    @Option(help: "Output size: 1:1, 2:3, 3:2, 1024x1024, 1024x1536 or 1536x1024 (values per model).")
    var size: String?

    @Option(help: "Number of images: 1, 2 or 4 (values per model).")
    var n: Int?

    @Option(help: "The model (default: the manifest's, else gpt-4o-image).")
    var model: String?

    @Option(name: .customLong("callback-url"), help: ArgumentHelp("An https URL the API calls when the task ends.", valueName: "URL"))
    var callbackURL: String?

    /// The manifest: loaded from `bundle` (if given) with the options applied.
    ///
    /// - Throws: `BundleError` when the manifest cannot be read.
    func manifest() throws -> BundleManifest {
        var manifest = try bundle.map { path throws -> BundleManifest in try BundleManifest.load(path) } ?? BundleManifest()
        if let model { manifest.model = model }
        if let prompt { manifest.prompt = prompt }
        if !image.isEmpty {
            manifest.images = image.map { BundleInput(parsing: $0) }
            manifest.prepared = nil
        }
        if let mask {
            manifest.mask = BundleInput(parsing: mask)
            manifest.prepared?.mask = nil
        }
        if let size { manifest.size = RequestedSize(parsing: size) }
        if let n { manifest.n = n }
        if let callbackURL { manifest.callbackURL = callbackURL }
        return manifest
    }
}
