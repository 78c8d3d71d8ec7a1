extension ModelProfile {
    /// Values `size` may take.
    public struct Sizes: Sendable, Hashable, Codable {
        /// The enumerated values (`1:1`, `1024x1024`, `auto`, …), compared case-insensitively.
        public var allowed: [String]
        /// Rules for free `WxH` sizes; nil when only the enumerated values are accepted.
        public var pixels: PixelRule?

        public init(allowed: [String], pixels: PixelRule? = nil) {
            self.allowed = allowed
            self.pixels = pixels
        }
    }

    /// Constraints on an explicit `WxH` size (gpt-image-2).
    public struct PixelRule: Sendable, Hashable, Codable {
        /// Each side must be a multiple of this.
        public var multipleOf: Int
        /// Smallest side.
        public var minSide: Int
        /// Largest side.
        public var maxSide: Int
        /// Smallest width × height.
        public var minPixels: Int
        /// Largest width × height.
        public var maxPixels: Int
        /// Largest long side / short side.
        public var maxAspectRatio: Double

        public init(multipleOf: Int, minSide: Int, maxSide: Int, minPixels: Int, maxPixels: Int, maxAspectRatio: Double) {
            self.multipleOf = multipleOf
            self.minSide = minSide
            self.maxSide = maxSide
            self.minPixels = minPixels
            self.maxPixels = maxPixels
            self.maxAspectRatio = maxAspectRatio
        }
    }
}
