/// A decoded raster image: explicit geometry, a pixel layout, a sample depth and packed row-major storage.
///
/// Rows are stored top to bottom with no padding: `rowStride == width * layout.channels * depth.bytes`.
/// 16-bit samples are native-endian `UInt16`. Alpha is straight. An `Image` carries pixels only; metadata
/// read from a file (orientation, ICC profile, EXIF) travels beside it in the decoder's result.
///
/// Invalid geometry (negative sizes, storage of the wrong length) is a programming error and traps;
/// bad *input data* is always reported by the decoders as a thrown error before an `Image` is made.
public struct Image: Sendable, Hashable {
    /// Width in pixels, ≥ 1.
    public let width: Int
    /// Height in pixels, ≥ 1.
    public let height: Int
    /// The channels of each pixel.
    public let layout: PixelLayout
    /// Bits per sample.
    public let depth: SampleDepth
    /// Packed row-major samples; `count == height * rowStride`.
    public var pixels: [UInt8]

    /// Makes an image from existing storage.
    public init(width: Int, height: Int, layout: PixelLayout, depth: SampleDepth = .eight, pixels: [UInt8]) {
        precondition(width > 0 && height > 0, "image dimensions must be positive")
        precondition(pixels.count == width * height * layout.channels * depth.bytes, "storage size does not match geometry")
        self.width = width
        self.height = height
        self.layout = layout
        self.depth = depth
        self.pixels = pixels
    }

    /// Makes an image whose storage is written by `initialize`, without zero-filling it first.
    ///
    /// `initialize` receives the whole buffer and must write every byte.
    public init(
        width: Int, height: Int, layout: PixelLayout, depth: SampleDepth = .eight,
        initializingWith initialize: (UnsafeMutableBufferPointer<UInt8>) throws -> Void
    ) rethrows {
        precondition(width > 0 && height > 0, "image dimensions must be positive")
        let count = width * height * layout.channels * depth.bytes
        let storage = try [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
            try initialize(buffer)
            initialized = count
        }
        self.init(width: width, height: height, layout: layout, depth: depth, pixels: storage)
    }

    /// A image filled with one value in every sample (for example 0 for transparent black, 255 for white).
    public init(width: Int, height: Int, layout: PixelLayout, depth: SampleDepth = .eight, filledWith value: UInt8) {
        self.init(width: width, height: height, layout: layout, depth: depth,
                  pixels: [UInt8](repeating: value, count: width * height * layout.channels * depth.bytes))
    }

    /// Bytes per pixel.
    @inlinable public var bytesPerPixel: Int { layout.channels * depth.bytes }

    /// Bytes per row.
    @inlinable public var rowStride: Int { width * layout.channels * depth.bytes }

    /// Width times height.
    @inlinable public var pixelCount: Int { width * height }

    /// The image's size.
    public var size: Size { Size(width: width, height: height) }

    /// Sample `channel` of the pixel at (`x`, `y`), widened to `Int` (0…255 or 0…65535).
    @inlinable public func sample(x: Int, y: Int, channel: Int) -> Int {
        let index = (y * width + x) * layout.channels + channel
        switch depth {
        case .eight:
            return Int(pixels[index])
        case .sixteen:
            return pixels.withUnsafeBytes { Int($0.load(fromByteOffset: index * 2, as: UInt16.self)) }
        }
    }
}
