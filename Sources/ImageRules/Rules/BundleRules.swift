public import ImageCodecs
import ImageCore

/// Checks a bundle against one model profile and returns every problem at once, before anything is uploaded.
///
/// ```swift
/// let issues = BundleRules(profile).check(bundle)
/// if issues.contains(where: { $0.severity == .error }) { … }
/// ```
///
/// Local files are judged by content: the format is sniffed, the header read (`ImageDecoder.info`), and with
/// `Options.deep` the pixels decoded. A mask is always decoded (its alpha must be looked at). Remote inputs
/// are checked for URL syntax only; nothing is fetched. Rule ids are stable; the list is in docs/RULES.md.
public struct BundleRules: Sendable {
    /// How thoroughly to check.
    public struct Options: Sendable, Hashable {
        /// Fully decode every local image, not only its header. Default false.
        public var deep: Bool
        /// Decode limits for local files. Default `.default`.
        public var limits: DecodeLimits
        /// How a deep check decodes: damage the strictness tolerates is reported as a warning
        /// (`*.decode-warning`), the rest as an error (`*.decode`). Default `.standard` (a truncated file is an
        /// error, recoverable damage a warning).
        public var strictness: DecodeStrictness

        public init(deep: Bool = false, limits: DecodeLimits = .default, strictness: DecodeStrictness = .standard) {
            self.deep = deep
            self.limits = limits
            self.strictness = strictness
        }
    }

    /// The model's limits.
    public var profile: ModelProfile
    public var options: Options

    public init(_ profile: ModelProfile, options: Options = .init()) {
        self.profile = profile
        self.options = options
    }

    /// Checks `bundle` against the profile named by its `model` in `profiles`; an unknown model gives one
    /// `model.unknown` error and nothing else.
    public static func check(_ bundle: BundleManifest, profiles: ProfileSet = .builtIn, options: Options = .init()) -> [RuleIssue] {
        guard let profile = profiles.profile(for: bundle.model) else {
            return [RuleIssue(rule: "model.unknown", severity: .error, option: "model",
                              message: "expected one of \(profiles.models.joined(separator: ", ")), got `\(bundle.model)`",
                              hint: "set \"model\" to a known model, or describe it in a rules file: --rules FILE")]
        }
        return BundleRules(profile, options: options).check(bundle)
    }

    /// Every issue of `bundle`, ordered: per image in request order, then the mask, then the options.
    /// When `bundle.prepared` is present its base and mask are checked in place of `images[0]` and `mask`.
    public func check(_ bundle: BundleManifest) -> [RuleIssue] {
        let images = bundle.sentImages
        let mask = bundle.sentMask
        var issues: [RuleIssue] = []
        var inspected: [InspectedImage?] = []
        for input in images {
            let (facts, found) = checkImage(input, requestedSize: bundle.size, hasMask: mask != nil)
            inspected.append(facts)
            issues += found
        }
        issues += checkImageCount(images.count)
        if let mask {
            issues += checkMask(mask, images: images, reference: inspected.first ?? nil)
        }
        issues += checkPrompt(bundle.prompt)
        issues += checkN(bundle.n)
        issues += checkSize(bundle.size)
        if let callback = bundle.callbackURL { issues += checkCallback(callback) }
        return issues
    }
}

/// What was learnt about one local image file.
struct InspectedImage {
    var path: String
    var byteCount: Int
    var info: ImageInfo
    var decoded: DecodedImage?
}

extension BundleRules {
    /// Reads, sniffs and header-parses (or decodes) a local file, reporting unreadable/format/decode issues
    /// with `prefix` (`image` or `mask`). Returns nil facts when the file could not be understood.
    /// (Over 60 lines: one file's checks in the order a reader meets them, sniff → extension → decode → frames,
    /// each appending to the same issue list.)
    func inspect(_ path: String, prefix: String, decode: Bool, allowedFormats: [ImageFormat]) -> (InspectedImage?, [RuleIssue]) {
        let bytes: [UInt8]
        do {
            bytes = try ImageFile.read(path, maxBytes: options.limits.maxInputBytes)
        } catch let error as LimitError {
            return (nil, [RuleIssue(rule: "\(prefix).bytes", severity: .error, file: path,
                                    message: error.message, hint: "use a smaller file")])
        } catch {
            let text = (error as? any ImagePrepError).map { [$0.message, $0.details].compactMap { $0 }.joined(separator: ": ") } ?? "\(error)"
            return (nil, [RuleIssue(rule: "\(prefix).unreadable", severity: .error, file: path,
                                    message: "expected a readable file, got: \(text)", hint: "check the path (relative paths in a bundle are relative to the bundle's folder)")])
        }
        var issues: [RuleIssue] = []
        let allowedNames = allowedFormats.map { $0.rawValue.uppercased() }.joined(separator: ", ")
        let formatHint: String? = prefix == "mask" ? "draw the mask as a PNG with alpha" : nil
        let formatFix: RuleIssue.Fix = prefix == "mask" ? .drawMask() : .normalize(file: path, format: allowedFormats.first ?? .png)
        let format: ImageFormat
        do {
            format = try ImageDecoder.sniff(bytes, name: path)
        } catch {
            return (nil, [RuleIssue(rule: "\(prefix).format", severity: .error, file: path,
                                    message: "expected \(allowedNames) content, got: \(error.message)",
                                    hint: formatHint, fix: formatFix)])
        }
        if !allowedFormats.contains(format) {
            issues.append(RuleIssue(rule: "\(prefix).format", severity: .error, file: path,
                                    message: format.isWritable ? "expected \(allowedNames) content, got \(format.rawValue.uppercased())"
                                        : "\(format.rawValue.uppercased()) is not accepted by the image API (expected \(allowedNames) content)",
                                    hint: formatHint, fix: formatFix))
            // HEIC, AVIF, GIF, TIFF: normalize makes a new file, so the other rules would judge the wrong one.
            if !format.isWritable { return (nil, issues) }
        }
        if let warning = ImageDecoder.extensionWarning(path: path, format: format) {
            issues.append(RuleIssue(rule: "\(prefix).extension", severity: .warning, file: path,
                                    message: "expected a .\(format.fileExtension) name for \(format.rawValue.uppercased()) content: \(warning.message)",
                                    hint: "rename it to .\(format.fileExtension); servers and gateways pick the MIME type from the name"))
        }
        let info: ImageInfo
        var decoded: DecodedImage?
        do {
            if decode {
                let result = try ImageDecoder.decode(bytes, name: path, options: DecodeOptions(limits: options.limits, strictness: options.strictness))
                decoded = result
                info = result.info
                for warning in result.warnings where warning.code != "animated" {  // `<prefix>.animated` reports frames
                    issues.append(RuleIssue(rule: "\(prefix).decode-warning", severity: .warning, file: path,
                                            message: "decodes with a warning [\(warning.code)]: \(warning.message)",
                                            hint: prefix == "mask" ? "re-save the mask, or draw it again" : nil,
                                            fix: prefix == "mask" ? .drawMask() : .normalize(file: path)))
                }
            } else {
                info = try ImageDecoder.info(bytes, name: path, limits: options.limits)
            }
        } catch {
            let text = (error as? any ImagePrepError).map { [$0.message, $0.details].compactMap { $0 }.joined(separator: ": ") } ?? "\(error)"
            let stage = (error as? any CodecFailure)?.stage ?? "decode"
            issues.append(RuleIssue(rule: "\(prefix).decode", severity: .error, file: path,
                                    message: "expected a file that decodes, got a \(stage) error: \(text)",
                                    hint: "re-export the image; a deep check decodes it whole and names where it breaks"))
            return (nil, issues)
        }
        let frames = info.frameCount
        if frames > 1 {
            issues.append(RuleIssue(rule: "\(prefix).animated", severity: .warning, file: path,
                                    message: "expected a still image, got \(frames) frames; only the first is used",
                                    hint: prefix == "mask" ? "save only the first frame" : nil,
                                    fix: prefix == "mask" ? nil : .normalize(file: path)))
        }
        return (InspectedImage(path: path, byteCount: bytes.count, info: info, decoded: decoded), issues)
    }
}
