#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Path arithmetic for bundle manifests: resolving relative paths against the manifest's folder and
/// writing them back relative to it. Pure string work; nothing touches the disk except `currentDirectory`.
public enum BundlePath {
    /// The folder part of `path` ("" when it has none).
    public static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "" }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    /// `path` when absolute (or when `directory` is nil/empty); otherwise `directory/path`, with `.` segments removed.
    public static func resolve(_ path: String, against directory: String?) -> String {
        guard !path.hasPrefix("/"), let directory, !directory.isEmpty, directory != "." else { return standardized(path) }
        return standardized(directory.hasSuffix("/") ? directory + path : directory + "/" + path)
    }

    /// Removes `.` segments and resolves `..` where a named segment precedes it; keeps leading `..`.
    public static func standardized(_ path: String) -> String {
        let absolute = path.hasPrefix("/")
        var parts: [Substring] = []
        for part in path.split(separator: "/", omittingEmptySubsequences: true) {
            if part == "." { continue }
            if part == "..", let last = parts.last, last != ".." { parts.removeLast(); continue }
            if part == "..", absolute, parts.isEmpty { continue }
            parts.append(part)
        }
        let joined = parts.joined(separator: "/")
        if absolute { return "/" + joined }
        return joined.isEmpty ? "." : joined
    }

    /// The absolute form of `path` (joined to the current directory when relative).
    public static func absolute(_ path: String) -> String {
        path.hasPrefix("/") ? standardized(path) : resolve(path, against: currentDirectory())
    }

    /// `path` written relative to `directory` when it lies inside it; otherwise its absolute form.
    public static func relative(_ path: String, to directory: String) -> String {
        let abs = absolute(path)
        let dir = absolute(directory.isEmpty ? "." : directory)
        let prefix = dir == "/" ? "/" : dir + "/"
        return abs.hasPrefix(prefix) ? String(abs.dropFirst(prefix.count)) : abs
    }

    /// The process's current directory.
    public static func currentDirectory() -> String {
        var buffer = [CChar](repeating: 0, count: 4096)
        guard getcwd(&buffer, buffer.count) != nil else { return "." }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// Decodes `%XX` escapes (for `file://` URLs); invalid escapes are kept as written.
    public static func removingPercentEncoding(_ text: String) -> String {
        var bytes: [UInt8] = []
        var utf8 = Array(text.utf8)[...]
        while let byte = utf8.popFirst() {
            if byte == UInt8(ascii: "%"), utf8.count >= 2,
               let value = UInt8(String(decoding: utf8.prefix(2), as: UTF8.self), radix: 16) {
                bytes.append(value)
                utf8 = utf8.dropFirst(2)
            } else {
                bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
