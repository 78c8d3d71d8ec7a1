#if canImport(Glibc)
public import Glibc
#elseif canImport(Darwin)
public import Darwin
#endif

extension LocalFile {
    /// An append-only writer over a file descriptor (created with `mode`, default 0600, and truncated; with
    /// `exclusive`, creation fails when the file exists).
    public final class Writer: @unchecked Sendable {
        private var fd: Int32
        /// The file written.
        public let path: String

        /// - Throws: `FileIOError` ("cannot create") naming `path`.
        public init(path: String, mode: mode_t = 0o600, exclusive: Bool = false) throws(FileIOError) {
            self.path = path
            fd = open(path, O_WRONLY | O_CREAT | O_CLOEXEC | (exclusive ? O_EXCL : O_TRUNC), mode)
            guard fd >= 0 else { throw FileIOError(file: path, message: "cannot create", details: LocalFile.errnoText()) }
        }

        /// Appends all of `bytes`.
        ///
        /// - Throws: `FileIOError` ("write failed") naming the file.
        public func write(_ bytes: UnsafeRawBufferPointer) throws(FileIOError) {
            try LocalFile.writeAll(fd, bytes, path: path)
        }

        /// Appends all of `bytes`.
        ///
        /// - Throws: `FileIOError` ("write failed") naming the file.
        public func write(_ bytes: [UInt8]) throws(FileIOError) {
            try LocalFile.writeAll(fd, bytes, path: path)
        }

        /// Closes the descriptor (again is harmless).
        public func close() {
            if fd >= 0 { _ = closeDescriptor(fd) }
            fd = -1
        }

        deinit { close() }
    }
}

private func closeDescriptor(_ fd: Int32) -> Int32 { close(fd) }
