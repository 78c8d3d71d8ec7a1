extension ModelProfile {
    /// Limits on `callback_url`.
    public struct Callback: Sendable, Hashable, Codable {
        /// Whether only `https://` is accepted.
        public var httpsOnly: Bool
        /// Longest URL in characters.
        public var maxLength: Int
        /// Whether loopback, private, link-local and other internal hosts are refused.
        public var forbidInternalHosts: Bool

        public init(httpsOnly: Bool, maxLength: Int, forbidInternalHosts: Bool) {
            self.httpsOnly = httpsOnly
            self.maxLength = maxLength
            self.forbidInternalHosts = forbidInternalHosts
        }
    }
}
