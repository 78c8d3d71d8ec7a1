import Foundation
import ImageCore

/// A `POST /v1/images/generations` body, decoded and checked against the gpt-4o-image rules of
/// API-CONTRACT §2 (everything that needs no network: the reference images are fetched afterwards).
struct SandboxGenerationRequest: Sendable, Equatable {
    var model: String
    var prompt: String
    var size: Size
    var n: Int
    var imageURLs: [String]
    var maskURL: String?
    var callbackURL: String?

    /// The models of the same endpoint that the sandbox knows but does not serve (answered 403).
    static let siblingModels: Set<String> = [
        "gpt-image-1", "gpt-image-1.5", "gpt-image-1.5-lite", "gpt-image-1.5-beta", "gpt-image-2", "gpt-image-2-beta",
    ]
    /// The accepted `size` values and the pixel size each produces.
    static let sizes: [String: Size] = [
        "1:1": Size(width: 1024, height: 1024), "1024x1024": Size(width: 1024, height: 1024),
        "2:3": Size(width: 1024, height: 1536), "1024x1536": Size(width: 1024, height: 1536),
        "3:2": Size(width: 1536, height: 1024), "1536x1024": Size(width: 1536, height: 1024),
    ]
    static let maxImageURLs = 5

    private struct Body: Decodable {
        var model: String?
        var prompt: String?
        var size: String?
        var n: Int?
        var image_urls: [String]?
        var mask_url: String?
        var callback_url: String?
    }

    /// Decodes and validates `bytes`.
    /// - Throws: `SandboxAPIError` 400 (malformed or invalid field, naming it in `param`), 403 (a sibling model),
    ///   404 (an unknown model).
    init(json bytes: Data, maxPromptLength: Int, allowInsecureCallbacks: Bool) throws {
        let body: Body
        do {
            body = try JSONDecoder().decode(Body.self, from: bytes)
        } catch let DecodingError.typeMismatch(_, context) {
            throw SandboxAPIError.invalid("Invalid request parameters: \(Self.describe(context))", param: context.codingPath.first?.stringValue)
        } catch let DecodingError.dataCorrupted(context) where !context.codingPath.isEmpty {
            throw SandboxAPIError.invalid("Invalid request parameters: \(Self.describe(context))", param: context.codingPath.first?.stringValue)
        } catch {
            throw SandboxAPIError.invalid("Invalid request parameters: the body is not a JSON object")
        }
        guard let model = body.model, !model.isEmpty else { throw SandboxAPIError.invalid("model is required", param: "model") }
        guard model == "gpt-4o-image" else {
            if Self.siblingModels.contains(model) {
                throw SandboxAPIError.forbidden("Access denied for this model: the sandbox serves gpt-4o-image only", param: "model")
            }
            throw SandboxAPIError.notFound("Specified model not found: \(model)", param: "model")
        }
        guard let prompt = body.prompt, !prompt.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw SandboxAPIError.invalid("prompt is required", param: "prompt")
        }
        guard prompt.count <= maxPromptLength else {
            throw SandboxAPIError.invalid("prompt is \(prompt.count) characters; the limit is \(maxPromptLength)", param: "prompt")
        }
        let sizeText = body.size ?? "1:1"
        guard let size = Self.sizes[sizeText] else {
            throw SandboxAPIError.invalid("size must be one of 1:1, 2:3, 3:2, 1024x1024, 1024x1536, 1536x1024; got \(sizeText)", param: "size")
        }
        let n = body.n ?? 1
        guard [1, 2, 4].contains(n) else { throw SandboxAPIError.invalid("n must be 1, 2 or 4; got \(n)", param: "n") }
        let imageURLs = body.image_urls ?? []
        guard imageURLs.count <= Self.maxImageURLs else {
            throw SandboxAPIError.invalid("at most \(Self.maxImageURLs) image_urls are allowed; got \(imageURLs.count)", param: "image_urls")
        }
        for (i, url) in imageURLs.enumerated() where URLPolicy.httpURL(url) == nil {
            throw SandboxAPIError.invalid("image_urls[\(i)] is not an http(s) URL", param: "image_urls")
        }
        if let mask = body.mask_url {
            guard !imageURLs.isEmpty else { throw SandboxAPIError.invalid("mask_url needs one reference image in image_urls", param: "mask_url") }
            guard imageURLs.count == 1 else {
                throw SandboxAPIError.invalid("mask_url cannot be used with more than one reference image", param: "mask_url")
            }
            guard URLPolicy.httpURL(mask) != nil else { throw SandboxAPIError.invalid("mask_url is not an http(s) URL", param: "mask_url") }
        }
        if let callback = body.callback_url {
            if let problem = URLPolicy.callbackProblem(callback, allowInsecure: allowInsecureCallbacks) {
                throw SandboxAPIError.invalid("callback_url \(problem)", param: "callback_url")
            }
        }
        self.model = model
        self.prompt = prompt
        self.size = size
        self.n = n
        self.imageURLs = imageURLs
        self.maskURL = body.mask_url
        self.callbackURL = body.callback_url
    }

    private static func describe(_ context: DecodingError.Context) -> String {
        let path = context.codingPath.map(\.stringValue).joined(separator: ".")
        return path.isEmpty ? context.debugDescription : "\(path) has the wrong type"
    }
}
