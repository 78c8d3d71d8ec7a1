import Foundation

/// An API key. Its text is never printed: `description` and `debugDescription` are redacted, and
/// `redact(_:)` removes it from any text (server messages, traces) before that text is shown.
public struct APIKey: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible {
    private let value: String

    /// Wraps a key. Surrounding whitespace is removed.
    public init(_ value: String) {
        self.value = value.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The `Authorization` header value.
    public var authorizationValue: String { "Bearer \(value)" }

    /// Whether the key is empty.
    public var isEmpty: Bool { value.isEmpty }

    public var description: String { "<redacted API key>" }
    public var debugDescription: String { description }

    /// `text` with every occurrence of the key replaced by `<redacted>`.
    public func redact(_ text: String) -> String {
        guard value.count >= 4 else { return text }
        return text.replacingOccurrences(of: value, with: "<redacted>")
    }
}
