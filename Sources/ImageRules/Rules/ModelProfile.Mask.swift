public import ImageCodecs

extension ModelProfile {
    /// Limits on the edit mask.
    public struct Mask: Sendable, Hashable, Codable {
        /// Formats accepted, by content. gpt-4o-image: PNG only.
        public var formats: [ImageFormat]
        /// Largest mask file in bytes ("4 MB" read as 4,000,000).
        public var maxBytes: Int
        /// Whether the mask must carry an alpha channel (transparent = edit).
        public var requiresAlpha: Bool
        /// Whether the mask must have the reference image's width and height.
        public var sameSizeAsImage: Bool
        /// Most reference images a mask may be sent with (1: a mask is not usable with several images).
        public var maxImages: Int

        public init(formats: [ImageFormat], maxBytes: Int, requiresAlpha: Bool, sameSizeAsImage: Bool, maxImages: Int) {
            self.formats = formats
            self.maxBytes = maxBytes
            self.requiresAlpha = requiresAlpha
            self.sameSizeAsImage = sameSizeAsImage
            self.maxImages = maxImages
        }
    }
}
