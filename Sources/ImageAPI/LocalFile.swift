#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import ImageCore

/// Small POSIX file helpers used by the client: streaming writes, renames, permission checks.
enum LocalFile {
    /// An error from a file operation, with errno text.
    struct Failure: ImagePrepError {
        var file: String?
        var message: String
        var details: String?
    }

    /// An append-only writer over a file descriptor (created with mode 0600, truncated).
    final class Writer: @unchecked Sendable {
        private var fd: Int32
        let path: String

        init(path: String, mode: mode_t = 0o600, exclusive: Bool = false) throws {
            self.path = path
            fd = open(path, O_WRONLY | O_CREAT | O_CLOEXEC | (exclusive ? O_EXCL : O_TRUNC), mode)
            guard fd >= 0 else { throw Failure(file: path, message: "cannot create", details: LocalFile.errnoText()) }
        }

        func write(_ bytes: UnsafeRawBufferPointer) throws {
            var offset = 0
            while offset < bytes.count {
                let n = Glibc.write(fd, bytes.baseAddress! + offset, bytes.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    throw Failure(file: path, message: "write failed", details: LocalFile.errnoText())
                }
                offset += n
            }
        }

        func close() {
            if fd >= 0 { _ = Glibc.close(fd) }
            fd = -1
        }

        deinit { close() }
    }

    /// Writes `bytes` to `path` (created or truncated, mode 0600). With `exclusive`, an existing file is
    /// left alone (another process created it first).
    static func write(_ bytes: [UInt8], to path: String, exclusive: Bool = false) throws {
        let writer: Writer
        do {
            writer = try Writer(path: path, exclusive: exclusive)
        } catch where exclusive && exists(path) {
            return
        }
        defer { writer.close() }
        try bytes.withUnsafeBytes { try writer.write($0) }
    }

    /// Whether a file or directory exists at `path`.
    static func exists(_ path: String) -> Bool {
        var st = stat()
        return stat(path, &st) == 0
    }

    /// The permission bits of `path`, or nil when it cannot be stat'ed.
    static func mode(_ path: String) -> mode_t? {
        var st = stat()
        guard stat(path, &st) == 0 else { return nil }
        return st.st_mode & 0o7777
    }

    /// The directory part of `path` ("." when there is none).
    static func parentDirectory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        let dir = String(path[..<slash])
        return dir.isEmpty ? "/" : dir
    }

    /// Renames `from` to `to`, replacing `to`.
    static func rename(_ from: String, to: String) throws {
        guard Glibc.rename(from, to) == 0 else {
            throw Failure(file: to, message: "cannot rename into place", details: errnoText())
        }
    }

    /// Removes a file, ignoring a missing one.
    static func remove(_ path: String) {
        unlink(path)
    }

    static func errnoText() -> String { String(cString: strerror(errno)) }
}
