public import ImageCore

/// A manifest that cannot be used: a line that is not an item, or inputs that cannot be planned. Printed as
/// `<file>: manifest error: line <n>: <message>`.
public struct ManifestError: ImagePrepError, Equatable {
    /// The manifest (or input) the error is about.
    public var file: String?
    /// The 1-based line of the manifest, when the error is about one line.
    public var line: Int?
    /// What is wrong.
    public var message: String

    public init(file: String?, line: Int? = nil, message: String) {
        self.file = file
        self.line = line
        self.message = message
    }

    /// The stage name: "manifest".
    public var stage: String { "manifest" }

    public var description: String {
        var copy = self
        if let line { copy.message = "line \(line): \(message)" }
        return copy.stageDescription(stage)
    }
}
