extension Mask {
    /// Which image a shape's coordinates refer to.
    public enum Frame: String, Sendable, Hashable, Codable, CaseIterable {
        /// The base image the mask is made for (the normalized image).
        case base
        /// The original photo, upright as viewers show it (EXIF orientation applied), at its full pixel size.
        /// Such shapes are carried onto the base by `RenderOptions.originalToBase`.
        case original
    }
}
