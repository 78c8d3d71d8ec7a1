public import ImageCore

/// A warning from a codec: the shared `ImageWarning` of ImageCore (codes such as `truncated`,
/// `corrupt-data`, `animated`, `extension-mismatch`, `library`).
public typealias CodecWarning = ImageWarning
