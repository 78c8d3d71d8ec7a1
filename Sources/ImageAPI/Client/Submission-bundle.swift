import ImagePrep

extension Submission {
    /// The submission a bundle manifest describes. When the bundle was prepared (`prepared` present), the
    /// prepared base replaces `images[0]` and the prepared mask replaces `mask`: those are what is sent.
    ///
    /// - Throws: `ClientError` `.invalidInput` when the bundle has no prompt.
    public init(bundle: BundleManifest) throws {
        guard let prompt = bundle.prompt else {
            throw ClientError(.invalidInput, message: "the bundle has no prompt", file: bundle.directory)
        }
        func source(_ input: BundleInput) -> ImageSource {
            switch input {
            case .file(let path): .file(path)
            case .url(let url): .url(url)
            }
        }
        self.init(model: bundle.model, prompt: prompt, images: bundle.sentImages.map(source), mask: bundle.sentMask.map(source),
                  size: bundle.size, n: bundle.n,
                  callbackURL: bundle.callbackURL)
    }

    /// The submission as a bundle manifest (for the bundle rules).
    public var bundle: BundleManifest {
        func input(_ source: ImageSource) -> BundleInput {
            switch source {
            case .file(let path): .file(path)
            case .url(let url): .url(url)
            }
        }
        return BundleManifest(model: model, prompt: prompt, images: images.map(input), mask: mask.map(input),
                              size: size, n: n, callbackURL: callbackURL)
    }
}
