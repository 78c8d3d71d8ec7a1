import ImageCodecs
import ImageCore

extension BundleRules {
    /// Checks the mask: allowed at all, with how many images, format, bytes, alpha, coverage, polarity, size.
    func checkMask(_ input: BundleInput, images: [BundleInput], reference: InspectedImage?) -> [RuleIssue] {
        let name = input.description
        guard let limits = profile.mask else {
            return [RuleIssue(rule: "mask.unsupported", severity: .error, file: name,
                              message: "expected no mask for \(profile.model), got one; masks (mask_url) are documented only for gpt-4o-image",
                              hint: "drop the mask, or use --model gpt-4o-image")]
        }
        var issues: [RuleIssue] = []
        if images.isEmpty {
            issues.append(RuleIssue(rule: "mask.without-image", severity: .error, file: name,
                                    message: "expected a reference image for the mask to apply to, got none",
                                    hint: "add the image the mask was drawn for: --image FILE"))
        } else if images.count > limits.maxImages {
            issues.append(RuleIssue(rule: "mask.multiple-images", severity: .error, file: name,
                                    message: "expected at most \(limits.maxImages) reference image with a mask, got \(images.count); the API does not accept a mask with several images",
                                    hint: "send only the image the mask belongs to, or drop the mask"))
        }
        let path: String
        switch input {
        case .url(let url):
            return issues + checkRemote(url, prefix: "mask", extensions: limits.formats.flatMap { Self.extensions(of: $0) })
        case .file(let file):
            path = file
        }
        let (inspected, found) = inspect(path, prefix: "mask", decode: true, allowedFormats: limits.formats)
        issues += found
        guard let facts = inspected else { return issues }
        if facts.byteCount > limits.maxBytes {
            issues.append(RuleIssue(rule: "mask.bytes", severity: .error, file: path,
                                    message: "expected at most \(Self.bytes(limits.maxBytes)), got \(Self.bytes(facts.byteCount))",
                                    hint: "draw it again with ImagePrep's mask renderer (its masks are always ≤ 4 MB), with hard edges",
                                    fix: .drawMask(base: reference?.path, hardEdges: true)))
        }
        if limits.requiresAlpha {
            if !facts.info.hasAlpha {
                issues.append(RuleIssue(rule: "mask.alpha", severity: .error, file: path,
                                        message: "expected a mask with an alpha channel (transparent = edit), got \(facts.info.colorModel) without alpha; the API rejects masks without alpha",
                                        hint: "draw the mask with ImagePrep's mask renderer, or add alpha where the mask should edit",
                                        fix: .drawMask(base: reference?.path)))
            } else if let image = facts.decoded?.image {
                issues += checkCoverage(image, path: path, base: reference?.path)
            }
        }
        if limits.sameSizeAsImage, let reference, reference.info.size != facts.info.size {
            issues.append(RuleIssue(rule: "mask.size-mismatch", severity: .error, file: path,
                                    message: "expected \(reference.info.size) (the size of \(Self.fileName(reference.path))), got \(facts.info.size)",
                                    hint: "draw the mask at the size of \(reference.path), or prepare the bundle so base and mask match",
                                    fix: .drawMask(base: reference.path)))
        }
        return issues
    }

    /// `mask.alpha-opaque`, `mask.alpha-transparent` and `mask.polarity` from the decoded pixels.
    func checkCoverage(_ decodedImage: Image, path: String, base: String?) -> [RuleIssue] {
        let coverage = MaskCoverage(decodedImage)
        var issues: [RuleIssue] = []
        if coverage.transparent == 0 && coverage.partial == 0 {
            issues.append(RuleIssue(rule: "mask.alpha-opaque", severity: .warning, file: path,
                                    message: "expected some transparent pixels (the area to edit), got a fully opaque alpha channel: nothing is marked for editing",
                                    hint: "check the polarity: transparent = edit",
                                    fix: .drawMask(base: base)))
        } else if coverage.opaque == 0 && coverage.partial == 0 {
            issues.append(RuleIssue(rule: "mask.alpha-transparent", severity: .warning, file: path,
                                    message: "expected some opaque pixels (the area to keep), got a fully transparent alpha channel: the whole image is marked for editing",
                                    hint: "drop the mask to edit everything, or check the polarity (invert the mask)",
                                    fix: .drawMask(base: base, inverted: true)))
        }
        if coverage.transparentNotWhite > 0 {
            issues.append(RuleIssue(rule: "mask.polarity", severity: .warning, file: path,
                                    message: "expected transparent pixels to be white, got \(coverage.transparentNotWhite) of \(coverage.transparent) that are not; Evolink's docs disagree on polarity (transparent = edit vs white = edit), a transparent white edit area satisfies both",
                                    hint: "draw it with ImagePrep's mask renderer: it paints the transparent edit area white",
                                    fix: .drawMask(base: base)))
        }
        return issues
    }

    static func extensions(of format: ImageFormat) -> [String] {
        switch format {
        case .jpeg: ["jpg", "jpeg"]
        case .png: ["png"]
        case .webp: ["webp"]
        case .heif: ["heic", "heif", "hif"]
        case .avif: ["avif"]
        case .gif: ["gif"]
        case .tiff: ["tif", "tiff"]
        }
    }
}
