import ImageCodecs
public import ImageCore

/// A normalize failure that is not a codec error (those are thrown as the codecs' own `CodecError`s).
public struct NormalizeError: ImagePrepError, Equatable {
    /// What went wrong, for code that branches on it.
    public enum Reason: String, Sendable, Hashable, Codable {
        /// The output cannot be made small enough in the requested format.
        case overByteBudget
        /// The input cannot be normalized (for example zero-sized after orientation).
        case unsupportedInput
    }

    public var reason: Reason
    public var file: String?
    public var message: String
    public var details: String?
    /// For `overByteBudget`: the smallest size reached and the cap, in bytes.
    public var smallestBytes: Int?
    public var maxBytes: Int?

    public init(_ reason: Reason, file: String? = nil, message: String, details: String? = nil,
                smallestBytes: Int? = nil, maxBytes: Int? = nil) {
        self.reason = reason
        self.file = file
        self.message = message
        self.details = details
        self.smallestBytes = smallestBytes
        self.maxBytes = maxBytes
    }

    /// The same error naming `file` (kept if already set).
    public func naming(_ file: String?) -> NormalizeError {
        var copy = self
        if copy.file == nil { copy.file = file }
        return copy
    }
}
