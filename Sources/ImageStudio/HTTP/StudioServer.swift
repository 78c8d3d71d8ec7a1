import Foundation
import HTTPTypes
import Hummingbird
import ImageAPI
import ImageMasks
import ImagePrep
import ImageRules
import NIOCore
import SystemIO

/// The studio's routes: the page and its assets, uploads, the mask, the live check, submitting and the
/// history. Every handler works through the library (`Normalizer`, `Mask.Importer` + `EncodedMask`,
/// `BundleRulesChecker`, `Preparer` + `TaskRunner`); the page only draws and displays.
struct StudioServer: Sendable {
    let configuration: StudioConfiguration
    let session: StudioSession
    let assets: StudioAssets
    let tasks = StudioTasks()

    func makeRouter(token: StudioToken, authorities: StudioAuthorities) -> Router<BasicRequestContext> {
        let router = Router(context: BasicRequestContext.self)
        router.add(middleware: StudioGuard(token: token, authorities: authorities))
        router.add(middleware: StudioErrorMiddleware())
        router.get("/") { _, _ in try assets.response(for: "index.html") }
        router.get("/static/:name") { _, context in try assets.response(for: context.parameters.require("name")) }
        router.get("/api/config") { _, _ in JSONReply.make(.ok, await config()) }
        router.post("/api/uploads") { request, _ in try await upload(request) }
        router.delete("/api/uploads/:id") { _, context in
            try await session.remove(context.parameters.require("id"))
            return JSONReply.make(.ok, await state())
        }
        router.get("/api/uploads/:id/base.png") { _, context in try await base(context.parameters.require("id")) }
        router.post("/api/settings") { request, _ in try await settings(request) }
        router.put("/api/mask") { request, _ in try await renderMask(request) }
        router.get("/api/mask.png") { _, _ in
            guard let mask = await session.mask else { throw StudioError(.notFound, "no mask yet: draw a shape") }
            return JSONReply.bytes(.ok, mask, type: "image/png")
        }
        router.get("/api/shapes.json") { _, _ in
            guard let document = await session.shapesDocument else { throw StudioError(.notFound, "no shapes yet") }
            return JSONReply.bytes(.ok, document, type: "application/json")
        }
        router.post("/api/check") { request, _ in try await check(request) }
        router.post("/api/submit") { request, _ in try await submit(request) }
        router.get("/api/history") { _, _ in try history() }
        router.get("/api/results/:local/:index") { _, context in
            try result(local: context.parameters.require("local", as: Int64.self), index: context.parameters.require("index", as: Int.self))
        }
        return router
    }

    // MARK: Settings and state

    /// The limits and choices of every model the checker knows, from the profiles (the page hard-codes none).
    func config() async -> StudioConfig {
        let models = configuration.checker.profiles.models.compactMap { name in
            configuration.profile(for: name).map { StudioConfig.Model($0, price: configuration.prices[name]) }
        }
        return StudioConfig(models: models, model: await session.model, target: configuration.target, state: await state())
    }

    func state() async -> StudioState {
        let size = await session.size
        return StudioState(uploads: await session.uploads, size: "\(size)", model: await session.model, hasMask: await session.mask != nil)
    }

    private func settings(_ request: Request) async throws -> Response {
        let body = try await JSONBody.decode(Settings.self, from: request, limit: 4096)
        if let model = body.model, configuration.profile(for: model) == nil {
            throw StudioError(.badRequest, "unknown model \(model)")
        }
        var size: TargetSize?
        if let text = body.size {
            guard let parsed = TargetSize(parsing: text) else { throw StudioError(.badRequest, "unknown size \(text)") }
            size = parsed
        }
        try await session.configure(model: body.model, size: size)
        return JSONReply.make(.ok, await state())
    }

    struct Settings: Decodable {
        var model: String?
        var size: String?
    }

    private func base(_ id: String) async throws -> Response {
        guard let upload = await session.upload(id) else { throw StudioError(.notFound, "no upload \(id)") }
        let bytes = try LocalFile.read(upload.basePath, maxBytes: 64 << 20)
        return JSONReply.bytes(.ok, bytes, type: "image/png")
    }

    // MARK: Mask

    /// `PUT /api/mask?grow=&shrink=&feather=&invert=&polarity=` with the shapes document as the body;
    /// `PUT /api/mask?clear=1` removes the mask.
    private func renderMask(_ request: Request) async throws -> Response {
        let query = request.uri.queryParameters
        let document = query.get("clear") == "1" ? nil : try await JSONBody.collect(request, limit: Mask.Importer.Options().maxBytes)
        func number(_ name: String) throws -> Double {
            guard let text = query.get(name) else { return 0 }
            guard let value = Double(text), value.isFinite, value >= 0, value <= 1000 else {
                throw StudioError(.badRequest, "\(name) must be a number of pixels 0…1000")
            }
            return value
        }
        guard let polarity = Mask.Polarity(rawValue: query.get("polarity") ?? "transparent") else {
            throw StudioError(.badRequest, "polarity must be transparent, white or black")
        }
        let options = Mask.RenderOptions(grow: try number("grow"), shrink: try number("shrink"), feather: try number("feather"),
                                         invert: query.get("invert") == "1", polarity: polarity)
        do {
            return JSONReply.make(.ok, try await session.render(document, options: options))
        } catch let error as StudioError {
            throw error
        } catch {
            throw StudioError(.unprocessableContent, "\(error)")
        }
    }
}

/// Turns thrown errors into JSON answers: `StudioError` with its status, a library error as 422 with its
/// message, Hummingbird's own (404, 405, 413) with theirs.
struct StudioErrorMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as StudioError {
            return JSONReply.error(error.status, error.message)
        } catch let error as any HTTPResponseError {
            return JSONReply.error(error.status, "\(error.status.code) \(error.status.reasonPhrase) for \(request.method) \(request.uri.path)")
        } catch {
            return JSONReply.error(.unprocessableContent, "\(error)")
        }
    }
}
