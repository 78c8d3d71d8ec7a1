/// Bits per sample. 16-bit samples are stored as native-endian `UInt16` inside the byte storage.
public enum SampleDepth: Int, Sendable, Hashable, Codable {
    case eight = 8
    case sixteen = 16

    /// Bytes per sample: 1 or 2.
    @inlinable public var bytes: Int { self == .eight ? 1 : 2 }

    /// The largest sample value: 255 or 65535.
    @inlinable public var maxValue: Int { self == .eight ? 255 : 65535 }
}
