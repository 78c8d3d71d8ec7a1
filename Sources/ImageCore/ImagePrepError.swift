/// The protocol every ImagePrep error conforms to.
///
/// Each pipeline stage has its own error types; they share this shape so that the CLI and CI output can
/// print any of them the same way: a short `message`, optional `details`, and the `file` it concerns.
public protocol ImagePrepError: Error, CustomStringConvertible, Sendable {
    /// A one-line summary, without the file name.
    var message: String { get }
    /// Extra context (the C library's own text, expected versus actual values), if any.
    var details: String? { get }
    /// The file the error concerns, when known.
    var file: String? { get }
}

extension ImagePrepError {
    public var details: String? { nil }
    public var file: String? { nil }

    public var description: String {
        var text = file.map { "\($0): \(message)" } ?? message
        if let details, !details.isEmpty { text += " (\(details))" }
        return text
    }
}

extension ImagePrepError {
    /// The one-line form of an error from a named pipeline stage, as codec and file errors print:
    /// `<file>: <stage> error (<subject>): <message>: <details>`, leaving out the file and subject when nil and
    /// the details when empty or equal to the message.
    public func stageDescription(_ stage: String, subject: String? = nil) -> String {
        var text = file.map { "\($0): " } ?? ""
        text += "\(stage) error"
        if let subject { text += " (\(subject))" }
        text += ": \(message)"
        if let details, !details.isEmpty, details != message { text += ": \(details)" }
        return text
    }
}
