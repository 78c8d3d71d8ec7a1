public import ImageCore

/// A fidelity failure that is not a codec or file error (those are thrown as their own types): the stage
/// (`measure`, `paste-back`, `full-resolution`) and the file it concerns.
public struct FidelityError: ImagePrepError, Equatable {
    /// What went wrong, for code that branches on it.
    public enum Reason: String, Sendable, Hashable, Codable {
        /// The mask's size is not the base's size.
        case maskSizeMismatch
        /// The normalize transform cannot be inverted, or no original photo or transform is recorded.
        case noTransform
        /// An image is larger than `FidelityLimits` allow (checked before any allocation).
        case tooLarge
    }
    public var reason: Reason
    /// The pipeline stage: `measure`, `paste-back` or `full-resolution`.
    public var stage: String
    public var file: String?
    public var message: String
    public var details: String?

    public init(_ reason: Reason, stage: String, file: String? = nil, message: String, details: String? = nil) {
        self.reason = reason
        self.stage = stage
        self.file = file
        self.message = message
        self.details = details
    }

    public var description: String { stageDescription(stage) }
}
