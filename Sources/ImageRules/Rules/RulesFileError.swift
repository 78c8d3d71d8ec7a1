public import ImageCore

/// A `--rules` file that cannot be read or does not fit the profile schema.
public struct RulesFileError: ImagePrepError, Equatable {
    public var file: String?
    public var message: String
    public var details: String?

    public init(file: String?, message: String, details: String? = nil) {
        self.file = file
        self.message = message
        self.details = details
    }
}
