extension Mask {
    /// How a shape combines with the shapes before it (applied in list order).
    public enum Operation: String, Sendable, Hashable, Codable, CaseIterable {
        /// Union: the shape's area is added to the edit region.
        case add
        /// Difference: the shape's area is removed from the edit region built so far.
        case subtract
    }
}
