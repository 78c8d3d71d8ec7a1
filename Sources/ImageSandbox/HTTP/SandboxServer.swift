import Foundation
import HTTPTypes
import Hummingbird
import ImageCodecs
import ImageCore
import NIOCore

/// The routes of the sandbox and their handlers. API (`/v1/…`) and file service (`/api/v1/files/…`)
/// share one origin with the file and result downloads (`/files/…`, `/results/…`).
struct SandboxServer: Sendable {
    let configuration: SandboxConfiguration
    let state: SandboxState
    let fetcher: InputFetcher
    let cache = ResultCache()

    /// Largest reference image (API-CONTRACT §2): 10 MB.
    static let maxReferenceBytes = 10 * 1024 * 1024
    /// Largest mask: 4 MB.
    static let maxMaskBytes = 4 * 1024 * 1024
    /// Largest JSON body of a create request.
    static let maxCreateBody = 1024 * 1024

    func makeRouter(faults: FaultInjector) -> Router<BasicRequestContext> {
        let router = Router(context: BasicRequestContext.self)
        router.add(middleware: SandboxMiddleware(apiKey: configuration.apiKey, faults: faults))
        router.get("/health") { _, _ in JSONResponse.make(.ok, ["status": "ok"]) }
        router.post("/v1/images/generations") { request, _ in try await createGeneration(request) }
        router.get("/v1/tasks/:id") { _, context in try await getTask(context.parameters.require("id")) }
        router.post("/v1/tasks/:id/cancel") { _, context in try await cancelTask(context.parameters.require("id")) }
        router.get("/v1/credits") { _, _ in JSONResponse.make(.ok, await state.credits()) }
        router.post("/api/v1/files/upload/stream") { request, _ in try await uploadStream(request) }
        router.post("/api/v1/files/upload/base64") { request, _ in try await uploadBase64(request) }
        router.post("/api/v1/files/upload/url") { request, _ in try await uploadURL(request) }
        router.get("/api/v1/files/list") { request, _ in try await listFiles(request) }
        router.get("/api/v1/files/quota") { _, _ in await quota() }
        router.delete("/api/v1/files/:id") { _, context in try await deleteFile(context.parameters.require("id")) }
        router.get("/files/:id/:name") { request, context in
            try await serveFile(id: context.parameters.require("id"), name: context.parameters.require("name"), request)
        }
        router.get("/results/:task/:image") { _, context in
            try await serveResult(task: context.parameters.require("task"), image: context.parameters.require("image"))
        }
        return router
    }

    // MARK: Generations and tasks

    private func createGeneration(_ request: Request) async throws -> Response {
        if let status = configuration.providerFaults.failCreates { throw SandboxAPIError.injected(status: status) }
        let bytes: ByteBuffer
        do {
            bytes = try await request.body.collect(upTo: Self.maxCreateBody)
        } catch is NIOTooManyBytesError {
            throw SandboxAPIError.tooLarge("Request body larger than \(Self.maxCreateBody) bytes")
        }
        let key = request.headers[HTTPField.Name("Idempotency-Key")!].flatMap { $0.isEmpty ? nil : $0 }
        if let key, let existing = await state.task(forIdempotencyKey: key) {
            return await taskResponse(existing, replayed: true)
        }
        let parsed = try SandboxGenerationRequest(json: Data(bytes.readableBytesView), maxPromptLength: configuration.maxPromptLength,
                                           allowInsecureCallbacks: configuration.allowInsecureCallbacks)
        let needed = Double(parsed.n) * configuration.creditsPerImage
        let available = await state.credits().remaining_credits
        guard available >= needed else {
            throw SandboxAPIError.insufficientQuota("Insufficient quota: \(parsed.n) image(s) need \(needed) credits, \(available) available")
        }
        var references: [[UInt8]] = []
        var referenceInfo: ImageInfo?
        for (index, url) in parsed.imageURLs.enumerated() {
            let name = "image_urls[\(index)]"
            let data = try await fetchInput(url, name: name, param: "image_urls", limit: Self.maxReferenceBytes)
            let info = try checkDecodable(data, name: name, param: "image_urls")
            if index == 0 { referenceInfo = info }
            references.append(data)
        }
        var mask: [UInt8]?
        if let maskURL = parsed.maskURL, let referenceInfo {
            let data = try await fetchInput(maskURL, name: "mask_url", param: "mask_url", limit: Self.maxMaskBytes)
            try checkMask(data, reference: referenceInfo)
            mask = data
        }
        let (task, replayed) = try await state.createTask(SandboxState.NewTask(
            model: parsed.model, prompt: parsed.prompt, width: parsed.size.width, height: parsed.size.height, n: parsed.n,
            inputs: references, mask: mask, callbackURL: parsed.callbackURL, idempotencyKey: key))
        let response = await taskResponse(task, replayed: replayed)
        return configuration.providerFaults.acceptThenDrop && !replayed ? SandboxMiddleware<BasicRequestContext>.dropped(response) : response
    }

    private func taskResponse(_ task: SandboxTaskRecord, replayed: Bool) async -> Response {
        let body = TaskBody(task, now: configuration.clock.now(), baseURL: await state.baseURL)
        return JSONResponse.make(.ok, body, headers: replayed ? [HTTPField.Name("Idempotent-Replayed")!: "true"] : [:])
    }

    private func fetchInput(_ url: String, name: String, param: String, limit: Int) async throws -> [UInt8] {
        do {
            return try await fetcher.fetch(url, limit: limit)
        } catch .notAllowed(let why) {
            throw SandboxAPIError.invalid("\(name) \(why)", param: param)
        } catch .tooLarge(let size) {
            throw SandboxAPIError.tooLarge("Image file too large: \(name) exceeds the \(limit / 1024 / 1024) MB limit (\(size)+ bytes)", param: param)
        } catch .failed(let why) {
            throw SandboxAPIError.invalid("\(name) could not be fetched: \(why)", param: param)
        }
    }

    /// The header facts of a reference image after a full decode.
    private func checkDecodable(_ data: [UInt8], name: String, param: String) throws -> ImageInfo {
        do {
            return try ImageDecoder.decode(data, name: name).info
        } catch {
            throw SandboxAPIError.invalid("\(name) is not a usable JPEG, PNG or WebP image: \(error)", param: param)
        }
    }

    /// A mask must be a PNG with an alpha channel and the first reference's dimensions.
    private func checkMask(_ data: [UInt8], reference: ImageInfo) throws {
        let format = try? ImageDecoder.sniff(data)
        guard format == .png else {
            throw SandboxAPIError.invalid("mask_url must be a PNG (got \(format.map { $0.rawValue.uppercased() } ?? "an unrecognised format"))",
                                   param: "mask_url")
        }
        let info = try checkDecodable(data, name: "mask_url", param: "mask_url")
        guard info.layout.hasAlpha else {
            throw SandboxAPIError.invalid("mask_url has no alpha channel: transparent pixels mark the area to edit", param: "mask_url")
        }
        guard info.width == reference.width, info.height == reference.height else {
            throw SandboxAPIError.invalid("mask_url is \(info.width)x\(info.height) but the reference image is \(reference.width)x\(reference.height)",
                                   param: "mask_url")
        }
    }

    private func checkTaskID(_ id: String) throws {
        guard id.hasPrefix("task-unified-") else {
            throw SandboxAPIError.invalid("Invalid task ID format: must start with 'task-unified-'", param: "task_id", code: .string("invalid_task_id"))
        }
    }

    private func getTask(_ id: String) async throws -> Response {
        try checkTaskID(id)
        guard let task = await state.task(id: id) else { throw SandboxAPIError.notFound("Task not found or expired", param: "task_id") }
        return await taskResponse(task, replayed: false)
    }

    private func cancelTask(_ id: String) async throws -> Response {
        try checkTaskID(id)
        guard let task = await state.cancel(id: id) else { throw SandboxAPIError.notFound("Task not found or expired", param: "task_id") }
        return await taskResponse(task, replayed: false)
    }

    // MARK: Serving

    private func serveFile(id: String, name: String, _ request: Request) async throws -> Response {
        guard let (file, bytes) = await state.fileBytes(id: id), file.fileName == name else {
            throw SandboxAPIError.notFound("File not found or expired")
        }
        var headers: HTTPFields = [.contentType: file.mimeType]
        if request.uri.queryParameters.get("download") != nil {
            headers[.contentDisposition] = "attachment; filename=\"\(file.fileName)\""
        }
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    private func serveResult(task id: String, image: String) async throws -> Response {
        guard image.hasSuffix(".png"), let index = Int(image.dropLast(4)), index >= 0,
              let task = await state.task(id: id), task.outcome == .completed, index < task.imagesProduced else {
            throw SandboxAPIError.notFound("Result not found or expired")
        }
        let key = "\(task.id)/\(index)"
        let png: [UInt8]
        if let cached = await cache.get(key) {
            png = cached
        } else {
            let inputs = await state.inputs(of: task)
            png = try ResultRenderer.renderPNG(prompt: task.prompt, width: task.width, height: task.height, index: index,
                                              references: inputs.references, mask: inputs.mask,
                                              drift: configuration.drift.map { ($0, SeededDecision.hash(key)) })
            await cache.put(key, png)
        }
        return Response(status: .ok, headers: [.contentType: "image/png"], body: ResponseBody(byteBuffer: ByteBuffer(bytes: png)))
    }
}
