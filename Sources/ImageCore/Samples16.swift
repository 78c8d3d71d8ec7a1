/// 16-bit samples kept in byte storage (an `Image`'s `[UInt8]` pixels, native byte order), read with raw
/// loads: the bytes are never rebound to `UInt16`, so Swift's typed-memory rules hold.
public struct Samples16: RandomAccessCollection {
    /// The bytes: two per sample.
    public let bytes: UnsafeRawBufferPointer

    public init(_ bytes: UnsafeRawBufferPointer) { self.bytes = bytes }

    public var startIndex: Int { 0 }
    public var endIndex: Int { bytes.count / 2 }

    @inline(__always)
    public subscript(index: Int) -> UInt16 { bytes.loadUnaligned(fromByteOffset: index &* 2, as: UInt16.self) }
}

/// Writable 16-bit samples in byte storage, written with raw stores (see `Samples16`).
public struct MutableSamples16 {
    /// The bytes: two per sample.
    public let bytes: UnsafeMutableRawBufferPointer

    public init(_ bytes: UnsafeMutableRawBufferPointer) { self.bytes = bytes }

    /// How many samples fit.
    public var count: Int { bytes.count / 2 }

    @inline(__always)
    public subscript(index: Int) -> UInt16 {
        get { bytes.loadUnaligned(fromByteOffset: index &* 2, as: UInt16.self) }
        nonmutating set { bytes.storeBytes(of: newValue, toByteOffset: index &* 2, as: UInt16.self) }
    }
}
