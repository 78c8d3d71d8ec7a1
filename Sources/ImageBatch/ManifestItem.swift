/// One line of a manifest (`imageprep plan`): an input file, its size and content hash when planned, where
/// it sits under the folder it was found in, and the job's options.
public struct ManifestItem: Sendable, Hashable, Codable {
    /// The input file as given or found (relative paths are relative to where the job runs).
    public var path: String
    /// Its size in bytes when planned.
    public var bytes: Int
    /// The SHA-256 of its content when planned, 64 lowercase hex digits.
    public var sha256: String
    /// Its path under the folder it was found in (`shoes/red.jpg`), or its file name for a file given alone:
    /// what `--layout mirror` recreates under the output folder.
    public var relativePath: String
    /// The job's options.
    public var options: JobOptions

    public init(path: String, bytes: Int, sha256: String, relativePath: String, options: JobOptions) {
        self.path = path
        self.bytes = bytes
        self.sha256 = sha256
        self.relativePath = relativePath
        self.options = options
    }

    /// The item's identity in reports: its content hash and path (two files with the same bytes are two items).
    public var key: String { sha256 + " " + path }
}
