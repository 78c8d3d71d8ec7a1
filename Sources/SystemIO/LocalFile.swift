#if canImport(Glibc)
public import Glibc
#elseif canImport(Darwin)
public import Darwin
#endif

/// POSIX file I/O for every layer: whole-file reads with a size cap, atomic writes (temporary file and
/// rename), folder creation, and the small helpers the client needs (exclusive create, permission bits,
/// rename, remove). Every failure is a `FileIOError` naming the file, with `strerror` text.
public enum LocalFile {
    /// Reads a whole file, or standard input for `-`, refusing more than `maxBytes` (checked against the
    /// file's size before anything is read, and again while reading streams).
    ///
    /// - Throws: `FileIOError` naming the path; `sizeLimit` is set when the file is larger than `maxBytes`.
    public static func read(_ path: String, maxBytes: Int) throws(FileIOError) -> [UInt8] {
        let fd = path == "-" ? STDIN_FILENO : open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw FileIOError(file: path, message: "cannot open", details: errnoText(), code: errno) }
        defer { if fd != STDIN_FILENO { close(fd) } }
        var st = stat()
        let type = fstat(fd, &st) == 0 ? st.st_mode & S_IFMT : 0
        if type == S_IFDIR { throw FileIOError(file: path, message: "is a directory") }
        var bytes: [UInt8] = []
        if type == S_IFREG {
            guard Int(st.st_size) <= maxBytes else {
                throw FileIOError(file: path, message: "input of \(st.st_size) bytes exceeds the limit of \(maxBytes) bytes",
                                  sizeLimit: maxBytes)
            }
            // Straight into the array's storage, without chunk copies or a zero fill (W2's 5.5 MB: 4.0 -> 3.1 ms;
            // the rest is page faults).
            var failure: Int32 = 0
            bytes = [UInt8](unsafeUninitializedCapacity: Int(st.st_size)) { buffer, count in
                (count, failure) = readFully(fd, into: UnsafeMutableRawBufferPointer(buffer))
            }
            if failure != 0 { throw FileIOError(file: path, message: "read failed", details: errnoText(failure), code: failure) }
        }
        // Streams, and what a regular file gained since `fstat`, in chunks.
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let (n, failure) = chunk.withUnsafeMutableBytes { readFully(fd, into: $0) }
            if failure != 0 { throw FileIOError(file: path, message: "read failed", details: errnoText(failure), code: failure) }
            if n == 0 { break }
            guard bytes.count + n <= maxBytes else {
                throw FileIOError(file: path, message: "input exceeds the limit of \(maxBytes) bytes", sizeLimit: maxBytes)
            }
            bytes.append(contentsOf: chunk[0..<n])
        }
        return bytes
    }

    /// Writes `bytes` to `path` through a temporary file in the same folder and a rename, so that a reader
    /// sees the old file or the whole new one, and a failure leaves no partial output. `-` writes to
    /// standard output. The file gets mode 0644 less the umask.
    ///
    /// - Throws: `FileIOError` naming the path.
    public static func writeAtomically(_ bytes: [UInt8], to path: String) throws(FileIOError) {
        if path == "-" {
            try writeAll(STDOUT_FILENO, bytes, path: path)
            return
        }
        let slash = path.lastIndex(of: "/")
        let dir = slash.map { String(path[..<$0]) } ?? "."
        let base = slash.map { String(path[path.index(after: $0)...]) } ?? path
        var template = Array("\(dir.isEmpty ? "/" : dir)/.\(base).tmp-XXXXXX".utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else { throw FileIOError(file: path, message: "cannot create a temporary file", details: errnoText(), code: errno) }
        let tempPath = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        do throws(FileIOError) {
            try writeAll(fd, bytes, path: path)
            fchmod(fd, 0o644 & ~currentUmask())
            guard close(fd) == 0 else { throw FileIOError(file: path, message: "close failed", details: errnoText(), code: errno) }
        } catch {
            close(fd)
            unlink(tempPath)
            throw error
        }
        guard systemRename(tempPath, path) == 0 else {
            let code = errno, text = errnoText()
            unlink(tempPath)
            throw FileIOError(file: path, message: "cannot rename into place", details: text, code: code)
        }
    }

    /// Writes all of `bytes` to the descriptor `fd`, retrying short writes and `EINTR`: the one write loop
    /// of the package.
    ///
    /// - Throws: `FileIOError` naming `path` ("write failed").
    public static func writeAll(_ fd: Int32, _ bytes: UnsafeRawBufferPointer, path: String) throws(FileIOError) {
        guard let base = bytes.baseAddress else { return }
        var offset = 0
        while offset < bytes.count {
            let n = systemWrite(fd, base + offset, bytes.count - offset)
            if n < 0 {
                if errno == EINTR { continue }
                throw FileIOError(file: path, message: "write failed", details: errnoText(), code: errno)
            }
            offset += n
        }
    }

    /// Writes all of `bytes` to the descriptor `fd` (see the buffer form).
    ///
    /// - Throws: `FileIOError` naming `path` ("write failed").
    public static func writeAll(_ fd: Int32, _ bytes: [UInt8], path: String) throws(FileIOError) {
        let failure: FileIOError? = bytes.withUnsafeBytes { raw in
            do throws(FileIOError) { try writeAll(fd, raw, path: path) } catch { return error }
            return nil
        }
        if let failure { throw failure }
    }

    /// Creates the folder `path` and its missing parents with permission bits `mode` (default 0755, before the
    /// umask); an existing folder is fine.
    ///
    /// - Throws: `FileIOError` naming the folder that could not be made.
    public static func makeDirectories(_ path: String, mode: mode_t = 0o755) throws(FileIOError) {
        var current = path.hasPrefix("/") ? "" : "."
        for part in path.split(separator: "/") {
            current += "/" + part
            if mkdir(current, mode) != 0 && errno != EEXIST {
                throw FileIOError(file: current, message: "cannot create the folder", details: errnoText(), code: errno)
            }
        }
    }

    /// Writes `bytes` to `path` (created or truncated, mode 0600). With `exclusive`, an existing file is
    /// left alone (another process created it first).
    ///
    /// - Throws: `FileIOError` naming the path (`exclusive` and the file exists: "exists").
    public static func write(_ bytes: [UInt8], to path: String, exclusive: Bool = false) throws(FileIOError) {
        let writer: Writer
        do {
            writer = try Writer(path: path, exclusive: exclusive)
        } catch where exclusive && exists(path) {
            return
        }
        defer { writer.close() }
        try writer.write(bytes)
    }

    /// Whether a file or directory exists at `path`.
    public static func exists(_ path: String) -> Bool {
        var st = stat()
        return stat(path, &st) == 0
    }

    /// Whether `path` is a regular file, following symbolic links.
    public static func isRegularFile(_ path: String) -> Bool {
        var st = stat()
        return stat(path, &st) == 0 && (st.st_mode & S_IFMT) == S_IFREG
    }

    /// The permission bits of `path`, or nil when it cannot be stat'ed.
    public static func mode(_ path: String) -> mode_t? {
        var st = stat()
        guard stat(path, &st) == 0 else { return nil }
        return st.st_mode & 0o7777
    }

    /// The directory part of `path` ("." when there is none, "/" for a file in the root).
    public static func parentDirectory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        let dir = String(path[..<slash])
        return dir.isEmpty ? "/" : dir
    }

    /// Renames `from` to `to`, replacing `to`.
    ///
    /// - Throws: `FileIOError` naming `to`.
    public static func rename(_ from: String, to: String) throws(FileIOError) {
        guard systemRename(from, to) == 0 else {
            throw FileIOError(file: to, message: "cannot rename into place", details: errnoText(), code: errno)
        }
    }

    /// Removes a file, ignoring a missing one.
    public static func remove(_ path: String) {
        unlink(path)
    }

    /// `strerror(code)`: the text of a C error, by default the last one (`errno`, read at once, before another
    /// call changes it).
    public static func errnoText(_ code: Int32 = errno) -> String { String(cString: strerror(code)) }

    /// Reads into `buffer` until it is full or the file ends, retrying `EINTR`: the bytes read, and the `errno`
    /// of a failed read (0 when none).
    private static func readFully(_ fd: Int32, into buffer: UnsafeMutableRawBufferPointer) -> (count: Int, failure: Int32) {
        var count = 0
        while count < buffer.count {
            let n = systemRead(fd, buffer.baseAddress! + count, buffer.count - count)
            if n < 0 && errno == EINTR { continue }
            if n < 0 { return (count, errno) }
            if n == 0 { break }
            count += n
        }
        return (count, 0)
    }

    private static func currentUmask() -> mode_t {
        let mask = umask(0)
        umask(mask)
        return mask
    }
}

// The C functions whose names the methods above shadow.
private func systemRead(_ fd: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int { read(fd, buffer, count) }
private func systemWrite(_ fd: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int { write(fd, buffer, count) }
private func systemRename(_ from: String, _ to: String) -> Int32 { rename(from, to) }
