public import ImageCore

extension Mask {
    /// An annotation file that cannot be read: not a supported format, malformed, or missing what a shape
    /// needs. `details` names the place in the file (`annotations[3].segmentation`, `line 12`).
    public struct ImportError: ImagePrepError, Equatable {
        /// The format being read, when it was recognised.
        public var format: ImportFormat?
        public var file: String?
        public var message: String
        public var details: String?

        public init(format: ImportFormat? = nil, file: String? = nil, message: String, details: String? = nil) {
            self.format = format
            self.file = file
            self.message = message
            self.details = details
        }

        public var description: String {
            var text = file.map { "\($0): " } ?? ""
            text += "import error"
            if let format { text += " (\(format.rawValue))" }
            text += ": \(message)"
            if let details, !details.isEmpty { text += " at \(details)" }
            return text
        }
    }
}
