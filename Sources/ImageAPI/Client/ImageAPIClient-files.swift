import Foundation
import ImageCodecs
public import ImageRules

extension ImageAPIClient {
    /// The largest local file uploaded (the file service's limit). 100 MiB.
    public static let maxUploadBytes = 100 << 20

    /// Uploads a local image to the file service and returns its record; `fileURL` is what `image_urls`
    /// and `mask_url` take. The MIME type comes from the content (sniffed), never from the name.
    ///
    /// - Parameters:
    ///   - path: the local image file.
    ///   - variant: `.stream` (multipart, default) or `.base64`.
    /// - Throws: `ClientError` `.invalidInput` for an unreadable or non-image file, `APIError` (`.fileService`
    ///   for a `success:false` answer), `TransportError`.
    public func upload(file path: String, variant: UploadVariant = .stream) async throws -> UploadedFile {
        let bytes: [UInt8]
        do {
            bytes = try ImageFile.read(path, maxBytes: Self.maxUploadBytes)
        } catch {
            throw ClientError(.invalidInput, message: "cannot read the image", details: "\(error)", file: path)
        }
        guard let format = FormatSniffer.format(of: bytes), format.isWritable else {
            throw ClientError(.invalidInput, message: "not a JPEG, PNG or WebP file", file: path)
        }
        var name = Self.uploadName(path: path, format: format)
        if uniqueUploadNames, let dot = name.lastIndex(of: ".") {
            name = "\(name[..<dot])-\(UUID().uuidString.prefix(8).lowercased())\(name[dot...])"
        }
        let request: TransportRequest
        switch variant {
        case .stream:
            var form = MultipartForm(boundary: "imageprep-\(UUID().uuidString)")
            form.addFile("file", fileName: name, contentType: format.mimeType, bytes: bytes)
            form.addField("file_name", name)
            request = TransportRequest(method: "POST", url: configuration.filesURL + "/api/v1/files/upload/stream",
                                       headers: ["Content-Type": form.contentType], body: form.finished(),
                                       timeout: configuration.transferTimeout)
        case .base64:
            let json: [String: String] = [
                "base64_data": "data:\(format.mimeType);base64,\(Data(bytes).base64EncodedString())",
                "file_name": name,
            ]
            request = TransportRequest(method: "POST", url: configuration.filesURL + "/api/v1/files/upload/base64",
                                       headers: ["Content-Type": "application/json"],
                                       body: Array(try JSONSerialization.data(withJSONObject: json, options: [.sortedKeys])),
                                       timeout: configuration.transferTimeout)
        }
        let response = try await perform(request, resendAfterDelivery: true)
        return try ErrorBody.uploadedFile(response, key: configuration.apiKey)
    }

    /// Asks the file service to fetch a public URL (`/upload/url`) and keep a copy.
    ///
    /// - Throws: `APIError`, `TransportError`, `ClientError` `.invalidResponse`.
    public func upload(remoteURL: String) async throws -> UploadedFile {
        let body = try JSONSerialization.data(withJSONObject: ["file_url": remoteURL], options: [.sortedKeys])
        let response = try await perform(
            TransportRequest(method: "POST", url: configuration.filesURL + "/api/v1/files/upload/url",
                             headers: ["Content-Type": "application/json"], body: Array(body),
                             timeout: configuration.transferTimeout),
            resendAfterDelivery: true)
        return try ErrorBody.uploadedFile(response, key: configuration.apiKey)
    }

    /// The URLs to send for `sources`, in order: remote inputs unchanged, local files uploaded with at most
    /// `concurrency` uploads at a time (default 3). The first failure cancels the rest and is thrown.
    ///
    /// - Throws: the first failed upload's error (`ClientError` `.invalidInput`, `APIError`, `TransportError`).
    public func resolve(_ sources: [BundleInput], variant: UploadVariant = .stream, concurrency: Int = 3) async throws -> [String] {
        var urls = [String?](repeating: nil, count: sources.count)
        try await withThrowingTaskGroup(of: (Int, String).self) { group in
            var next = 0
            func startNext() {
                guard next < sources.count else { return }
                let index = next
                next += 1
                group.addTask {
                    switch sources[index] {
                    case .url(let url): return (index, url)
                    case .file(let path): return (index, try await upload(file: path, variant: variant).fileURL)
                    }
                }
            }
            for _ in 0..<max(1, concurrency) { startNext() }
            while let (index, url) = try await group.next() {
                urls[index] = url
                startNext()
            }
        }
        return urls.map { $0! }
    }

    /// Streams `url` into the file at `path`, retrying transient failures; the key is sent only to the API's
    /// own origins. Follows nothing itself (AsyncHTTPClient follows redirects).
    ///
    /// - Throws: `APIError` for an error status, `TransportError`.
    public func download(_ url: String, to path: String) async throws {
        let request = TransportRequest(method: "GET", url: url, timeout: configuration.transferTimeout)
        _ = try await perform(request, resendAfterDelivery: true) { [transport] request in
            try await transport.download(request, to: path)
        }
    }

    /// A file name for the upload: the local base name, with the sniffed format's extension when the name
    /// has none or names another format.
    static func uploadName(path: String, format: ImageFormat) -> String {
        let base = path.split(separator: "/").last.map(String.init) ?? "image"
        if ImageFormat(path: base) == format { return base }
        let stem = base.contains(".") ? String(base[..<base.lastIndex(of: ".")!]) : base
        return "\(stem.isEmpty ? "image" : stem).\(format.fileExtension)"
    }
}
