import Foundation
import ImageCodecs
import ImageCore
import ImageMasks
import ImagePrep
import ImageRules
import HTTPTypes
import SystemIO

/// What the page is editing: the uploads (the first is the photo the mask is for; the others are reference
/// images), the chosen model and size, the current shapes document and the mask the library rendered from it.
/// One per studio; every change goes through this actor, so renders and uploads never interleave.
actor StudioSession {
    let dataDirectory: String
    private(set) var uploads: [StudioUpload] = []
    private(set) var model: String
    private(set) var size: TargetSize = .auto
    /// The shapes document as the page sent it (ImagePrep JSON, base frame), byte for byte.
    private(set) var shapesDocument: [UInt8]?
    private(set) var renderOptions = Mask.RenderOptions()
    /// The current mask PNG (`DATA/session/mask.png`) when shapes are drawn.
    private(set) var mask: [UInt8]?
    private var nextID = 1

    init(dataDirectory: String, model: String) {
        self.dataDirectory = dataDirectory
        self.model = model
    }

    var maskPath: String { dataDirectory + "/session/mask.png" }

    // MARK: Uploads

    /// Keeps `bytes` under a fresh id and normalizes them to the current size.
    ///
    /// - Throws: the codecs' and normalizer's errors, naming `name`; nothing is kept then.
    func add(_ bytes: [UInt8], name: String) async throws -> StudioUpload {
        let id = "u\(nextID)"
        nextID += 1
        let folder = dataDirectory + "/uploads/" + id
        try LocalFile.makeDirectories(folder)
        do {
            let upload = try await normalize(bytes, id: id, name: name, folder: folder)
            try ImageFile.writeAtomically(bytes, to: upload.sourcePath)
            uploads.append(upload)
            if uploads.count == 1 { try clearMask() }
            return upload
        } catch {
            try? FileManager.default.removeItem(atPath: folder)
            throw error
        }
    }

    /// Drops the upload `id` (and the mask when it was the photo's).
    func remove(_ id: String) throws {
        guard let index = uploads.firstIndex(where: { $0.id == id }) else { throw StudioError(.notFound, "no upload \(id)") }
        let removed = uploads.remove(at: index)
        try? FileManager.default.removeItem(atPath: dataDirectory + "/uploads/" + removed.id)
        if index == 0 { try clearMask() }
    }

    func upload(_ id: String) -> StudioUpload? { uploads.first { $0.id == id } }

    /// Sets the model and the output size; a new size re-normalizes every upload (shapes are re-projected by
    /// the page from the original frame, then sent again).
    func configure(model: String?, size: TargetSize?) async throws {
        if let model { self.model = model }
        guard let size, size != self.size else { return }
        self.size = size
        var renewed: [StudioUpload] = []
        for upload in uploads {
            let bytes = try ImageFile.read(upload.sourcePath, maxBytes: DecodeLimits.default.maxInputBytes)
            renewed.append(try await normalize(bytes, id: upload.id, name: upload.name, folder: dataDirectory + "/uploads/" + upload.id))
        }
        uploads = renewed
        try clearMask()
    }

    private func normalize(_ bytes: [UInt8], id: String, name: String, folder: String) async throws -> StudioUpload {
        let normalized = try await Normalizer(normalizeOptions).normalize(bytes, name: name)
        let basePath = folder + "/base.png"
        try ImageFile.writeAtomically(normalized.bytes, to: basePath)
        let upright = normalized.orientation.uprightSize(Size(width: normalized.report.inputWidth, height: normalized.report.inputHeight))
        let ext = FormatSniffer.format(of: bytes).map(\.rawValue) ?? "bin"
        return StudioUpload(id: id, name: name, sourcePath: folder + "/source." + ext, basePath: basePath,
                            width: normalized.image.width, height: normalized.image.height,
                            originalWidth: upright.width, originalHeight: upright.height, transform: normalized.transform,
                            orientation: normalized.report.orientation, warnings: normalized.report.warnings.map(\.message))
    }

    /// What uploads are normalized with: PNG (a masked edit sends base and mask as PNG) at the chosen size.
    var normalizeOptions: NormalizeOptions { NormalizeOptions(size: size, format: .png) }

    // MARK: Mask

    /// Renders `document` (ImagePrep JSON or any format `Mask.Importer` reads, in base pixels) on the photo's
    /// base with `options`, exactly as `imageprep mask --base base.png --shapes FILE` does; nil clears the mask.
    /// A document that cannot be rendered clears the mask too (nothing stale is left to submit).
    ///
    /// - Returns: the warnings and pixel counts.
    /// - Throws: `StudioError` 409 without a photo, the importer's and rasterizer's errors.
    func render(_ document: [UInt8]?, options: Mask.RenderOptions) throws -> MaskSummary {
        guard let photo = uploads.first else { throw StudioError(.conflict, "upload a photo before drawing the mask") }
        let size = Size(width: photo.width, height: photo.height)
        guard let document else {
            try clearMask()
            return MaskSummary(shapes: 0, edit: 0, partial: 0, keep: size.width * size.height, bytes: 0, warnings: [])
        }
        do {
            let imported = try Mask.Importer.load(document, name: "shapes", options: .init(frame: .base))
            let encoded = try EncodedMask(shapes: imported.shapes, size: size, options: options)
            try LocalFile.makeDirectories(dataDirectory + "/session")
            try ImageFile.writeAtomically(encoded.png, to: maskPath)
            shapesDocument = document
            renderOptions = options
            mask = encoded.png
            let counts = encoded.rendering.pixelCounts
            return MaskSummary(shapes: imported.shapes.count, edit: counts.edit, partial: counts.partial, keep: counts.keep,
                               bytes: encoded.png.count, warnings: imported.warnings.map(\.message) + encoded.warnings.map(\.message))
        } catch {
            try clearMask()
            throw error
        }
    }

    private func clearMask() throws {
        mask = nil
        shapesDocument = nil
        try? FileManager.default.removeItem(atPath: maskPath)
    }

    /// The bundle the page describes: the photo (its base and the current mask prepared), the other uploads as
    /// reference images (their normalized files), and the request options. Nil without a photo.
    func manifest(prompt: String?, n: Int?, callbackURL: String?) -> BundleManifest? {
        guard let photo = uploads.first else { return nil }
        let size = Size(width: photo.width, height: photo.height)
        let prepared = BundleManifest.Prepared(base: photo.basePath, mask: mask == nil ? nil : maskPath, transform: photo.transform,
                                               size: size)
        let images = [BundleInput.file(photo.sourcePath)] + uploads.dropFirst().map { BundleInput.file($0.basePath) }
        return BundleManifest(model: model, prompt: prompt, images: images, size: .pixels(size), n: n,
                              callbackURL: callbackURL, prepared: prepared, directory: dataDirectory)
    }

    /// The shapes of the current document (base frame), for submitting.
    func shapes() throws -> [Mask.Shape] {
        guard let shapesDocument else { return [] }
        return try Mask.Importer.load(shapesDocument, name: "shapes", options: .init(frame: .base)).shapes
    }
}

/// What a mask render made, for the page.
struct MaskSummary: Sendable, Encodable {
    var shapes: Int
    var edit: Int
    var partial: Int
    var keep: Int
    var bytes: Int
    var warnings: [String]
}
