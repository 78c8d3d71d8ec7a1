import Foundation
import Hummingbird

/// The page's static files (HTML, CSS, JavaScript), package resources read once at start. Only these names
/// are served; nothing the browser asks for is looked up on disk.
struct StudioAssets: Sendable {
    private let files: [String: (type: String, bytes: [UInt8])]

    static let names: [String: String] = [
        "index.html": "text/html; charset=utf-8",
        "studio.css": "text/css; charset=utf-8",
        "studio.js": "text/javascript; charset=utf-8",
    ]

    /// Reads every asset from the module's resource bundle.
    ///
    /// - Throws: `StudioError` when one is missing (a broken install).
    init() throws {
        var files: [String: (type: String, bytes: [UInt8])] = [:]
        for (name, type) in Self.names {
            guard let url = Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "Resources"),
                  let data = try? Data(contentsOf: url) else {
                throw StudioError(.internalServerError, "the studio's resource \(name) is missing from the installation")
            }
            files[name] = (type, [UInt8](data))
        }
        self.files = files
    }

    func response(for name: String) throws -> Response {
        guard let file = files[name] else { throw StudioError(.notFound, "no such page asset") }
        return JSONReply.bytes(.ok, file.bytes, type: file.type)
    }
}
