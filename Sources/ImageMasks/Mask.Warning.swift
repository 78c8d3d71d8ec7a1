extension Mask {
    /// Something odd but recoverable found while making a mask (a clamp, a clip, an ignored option).
    public struct Warning: Sendable, Hashable, Codable, CustomStringConvertible {
        /// A stable identifier: `clipped`, `self-intersecting`, `outside`, `full-mask`, `feather-ignored`,
        /// `png-reduced`, `import`, ….
        public var code: String
        /// A sentence for people.
        public var message: String

        public init(code: String, message: String) {
            self.code = code
            self.message = message
        }

        public var description: String { "warning [\(code)]: \(message)" }
    }
}
