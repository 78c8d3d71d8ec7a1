#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reading and atomically writing files (and `-` for standard input/output), with typed I/O errors.
public enum ImageFile {
    /// Reads a whole file, or standard input for `-`, refusing more than `maxBytes`.
    ///
    /// - Throws: `FileIOError` naming the path; `LimitError` when the file is larger than `maxBytes`.
    public static func read(_ path: String, maxBytes: Int = DecodeLimits.default.maxInputBytes) throws -> [UInt8] {
        let fd = path == "-" ? STDIN_FILENO : open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw FileIOError(file: path, message: "cannot open", details: errnoText()) }
        defer { if fd != STDIN_FILENO { close(fd) } }
        var st = stat()
        if fstat(fd, &st) == 0, (st.st_mode & S_IFMT) == S_IFDIR {
            throw FileIOError(file: path, message: "is a directory")
        }
        var bytes: [UInt8] = []
        if fstat(fd, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG {
            guard Int(st.st_size) <= maxBytes else {
                throw LimitError(file: path, message: "input of \(st.st_size) bytes exceeds the limit of \(maxBytes) bytes")
            }
            bytes.reserveCapacity(Int(st.st_size))
        }
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw FileIOError(file: path, message: "read failed", details: errnoText())
            }
            if n == 0 { break }
            guard bytes.count + n <= maxBytes else {
                throw LimitError(file: path, message: "input exceeds the limit of \(maxBytes) bytes")
            }
            bytes.append(contentsOf: chunk[0..<n])
        }
        return bytes
    }

    /// Writes `bytes` to `path` through a temporary file in the same folder and a rename, so that a reader
    /// sees the old file or the whole new one, and a failure leaves no partial output. `-` writes to
    /// standard output.
    ///
    /// - Throws: `FileIOError` naming the path.
    public static func writeAtomically(_ bytes: [UInt8], to path: String) throws {
        if path == "-" {
            try writeAll(STDOUT_FILENO, bytes, path: path)
            return
        }
        let slash = path.lastIndex(of: "/")
        let dir = slash.map { String(path[..<$0]) } ?? "."
        let base = slash.map { String(path[path.index(after: $0)...]) } ?? path
        var template = Array("\(dir.isEmpty ? "/" : dir)/.\(base).tmp-XXXXXX".utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else { throw FileIOError(file: path, message: "cannot create a temporary file", details: errnoText()) }
        let tempPath = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        do {
            try writeAll(fd, bytes, path: path)
            fchmod(fd, 0o644 & ~currentUmask())
            guard close(fd) == 0 else { throw FileIOError(file: path, message: "close failed", details: errnoText()) }
        } catch {
            close(fd)
            unlink(tempPath)
            throw error
        }
        guard rename(tempPath, path) == 0 else {
            let text = errnoText()
            unlink(tempPath)
            throw FileIOError(file: path, message: "cannot rename into place", details: text)
        }
    }

    private static func writeAll(_ fd: Int32, _ bytes: [UInt8], path: String) throws {
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeBytes { write(fd, $0.baseAddress! + offset, $0.count - offset) }
            if n < 0 {
                if errno == EINTR { continue }
                throw FileIOError(file: path, message: "write failed", details: errnoText())
            }
            offset += n
        }
    }

    private static func currentUmask() -> mode_t {
        let mask = umask(0)
        umask(mask)
        return mask
    }

    /// Creates the folder `path` and its missing parents with permission bits `mode` (default 0755, before the
    /// umask); an existing folder is fine. Throws `FileIOError` naming the folder that could not be made.
    public static func makeDirectories(_ path: String, mode: mode_t = 0o755) throws {
        var current = path.hasPrefix("/") ? "" : "."
        for part in path.split(separator: "/") {
            current += "/" + part
            if mkdir(current, mode) != 0 && errno != EEXIST {
                throw FileIOError(file: current, message: "cannot create the folder", details: errnoText())
            }
        }
    }

    private static func errnoText() -> String { String(cString: strerror(errno)) }
}
