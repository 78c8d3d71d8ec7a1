import Foundation
import ImageCodecs
public import ImageCore

/// A bundle manifest: everything one API request needs, as JSON on disk (schema in `docs/BUNDLE.md`).
///
/// `imageprep prepare` writes it, `imageprep check` validates it and `imageprep submit` reads it. Local paths
/// in the file may be relative; `load(_:)` resolves them against the manifest's folder and `save(to:)` writes
/// them back relative to the folder of the new file (absolute when they lie outside it).
///
/// ```json
/// {"model": "gpt-4o-image", "prompt": "add a red hat", "images": ["photo.png"], "mask": "mask.png",
///  "size": "1024x1024", "n": 1, "callback_url": "https://example.com/hook"}
/// ```
public struct BundleManifest: Sendable, Hashable {
    /// The model the request is for. JSON `model`; default `gpt-4o-image` when absent.
    public var model: String
    /// The prompt or edit instruction. JSON `prompt`; nil when absent (the rules report it).
    public var prompt: String?
    /// Reference images, local files or URLs, in request order. JSON `images`; default empty (text-to-image).
    public var images: [BundleInput]
    /// The edit mask (a PNG with alpha), local file or URL. JSON `mask`; optional.
    public var mask: BundleInput?
    /// The output size asked for (`1024x1024`, `3:2`, `auto`, …; see `RequestedSize`). JSON `size`, a string;
    /// optional (the API's default then applies).
    public var size: RequestedSize?
    /// Number of images to generate. JSON `n`; optional (the API's default then applies).
    public var n: Int?
    /// HTTPS URL the API calls when the task finishes. JSON `callback_url`; optional.
    public var callbackURL: String?
    /// What `imageprep prepare` produced, if it ran. JSON `prepared`; optional.
    public var prepared: Prepared?
    /// The folder the manifest was loaded from (relative paths were resolved against it); nil when built in code.
    public var directory: String?

    /// The default model.
    public static let defaultModel = "gpt-4o-image"

    public init(
        model: String = BundleManifest.defaultModel, prompt: String? = nil, images: [BundleInput] = [],
        mask: BundleInput? = nil, size: RequestedSize? = nil, n: Int? = nil, callbackURL: String? = nil,
        prepared: Prepared? = nil, directory: String? = nil
    ) {
        self.model = model
        self.prompt = prompt
        self.images = images
        self.mask = mask
        self.size = size
        self.n = n
        self.callbackURL = callbackURL
        self.prepared = prepared
        self.directory = directory
    }

    /// A bundle assembled from command-line parts; each image/mask string is a path (relative to the current
    /// directory) or a URL.
    public init(
        model: String?, prompt: String?, images: [String], mask: String?, size: String?, n: Int?, callbackURL: String?
    ) {
        self.init(model: model ?? Self.defaultModel, prompt: prompt, images: images.map { BundleInput(parsing: $0) },
                  mask: mask.map { BundleInput(parsing: $0) }, size: size.map(RequestedSize.init(parsing:)), n: n, callbackURL: callbackURL)
    }

    /// The outputs of `imageprep prepare`: the normalized base image, mask and preview, and how the
    /// original was mapped onto the base.
    public struct Prepared: Sendable, Hashable {
        /// The normalized base image (the file `submit` sends). JSON `base`.
        public var base: String
        /// The rasterized mask in the base image's frame, if any. JSON `mask`.
        public var mask: String?
        /// A preview of the mask over the base, for people, if written. JSON `preview`.
        public var preview: String?
        /// Original-image coordinates → base-image coordinates (orientation, crop, scale, pad). JSON `transform`
        /// (`{"a","b","c","d","tx","ty"}`); nil when unknown.
        public var transform: ImageCore.AffineTransform?
        /// The base image's size in pixels. JSON `size` (`{"width","height"}`); nil when unknown.
        public var size: Size?
        /// Warnings `prepare` met, as sentences. JSON `warnings`; default empty.
        public var warnings: [String]

        public init(base: String, mask: String? = nil, preview: String? = nil, transform: ImageCore.AffineTransform? = nil,
                    size: Size? = nil, warnings: [String] = []) {
            self.base = base
            self.mask = mask
            self.preview = preview
            self.transform = transform
            self.size = size
            self.warnings = warnings
        }
    }

    /// The reference images a request sends: `images`, with `prepared.base` in place of the first one
    /// when `prepare` ran.
    public var sentImages: [BundleInput] {
        guard let prepared else { return images }
        return [.file(prepared.base)] + images.dropFirst()
    }

    /// The mask a request sends: `prepared.mask` when `prepare` made one, else `mask`.
    public var sentMask: BundleInput? {
        prepared?.mask.map { .file($0) } ?? mask
    }

    // MARK: - Loading and saving

    /// Largest manifest file read: 4 MiB.
    public static let maxManifestBytes = 4 << 20

    /// Reads and parses a manifest, resolving relative local paths against its folder.
    ///
    /// - Throws: `BundleError` (`.unreadable`, `.invalidJSON`, `.invalidField`) naming the file.
    public static func load(_ path: String) throws(BundleError) -> BundleManifest {
        let bytes: [UInt8]
        do {
            bytes = try ImageFile.read(path, maxBytes: maxManifestBytes)
        } catch let error as any ImagePrepError {
            throw BundleError(.unreadable, file: path, message: "cannot read the bundle manifest",
                              details: error.details.map { "\(error.message): \($0)" } ?? error.message)
        } catch {
            throw BundleError(.unreadable, file: path, message: "cannot read the bundle manifest", details: "\(error)")
        }
        return try decode(bytes, file: path, directory: path == "-" ? nil : BundlePath.directory(of: path))
    }

    /// Parses manifest JSON. Relative local paths are resolved against `directory` when given.
    ///
    /// - Parameters:
    ///   - bytes: the JSON text.
    ///   - file: the name used in errors.
    ///   - directory: the folder relative paths are resolved against (default: none, taken as given).
    /// - Throws: `BundleError` (`.invalidJSON`, `.invalidField`).
    public static func decode(_ bytes: [UInt8], file: String? = nil, directory: String? = nil) throws(BundleError) -> BundleManifest {
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: Data(bytes), options: [])
        } catch {
            throw BundleError(.invalidJSON, file: file, message: "not valid JSON",
                              details: (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String)
        }
        guard let root = object as? [String: Any] else {
            throw BundleError(.invalidJSON, file: file, message: "expected a JSON object at the top level, got \(JSONField.typeName(object))")
        }
        let fields = JSONField(root, file: file, path: "")
        var manifest = BundleManifest(directory: directory)
        manifest.model = try fields.string("model") ?? defaultModel
        manifest.prompt = try fields.string("prompt")
        manifest.images = try (fields.stringArray("images") ?? []).map { BundleInput(parsing: $0, relativeTo: directory) }
        manifest.mask = try fields.string("mask").map { BundleInput(parsing: $0, relativeTo: directory) }
        manifest.size = try fields.string("size").map(RequestedSize.init(parsing:))
        manifest.n = try fields.int("n")
        manifest.callbackURL = try fields.string("callback_url")
        if let prepared = try fields.object("prepared") {
            func path(_ key: String) throws(BundleError) -> String? {
                try prepared.string(key).map { BundlePath.resolve($0, against: directory) }
            }
            guard let base = try path("base") else {
                throw BundleError(.invalidField, file: file, message: "missing field `prepared.base`",
                                  details: "expected the path of the prepared base image")
            }
            manifest.prepared = Prepared(base: base, mask: try path("mask"), preview: try path("preview"),
                                         transform: try prepared.transform("transform"), size: try prepared.size("size"),
                                         warnings: try prepared.stringArray("warnings") ?? [])
        }
        return manifest
    }

    /// The manifest as JSON (keys sorted, pretty-printed), with local paths written relative to `directory`
    /// when they lie inside it (absolute otherwise). `directory` nil writes paths as they are.
    public func encoded(relativeTo directory: String? = nil) -> [UInt8] {
        func write(_ path: String) -> String { directory.map { BundlePath.relative(path, to: $0) } ?? path }
        func write(_ input: BundleInput) -> String {
            switch input {
            case .file(let path): write(path)
            case .url(let url): url
            }
        }
        var root: [String: Any] = ["model": model, "images": images.map(write)]
        if let prompt { root["prompt"] = prompt }
        if let mask { root["mask"] = write(mask) }
        if let size { root["size"] = size.description }
        if let n { root["n"] = n }
        if let callbackURL { root["callback_url"] = callbackURL }
        if let prepared {
            var p: [String: Any] = ["base": write(prepared.base), "warnings": prepared.warnings]
            if let mask = prepared.mask { p["mask"] = write(mask) }
            if let preview = prepared.preview { p["preview"] = write(preview) }
            if let t = prepared.transform { p["transform"] = ["a": t.a, "b": t.b, "c": t.c, "d": t.d, "tx": t.tx, "ty": t.ty] }
            if let s = prepared.size { p["size"] = ["width": s.width, "height": s.height] }
            root["prepared"] = p
        }
        // Serialising plain strings, numbers, arrays and dictionaries cannot fail.
        let data = (try? JSONSerialization.data(withJSONObject: root, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])) ?? Data()
        return Array(data) + [UInt8(ascii: "\n")]
    }

    /// Writes the manifest atomically to `path`, with local paths relative to its folder.
    ///
    /// - Throws: `BundleError.unwritable` naming the file.
    public func save(to path: String) throws(BundleError) {
        do {
            try ImageFile.writeAtomically(encoded(relativeTo: path == "-" ? nil : BundlePath.directory(of: path)), to: path)
        } catch let error as any ImagePrepError {
            throw BundleError(.unwritable, file: path, message: "cannot write the bundle manifest", details: error.message)
        } catch {
            throw BundleError(.unwritable, file: path, message: "cannot write the bundle manifest", details: "\(error)")
        }
    }
}
