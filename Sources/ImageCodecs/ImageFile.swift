public import SystemIO
#if canImport(Glibc)
public import Glibc
#elseif canImport(Darwin)
public import Darwin
#endif

/// Reading image files under the decode limits, and writing encoded images atomically: the codec layer's
/// face of `LocalFile` (module SystemIO), which does the POSIX work.
public enum ImageFile {
    /// Reads a whole file, or standard input for `-`, refusing more than `maxBytes` (default: the decode
    /// limit `DecodeLimits.default.maxInputBytes`, 256 MiB).
    ///
    /// - Throws: `FileIOError` naming the path; `LimitError` when the file is larger than `maxBytes`.
    public static func read(_ path: String, maxBytes: Int = DecodeLimits.default.maxInputBytes) throws -> [UInt8] {
        do {
            return try LocalFile.read(path, maxBytes: maxBytes)
        } catch where error.sizeLimit != nil {
            throw LimitError(file: path, message: error.message)
        }
    }

    /// Writes `bytes` to `path` through a temporary file in the same folder and a rename, so that a reader
    /// sees the old file or the whole new one, and a failure leaves no partial output. `-` writes to
    /// standard output.
    ///
    /// - Throws: `FileIOError` naming the path.
    public static func writeAtomically(_ bytes: [UInt8], to path: String) throws(FileIOError) {
        try LocalFile.writeAtomically(bytes, to: path)
    }

    /// Creates the folder `path` and its missing parents.
    ///
    /// - Throws: `FileIOError` naming the folder that could not be made.
    @available(*, deprecated, renamed: "LocalFile.makeDirectories")
    public static func makeDirectories(_ path: String, mode: mode_t = 0o755) throws(FileIOError) {
        try LocalFile.makeDirectories(path, mode: mode)
    }
}

extension FileIOError: CodecFailure {
    /// File errors concern no format.
    public var format: ImageFormat? { nil }
}
