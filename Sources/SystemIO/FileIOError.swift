public import ImageCore

/// A failed file operation (open, read, write, rename, mkdir), naming the file, with the C library's
/// `strerror` text in `details`. Printed as `<file>: io error: <message>: <details>`.
public struct FileIOError: ImagePrepError, Equatable {
    /// The file or folder (or "-" for standard input/output), when known.
    public var file: String?
    /// A one-line summary ("cannot open", "write failed", …).
    public var message: String
    /// `strerror(errno)` or other detail, if any.
    public var details: String?
    /// Set when a read was refused because the file is larger than this many bytes.
    public var sizeLimit: Int?
    /// The C library's `errno` when the failure came from a system call (`ENOSPC`, `EIO`, …), else nil: what
    /// tells a full disk from a bad file (issue 15's exit codes).
    public var code: Int32?

    public init(file: String? = nil, message: String, details: String? = nil, sizeLimit: Int? = nil, code: Int32? = nil) {
        self.file = file
        self.message = message
        self.details = details
        self.sizeLimit = sizeLimit
        self.code = code
    }

    /// The stage name shared with the codec errors: "io".
    public var stage: String { "io" }

    /// The same error naming `file` (kept if already set).
    public func naming(_ file: String?) -> Self {
        var copy = self
        if copy.file == nil { copy.file = file }
        return copy
    }

    public var description: String { stageDescription(stage) }
}
