import Foundation
import HTTPTypes
import Hummingbird
import ImageCodecs
import NIOCore

/// The file service: uploads (stream, base64, url), list, quota, delete.
extension SandboxServer {
    private struct UploadJSON: Decodable {
        var base64_data: String?
        var file_url: String?
        var upload_path: String?
        var uploadPath: String?
        var file_name: String?
        var fileName: String?
    }

    private struct ListPage: Encodable, Sendable {
        var total: Int
        var page: Int
        var pageSize: Int
        var files: [FileBody]
    }

    private struct Quota: Encodable, Sendable {
        var user_group = "default"
        var used_files: Int
        var max_files: Int
        var remain_files: Int
        var used_bytes: Int
        var max_file_size: Int
    }

    private struct Deleted: Encodable, Sendable {
        var file_id: String
    }

    func uploadStream(_ request: Request) async throws -> Response {
        guard let contentType = request.headers[.contentType], let boundary = SandboxMultipartForm.boundary(contentType: contentType) else {
            throw FileAPIError.invalid("upload/stream needs a multipart/form-data body")
        }
        let body = try await collect(request, limit: configuration.maxFileBytes + 64 * 1024)
        guard let form = SandboxMultipartForm(body: body, boundary: boundary) else {
            throw FileAPIError.invalid("malformed multipart/form-data body")
        }
        guard let file = form.part("file") else { throw FileAPIError.invalid("the multipart field 'file' is required") }
        return try await store(file.body, requestedName: form.text("file_name", "fileName"),
                               originalName: file.fileName, uploadPath: form.text("upload_path", "uploadPath"))
    }

    func uploadBase64(_ request: Request) async throws -> Response {
        let json = try await decodeJSON(request, limit: configuration.maxFileBytes / 3 * 4 + 64 * 1024)
        guard var text = json.base64_data, !text.isEmpty else { throw FileAPIError.invalid("base64_data is required") }
        if text.hasPrefix("data:"), let comma = text.firstIndex(of: ",") {
            guard text[..<comma].hasSuffix(";base64") else { throw FileAPIError.invalid("base64_data is a data URL without ;base64") }
            text = String(text[text.index(after: comma)...])
        }
        guard let data = Data(base64Encoded: text, options: .ignoreUnknownCharacters) else {
            throw FileAPIError.invalid("base64_data is not valid base64")
        }
        return try await store([UInt8](data), requestedName: json.file_name ?? json.fileName, originalName: nil,
                               uploadPath: json.upload_path ?? json.uploadPath)
    }

    func uploadURL(_ request: Request) async throws -> Response {
        let json = try await decodeJSON(request, limit: 64 * 1024)
        guard let url = json.file_url, !url.isEmpty else { throw FileAPIError.invalid("file_url is required") }
        let bytes: [UInt8]
        do {
            bytes = try await fetcher.fetch(url, limit: configuration.maxFileBytes)
        } catch .tooLarge {
            throw FileAPIError.tooLarge("File too large: the limit is \(configuration.maxFileBytes) bytes")
        } catch .notAllowed(let why), .failed(let why) {
            throw FileAPIError.downloadFailed("file_url \(why)")
        }
        let lastComponent = URL(string: url)?.lastPathComponent
        return try await store(bytes, requestedName: json.file_name ?? json.fileName,
                               originalName: lastComponent.flatMap { $0.isEmpty || $0 == "/" ? nil : $0 },
                               uploadPath: json.upload_path ?? json.uploadPath)
    }

    func listFiles(_ request: Request) async throws -> Response {
        let query = request.uri.queryParameters
        let page = try pageParameter(query.get("page"), name: "page", default: 1, range: 1...1_000_000)
        let pageSize = try pageParameter(query.get("pageSize") ?? query.get("page_size"), name: "pageSize", default: 20, range: 1...100)
        let (files, total) = await state.listFiles(page: page, pageSize: pageSize)
        let base = await state.baseURL
        return JSONResponse.make(.ok, FileEnvelope(msg: "success", data: ListPage(
            total: total, page: page, pageSize: pageSize, files: files.map { FileBody($0, baseURL: base) })))
    }

    func quota() async -> Response {
        let usage = await state.fileUsage()
        return JSONResponse.make(.ok, FileEnvelope(msg: "success", data: Quota(
            used_files: usage.files, max_files: configuration.maxFiles, remain_files: max(0, configuration.maxFiles - usage.files),
            used_bytes: usage.bytes, max_file_size: configuration.maxFileBytes)))
    }

    func deleteFile(_ id: String) async throws -> Response {
        guard await state.deleteFile(id: id) else { throw FileAPIError.notFound("File not found or expired: \(id)") }
        return JSONResponse.make(.ok, FileEnvelope(msg: "File deleted successfully", data: Deleted(file_id: id)))
    }

    // MARK: Helpers

    private func pageParameter(_ text: String?, name: String, default value: Int, range: ClosedRange<Int>) throws -> Int {
        guard let text else { return value }
        guard let number = Int(text), range.contains(number) else {
            throw FileAPIError.invalid("\(name) must be an integer in \(range.lowerBound)…\(range.upperBound)")
        }
        return number
    }

    private func collect(_ request: Request, limit: Int) async throws -> [UInt8] {
        do {
            return [UInt8](buffer: try await request.body.collect(upTo: limit))
        } catch is NIOTooManyBytesError {
            throw FileAPIError.tooLarge("File too large: the limit is \(configuration.maxFileBytes) bytes")
        }
    }

    private func decodeJSON(_ request: Request, limit: Int) async throws -> UploadJSON {
        let bytes = try await collect(request, limit: limit)
        do {
            return try JSONDecoder().decode(UploadJSON.self, from: Data(bytes))
        } catch {
            throw FileAPIError.invalid("the body is not the expected JSON object")
        }
    }

    /// The MIME type of an allowed image upload (JPEG, PNG, WebP, GIF), from its content.
    static func imageMimeType(_ bytes: [UInt8]) -> String? {
        if let format = try? ImageDecoder.sniff(bytes) { return format.mimeType }
        if bytes.starts(with: Array("GIF87a".utf8)) || bytes.starts(with: Array("GIF89a".utf8)) { return "image/gif" }
        return nil
    }

    /// `name` reduced to a safe file name (last path component; letters, digits, `.`, `_`, `-`).
    static func safeFileName(_ name: String) -> String {
        let last = name.split(separator: "/").last.map(String.init) ?? ""
        let cleaned = String(last.map { $0.isASCII && ($0.isLetter || $0.isNumber || "._-".contains($0)) ? $0 : "_" })
        return cleaned.trimmingCharacters(in: CharacterSet(charactersIn: ".")).isEmpty ? "" : cleaned
    }

    private func store(_ bytes: [UInt8], requestedName: String?, originalName: String?, uploadPath: String?) async throws -> Response {
        guard bytes.count <= configuration.maxFileBytes else {
            throw FileAPIError.tooLarge("File too large: \(bytes.count) bytes; the limit is \(configuration.maxFileBytes)")
        }
        guard !bytes.isEmpty else { throw FileAPIError.invalid("the file is empty") }
        guard let mime = Self.imageMimeType(bytes) else {
            throw FileAPIError.typeNotAllowed("File type not allowed: only image/jpeg, image/png, image/gif and image/webp")
        }
        let ext = mime == "image/jpeg" ? "jpg" : String(mime.dropFirst("image/".count))
        var fileName = Self.safeFileName(requestedName ?? originalName ?? "")
        if fileName.isEmpty { fileName = "upload-\(RandomID.make(8)).\(ext)" }
        let path = uploadPath.map { Self.safeFileName($0) }.flatMap { $0.isEmpty ? nil : $0 } ?? "default"
        let record = try await state.addFile(bytes: bytes, fileName: fileName, originalName: originalName ?? fileName,
                                             mimeType: mime, uploadPath: path)
        return JSONResponse.make(.ok, FileEnvelope(msg: "File uploaded successfully",
                                                   data: FileBody(record, baseURL: await state.baseURL)))
    }
}
