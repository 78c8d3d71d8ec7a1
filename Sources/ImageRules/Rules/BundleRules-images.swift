#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
public import Darwin
#endif
import ImageCodecs
import ImageCore

extension BundleRules {
    /// Checks one reference image (local file or URL).
    func checkImage(_ input: BundleInput, requestedSize: RequestedSize?, hasMask: Bool) -> (InspectedImage?, [RuleIssue]) {
        let limits = profile.images
        switch input {
        case .url(let url):
            return (nil, checkRemote(url, prefix: "image", extensions: limits.extensions))
        case .file(let path):
            var (facts, issues) = inspect(path, prefix: "image", decode: options.deep, allowedFormats: limits.formats)
            guard let facts else { return (nil, issues) }
            let info = facts.info
            if ImageDecoder.extensionWarning(path: path, format: info.format) == nil, !Self.hasAllowedExtension(path, limits.extensions) {
                issues.append(RuleIssue(rule: "image.extension", severity: .warning, file: path,
                                        message: "expected a name ending in \(Self.list(limits.extensions.map { "." + $0 })), got `\(Self.fileName(path))`",
                                        hint: "rename it to .\(info.format.fileExtension); the API documents these extensions"))
            }
            if facts.byteCount > limits.maxBytes {
                issues.append(RuleIssue(rule: "image.bytes", severity: .error, file: path,
                                        message: "expected at most \(Self.bytes(limits.maxBytes)), got \(Self.bytes(facts.byteCount))",
                                        fix: .normalize(file: path, maxBytes: limits.maxBytes)))
            } else if let advisory = limits.advisoryMaxBytes, facts.byteCount > advisory {
                issues.append(RuleIssue(rule: "image.bytes-advisory", severity: .warning, file: path,
                                        message: "expected at most \(Self.bytes(advisory)) to be safe, got \(Self.bytes(facts.byteCount))"
                                            + (limits.advisoryNote.map { "; \($0)" } ?? ""),
                                        fix: .normalize(file: path, maxBytes: advisory)))
            }
            if info.orientation != .up {
                issues.append(RuleIssue(rule: "image.orientation", severity: .warning, file: path,
                                        message: "expected pixels stored upright, got EXIF orientation \(info.orientation.rawValue); the API may ignore EXIF and see the image turned (stored \(info.size), shown \(info.uprightSize))",
                                        fix: .normalize(file: path)))
            }
            issues += checkDimensions(info, path: path, requestedSize: requestedSize)
            if hasMask, profile.mask != nil, info.format != .png {
                issues.append(RuleIssue(rule: "mask.base-format", severity: .warning, file: path,
                                        message: "expected a PNG base image for a masked edit, got \(info.format.rawValue.uppercased()); OpenAI's edit endpoint wants base and mask as PNG of the same size, Evolink does not say",
                                        fix: .normalize(file: path, format: .png)))
            }
            return (facts, issues)
        }
    }

    /// `image.dimensions` (reference ≠ the requested pixel size) and `image.edit-size` (no size requested and
    /// the reference is not one of the model's edit sizes). Only for profiles with `edit_sizes`.
    /// Sizes compare the stored pixels (what the bytes say); the hint's size follows the upright image,
    /// because `normalize` applies EXIF orientation first.
    func checkDimensions(_ info: ImageInfo, path: String, requestedSize: RequestedSize?) -> [RuleIssue] {
        let size = info.size
        guard let editSizes = profile.images.editSizes?.compactMap(Size.init(parsing:)), !editSizes.isEmpty else { return [] }
        let requested = requestedSize?.pixelSize(among: editSizes)
        if let requested {
            guard size != requested else { return [] }
            return [RuleIssue(rule: "image.dimensions", severity: profile.images.sizeMismatchSeverity ?? .error, file: path,
                              message: "expected \(requested) (the requested size \(requestedSize?.description ?? "")), got \(size); the API fails such tasks with image_dimension_mismatch",
                              fix: .normalize(file: path, size: requested))]
        }
        guard !editSizes.contains(size) else { return [] }
        let nearest = Self.nearest(to: info.uprightSize, among: editSizes)
        return [RuleIssue(rule: "image.edit-size", severity: .warning, file: path,
                          message: "expected one of \(Self.list(editSizes.map(\.description))) for an edit, got \(size)",
                          fix: .normalize(file: path, size: nearest))]
    }

    /// Most-images rule.
    func checkImageCount(_ count: Int) -> [RuleIssue] {
        guard count > profile.images.maxCount else { return [] }
        return [RuleIssue(rule: "image.count", severity: .error, option: "images",
                          message: "expected at most \(profile.images.maxCount) reference image\(profile.images.maxCount == 1 ? "" : "s") for \(profile.model), got \(count)",
                          hint: "drop \(count - profile.images.maxCount) of them")]
    }

    /// URL syntax for a remote image or mask (never fetched): `<prefix>.url` errors, `<prefix>.url-host` and
    /// `<prefix>.url-extension` warnings.
    func checkRemote(_ url: String, prefix: String, extensions: [String]) -> [RuleIssue] {
        let parsed: RemoteURL
        switch RemoteURL.parse(url) {
        case .failure(let error):
            return [RuleIssue(rule: "\(prefix).url", severity: .error, file: url,
                              message: "expected an http(s) URL the API can fetch, got one that \(error.reason)",
                              hint: "give a local file instead; submitting uploads it")]
        case .success(let value):
            parsed = value
        }
        guard parsed.scheme == "https" || parsed.scheme == "http" else {
            return [RuleIssue(rule: "\(prefix).url", severity: .error, file: url,
                              message: "expected an http(s) URL, got a \(parsed.scheme): URL",
                              hint: "give a local file instead; submitting uploads it")]
        }
        var issues: [RuleIssue] = []
        switch parsed.hostAddress {
        case .internalIP(let address, let range):
            issues.append(RuleIssue(rule: "\(prefix).url", severity: .error, file: url,
                                    message: "expected a public host the API server can reach, got \(address) in \(range)",
                                    hint: "give a local file instead; submitting uploads it"))
        case .loopbackName(let host):
            issues.append(RuleIssue(rule: "\(prefix).url", severity: .error, file: url,
                                    message: "expected a public host the API server can reach, got \(host) (loopback)",
                                    hint: "give a local file instead; submitting uploads it"))
        case .internalName(let host):
            issues.append(RuleIssue(rule: "\(prefix).url-host", severity: .warning, file: url,
                                    message: "expected a public host name, got `\(host)`, which looks internal; the API server must fetch it",
                                    hint: "give a local file instead; submitting uploads it"))
        case .publicIP, .name:
            break
        }
        if !Self.hasAllowedExtension(RemoteURL.percentDecoded(parsed.path), extensions) {
            issues.append(RuleIssue(rule: "\(prefix).url-extension", severity: .warning, file: url,
                                    message: "expected a URL path ending in \(Self.list(extensions.map { "." + $0 })), got `\(parsed.path.isEmpty ? "/" : parsed.path)`; the docs ask for links that download the image directly",
                                    hint: "use a direct link to the image file"))
        }
        return issues
    }

    // MARK: - Helpers

    /// The edit size whose aspect ratio is closest to `size`'s (log scale).
    static func nearest(to size: Size, among sizes: [Size]) -> Size {
        func distance(_ s: Size) -> Double { abs(log2(s.aspectRatio) - log2(size.aspectRatio)) }
        return sizes.min { distance($0) < distance($1) } ?? sizes[0]
    }

    static func hasAllowedExtension(_ path: String, _ extensions: [String]) -> Bool {
        let name = fileName(path)
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return false }
        return extensions.contains(name[name.index(after: dot)...].lowercased())
    }

    static func fileName(_ path: String) -> String {
        path.split(separator: "/").last.map(String.init) ?? path
    }

    /// "a, b or c".
    static func list(_ items: [String]) -> String {
        guard items.count > 1 else { return items.first ?? "" }
        return items.dropLast().joined(separator: ", ") + " or " + items[items.count - 1]
    }

    /// "10,000,000 bytes (10.0 MB)".
    static func bytes(_ n: Int) -> String {
        var digits = String(n)
        var grouped = ""
        while digits.count > 3 {
            grouped = "," + digits.suffix(3) + grouped
            digits = String(digits.dropLast(3))
        }
        let mb = Double(n) / 1_000_000
        let rounded = (mb * 10).rounded() / 10
        return "\(digits)\(grouped) bytes (\(rounded) MB)"
    }
}
