import Hummingbird
import ImageAPI
import ImageRules

extension StudioServer {
    /// `POST /api/uploads?name=NAME` with the file's bytes as the body. The model profile gives both limits:
    /// `images.max_count` files and `images.max_bytes` per file (checked while the body streams in). The
    /// name is only displayed; the file is kept under a server-made id.
    func upload(_ request: Request) async throws -> Response {
        let model = await session.model
        guard let profile = configuration.profile(for: model) else { throw StudioError(.conflict, "no profile for \(model)") }
        let name = Self.displayName(request.uri.queryParameters.get("name") ?? "image")
        guard await session.uploads.count < profile.images.maxCount else {
            throw StudioError(.conflict, "\(name): \(model) takes at most \(profile.images.maxCount) images; remove one first")
        }
        let bytes = try await JSONBody.collect(request, limit: profile.images.maxBytes, what: name)
        let upload: StudioUpload
        do {
            upload = try await session.add(bytes, name: name)
        } catch let error as StudioError {
            throw error
        } catch {
            throw StudioError(.unprocessableContent, "\(error)")
        }
        return JSONReply.make(.ok, UploadReply(upload: upload, state: await state()))
    }

    struct UploadReply: Encodable {
        var upload: StudioUpload
        var state: StudioState
    }

    /// The browser's file name reduced to something safe to show: its last component, no control
    /// characters, at most 120 characters.
    static func displayName(_ raw: String) -> String {
        let last = raw.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? "image"
        let clean = String(String.UnicodeScalarView(last.unicodeScalars.filter { !$0.properties.generalCategory.isControl }))
        return clean.isEmpty ? "image" : String(clean.prefix(120))
    }
}

extension Unicode.GeneralCategory {
    var isControl: Bool { self == .control || self == .format || self == .lineSeparator || self == .paragraphSeparator }
}

/// What the page needs to know at start: every model's limits and choices, and the session.
struct StudioConfig: Encodable {
    struct Model: Encodable {
        var model: String
        var maxImages: Int
        var maxBytes: Int
        var extensions: [String]
        var promptMax: Int
        var n: [Int]
        var sizes: [String]
        var maskAllowed: Bool
        /// Price per image in credits and in US dollars, when the configuration states one (else the page shows
        /// no estimate rather than an invented one).
        var pricePerImage: Double?
        var usdPerImage: Double?

        init(_ profile: ModelProfile, price: ModelPrice?) {
            model = profile.model
            maxImages = profile.images.maxCount
            maxBytes = profile.images.maxBytes
            extensions = profile.images.extensions
            promptMax = profile.prompt.maxLength
            n = profile.n ?? [1]
            sizes = ["auto"] + (profile.images.editSizes ?? [])
            maskAllowed = profile.mask != nil
            pricePerImage = price?.creditsPerImage
            usdPerImage = price?.usdPerImage
        }
    }

    var models: [Model]
    var model: String
    /// `sandbox` or the API's host.
    var target: String
    var state: StudioState
}

/// The session as the page sees it.
struct StudioState: Encodable {
    var uploads: [StudioUpload]
    var size: String
    var model: String
    var hasMask: Bool
}
