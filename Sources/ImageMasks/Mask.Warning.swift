public import ImageCore

extension Mask {
    /// Something odd but recoverable found while making a mask (a clamp, a clip, an ignored option): the
    /// shared `ImageWarning` of ImageCore, as the codecs use. Mask codes: `clipped`, `outside`,
    /// `self-intersecting`, `degenerate-ring`, `full-mask`, `feather-ignored`, `png-reduced`, `import`, `approximate`,
    /// `size-mismatch`.
    public typealias Warning = ImageWarning
}
