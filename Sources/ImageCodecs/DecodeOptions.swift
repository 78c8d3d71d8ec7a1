/// How to decode.
public struct DecodeOptions: Sendable, Hashable {
    /// Limits checked after the header, before allocation. Default `.default`.
    public var limits: DecodeLimits
    /// Shrink-on-load denominator: 1, 2, 4 or 8. JPEG uses DCT-domain scaling, WebP the decoder's
    /// scaler; PNG ignores it. Output size is `ceil(size / shrink)` per side. Default 1.
    public var shrink: Int
    /// How much damage is tolerated. Default `.standard`: recoverable damage decodes with a `CodecWarning`,
    /// missing data throws.
    public var strictness: DecodeStrictness
    /// When false, 16-bit PNGs are reduced to 8 bits while decoding. Default true (kept).
    public var keepSixteenBit: Bool

    public init(limits: DecodeLimits = .default, shrink: Int = 1, strictness: DecodeStrictness = .standard,
                keepSixteenBit: Bool = true) {
        precondition([1, 2, 4, 8].contains(shrink), "shrink must be 1, 2, 4 or 8")
        self.limits = limits
        self.shrink = shrink
        self.strictness = strictness
        self.keepSixteenBit = keepSixteenBit
    }

    /// Whether truncated and CRC-damaged files are accepted (`strictness == .lenient`).
    public var lenient: Bool { strictness == .lenient }
}
