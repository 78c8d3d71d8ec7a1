public import ImageCodecs

extension ModelProfile {
    /// Limits on reference images.
    public struct Images: Sendable, Hashable, Codable {
        /// Most reference images per request.
        public var maxCount: Int
        /// Formats accepted, judged by the file's content (sniffed), never its name.
        public var formats: [ImageFormat]
        /// File-name extensions the API documents (lower case, no dot); others get a warning.
        public var extensions: [String]
        /// Largest file in bytes (an error above it). "10 MB" is read as 10,000,000 bytes, the smaller reading.
        public var maxBytes: Int
        /// A lower size above which a warning is given, where some source names a smaller limit; nil for none.
        public var advisoryMaxBytes: Int?
        /// Why the advisory limit exists (quoted in the warning).
        public var advisoryNote: String?
        /// Pixel sizes a reference image should have for edits (`WxH`); nil when any size is accepted.
        public var editSizes: [String]?
        /// Severity when a reference differs from the requested pixel size. Default error.
        public var sizeMismatchSeverity: RuleIssue.Severity?

        public init(maxCount: Int, formats: [ImageFormat], extensions: [String], maxBytes: Int,
                    advisoryMaxBytes: Int? = nil, advisoryNote: String? = nil, editSizes: [String]? = nil,
                    sizeMismatchSeverity: RuleIssue.Severity? = nil) {
            self.maxCount = maxCount
            self.formats = formats
            self.extensions = extensions
            self.maxBytes = maxBytes
            self.advisoryMaxBytes = advisoryMaxBytes
            self.advisoryNote = advisoryNote
            self.editSizes = editSizes
            self.sizeMismatchSeverity = sizeMismatchSeverity
        }
    }
}
