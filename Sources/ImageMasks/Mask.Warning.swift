import ImageCodecs

extension Mask {
    /// Something odd but recoverable found while making a mask (a clamp, a clip, an ignored option): the
    /// same `code` + `message` shape as the codecs' warnings. Mask codes: `clipped`, `outside`,
    /// `self-intersecting`, `degenerate-ring`, `full-mask`, `feather-ignored`, `png-reduced`, `import`,
    /// `size-mismatch`.
    public typealias Warning = CodecWarning
}
