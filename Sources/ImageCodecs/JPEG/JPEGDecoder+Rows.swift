public import ImageCore
import SystemIO

extension JPEGDecoder {
    /// Decodes a JPEG a row at a time into `consume`, so the whole image never needs to be in memory.
    ///
    /// `consume` gets the decoded size and layout (at 1/`options.shrink`, as `decode` would produce) and a
    /// `nextRow` function that fills the next row, top to bottom (`width × layout.channels` bytes), and returns
    /// the image it builds from them (a resampled copy, say). Rows it does not ask for are decoded afterwards and
    /// dropped, so a truncated or damaged file warns and fails exactly as `ImageDecoder.decode` does. Errors
    /// carry `name`.
    ///
    /// - Throws: `HeaderError`, `LimitError` or `DecodeError` (as `ImageDecoder.decode`), or what `consume` throws.
    public static func decodeRows(
        _ bytes: [UInt8], name: String? = nil, options: DecodeOptions,
        consume: (_ size: Size, _ layout: PixelLayout, _ nextRow: (UnsafeMutablePointer<UInt8>) throws -> Void) throws -> Image
    ) throws -> DecodedImage {
        try bytes.withUnsafeBufferPointer { buffer in
            try decodeRows(buffer, discarding: false, name: name, options: options, consume: consume)
        }
    }

    /// `decodeRows(_:name:options:consume:)` over bytes the caller hands over: libjpeg reads its input front to
    /// back, and the whole pages it has read are given back to the system as the rows come
    /// (`MemoryPages.discard`, at least every `discardStep` bytes), so the file does not stay resident beside
    /// the rows made from it. Afterwards `bytes` keeps its count but not its contents: do not read it again.
    ///
    /// - Throws: as `decodeRows(_:name:options:consume:)`.
    public static func decodeRows(
        discarding bytes: inout [UInt8], name: String? = nil, options: DecodeOptions,
        consume: (_ size: Size, _ layout: PixelLayout, _ nextRow: (UnsafeMutablePointer<UInt8>) throws -> Void) throws -> Image
    ) throws -> DecodedImage {
        try bytes.withUnsafeMutableBufferPointer { buffer in
            try decodeRows(UnsafeBufferPointer(buffer), discarding: true, name: name, options: options, consume: consume)
        }
    }

    /// How much more input libjpeg must have read before its pages are given back (1 MiB: a few calls per file).
    static let discardStep = 1 << 20

    private static func decodeRows(
        _ buffer: UnsafeBufferPointer<UInt8>, discarding: Bool, name: String?, options: DecodeOptions,
        consume: (_ size: Size, _ layout: PixelLayout, _ nextRow: (UnsafeMutablePointer<UInt8>) throws -> Void) throws -> Image
    ) throws -> DecodedImage {
        try options.limits.check(inputBytes: buffer.count, format: .jpeg, file: name)
        let decoded: DecodedImage
        do {
            decoded = try JPEGDecompressor.with(buffer, strictness: options.strictness) { decompressor in
                let header = try decompressor.readHeader(limits: options.limits)
                let info = try makeInfo(header, byteCount: buffer.count)
                try options.limits.check(width: info.width, height: info.height, format: .jpeg, file: nil)
                let size = try decompressor.start(scale: options.shrink, layout: info.layout,
                                                  invertCMYK: info.layout == .cmyk && header.sawAdobeMarker)
                let stride = size.width * info.layout.channels
                let base = UnsafeRawPointer(buffer.baseAddress!)
                var discarded = base, checked = 0  // given back up to `discarded`; `checked` bytes read at the last look
                let image = try consume(Size(width: size.width, height: size.height), info.layout) { row in
                    try decompressor.readRows(into: row, stride: stride, count: 1)
                    guard discarding else { return }
                    let read = decompressor.bytesRead
                    if read - checked >= discardStep {
                        discarded = MemoryPages.discard(from: discarded, to: base + read)
                        checked = read
                    }
                }
                // The rows below the last one used: decoded and dropped, so warnings and failures match `decode`.
                let scratch = UnsafeMutablePointer<UInt8>.allocate(capacity: stride * 16)
                defer { scratch.deallocate() }
                while decompressor.rowsLeft > 0 {
                    try decompressor.readRows(into: scratch, stride: stride, count: min(16, decompressor.rowsLeft))
                }
                return DecodedImage(image: image, info: info, warnings: decompressor.warnings, shrink: options.shrink)
            }
        } catch let error as any CodecFailure {
            throw error.naming(name)
        }
        try options.strictness.check(decoded.warnings, format: .jpeg, file: name)
        return decoded
    }
}
