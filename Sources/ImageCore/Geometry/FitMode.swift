/// How a source is made to fill an exact output size.
public enum FitMode: String, Sendable, Hashable, Codable, CaseIterable {
    /// Scale to cover the whole output, cropping the overflow (position chosen by `Gravity`).
    case cover
    /// Scale to fit inside the output, padding the rest with a background (position chosen by `Gravity`).
    case contain
}
