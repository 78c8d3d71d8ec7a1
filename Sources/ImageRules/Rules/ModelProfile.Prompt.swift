extension ModelProfile {
    /// Limits on the prompt.
    public struct Prompt: Sendable, Hashable, Codable {
        /// How prompt length is counted.
        public enum Unit: String, Sendable, Hashable, Codable {
            /// UTF-16 code units, as JavaScript's `length` and JSON-schema validators in JS count: the
            /// safe reading of "characters" (never less than the code-point count).
            case utf16
            /// Unicode code points (scalars).
            case codepoints
        }

        /// Whether a non-empty prompt is required.
        public var required: Bool
        /// Longest prompt, in `unit`s.
        public var maxLength: Int
        /// How length is counted. Default `utf16`.
        public var unit: Unit
        /// Why this limit was chosen (quoted in the message).
        public var note: String?

        public init(required: Bool, maxLength: Int, unit: Unit = .utf16, note: String? = nil) {
            self.required = required
            self.maxLength = maxLength
            self.unit = unit
            self.note = note
        }

        /// The length of `text` in this limit's unit.
        public func length(of text: String) -> Int {
            switch unit {
            case .utf16: text.utf16.count
            case .codepoints: text.unicodeScalars.count
            }
        }
    }
}
