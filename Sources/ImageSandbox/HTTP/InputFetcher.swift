import AsyncHTTPClient
import NIOHTTP1
import Foundation
import NIOCore

/// Fetches reference images, masks and `upload/url` sources. Only the sandbox itself and loopback hosts
/// are reachable (the sandbox is an offline stand-in); the sandbox's own `/files/…` URLs are read from
/// its store directly.
struct InputFetcher: Sendable {
    /// Why a fetch failed.
    enum Failure: Error, Equatable {
        case notAllowed(String)
        case tooLarge(Int)
        case failed(String)
    }

    let client: HTTPClient
    let state: SandboxState

    /// The bytes at `text`, at most `limit` bytes.
    func fetch(_ text: String, limit: Int) async throws(Failure) -> [UInt8] {
        guard let url = URLPolicy.httpURL(text) else { throw .notAllowed("is not an http(s) URL") }
        guard URLPolicy.isLoopback(URLPolicy.bareHost(url)) else {
            throw .notAllowed("is not reachable from the sandbox (only the sandbox itself and loopback hosts are)")
        }
        if let own = await ownFile(url) {
            guard own.count <= limit else { throw .tooLarge(own.count) }
            return own
        }
        do {
            let response = try await client.execute(HTTPClientRequest(url: text), timeout: .seconds(10))
            guard response.status == .ok else {
                throw Failure.failed("answered HTTP \(response.status.code)")
            }
            if let length = response.headers.first(name: "content-length").flatMap(Int.init), length > limit {
                throw Failure.tooLarge(length)
            }
            do {
                return [UInt8](buffer: try await response.body.collect(upTo: limit))
            } catch is NIOTooManyBytesError {
                throw Failure.tooLarge(limit + 1)
            }
        } catch let failure as Failure {
            throw failure
        } catch {
            throw .failed("could not be downloaded: \(error)")
        }
    }

    /// The bytes of a sandbox `/files/<id>/<name>` URL pointing at this sandbox, if it is one.
    private func ownFile(_ url: URL) async -> [UInt8]? {
        let base = await state.baseURL
        guard let own = URL(string: base), URLPolicy.bareHost(url) == URLPolicy.bareHost(own), url.port == own.port else {
            return nil
        }
        let parts = url.path.split(separator: "/")
        guard parts.count == 3, parts[0] == "files" else { return nil }
        guard let (file, bytes) = await state.fileBytes(id: String(parts[1])), file.fileName == String(parts[2]) else {
            return nil
        }
        return bytes
    }
}
