public import ImageCore

/// A bundle manifest that cannot be read, parsed or written.
public struct BundleError: ImagePrepError, Equatable {
    /// What went wrong, for code that branches on it.
    public enum Reason: String, Sendable, Hashable {
        /// The file could not be read (missing, a directory, too large, I/O error).
        case unreadable
        /// The file is not JSON, or its top level is not an object.
        case invalidJSON
        /// A field has the wrong type or a required nested field is missing.
        case invalidField
        /// The manifest could not be written.
        case unwritable
    }

    public var reason: Reason
    public var file: String?
    public var message: String
    public var details: String?

    public init(_ reason: Reason, file: String?, message: String, details: String? = nil) {
        self.reason = reason
        self.file = file
        self.message = message
        self.details = details
    }
}
