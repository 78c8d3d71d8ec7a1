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
        try decodeUnits(bytes, name: name, options: options, planes: false) { size, layout, units in
            try consume(size, layout, units.fill)
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
        try decodeUnits(discarding: &bytes, name: name, options: options, planes: false) { size, layout, units in
            try consume(size, layout, units.fill)
        }
    }

    /// `decodeRows(_:name:options:consume:)` with the rows handed out as `RowUnits`, for a consumer that takes
    /// rows on another thread than the one decoding. With `planes`, a full-size decode (`options.shrink` 1) of a
    /// YCbCr frame sampled 4:4:4, 4:2:2 or 4:2:0 comes as strips of YCbCr planes (libjpeg without its upsampling
    /// and colour conversion: `YCbCrStrips`), and `take` makes the RGB rows from them, byte for byte those
    /// libjpeg would have made. Other frames, or without `planes`, come a row a unit.
    ///
    /// - Throws: as `decodeRows(_:name:options:consume:)`.
    public static func decodeUnits(
        _ bytes: [UInt8], name: String? = nil, options: DecodeOptions, planes: Bool,
        consume: (_ size: Size, _ layout: PixelLayout, _ units: RowUnits) throws -> Image
    ) throws -> DecodedImage {
        try bytes.withUnsafeBufferPointer { buffer in
            try decodeUnits(buffer, discarding: false, name: name, options: options, planes: planes, consume: consume)
        }
    }

    /// `decodeUnits(_:name:options:planes:consume:)` over bytes the caller hands over, whose pages are given
    /// back as libjpeg reads them, as `decodeRows(discarding:name:options:consume:)` does.
    ///
    /// - Throws: as `decodeRows(_:name:options:consume:)`.
    public static func decodeUnits(
        discarding bytes: inout [UInt8], name: String? = nil, options: DecodeOptions, planes: Bool,
        consume: (_ size: Size, _ layout: PixelLayout, _ units: RowUnits) throws -> Image
    ) throws -> DecodedImage {
        try bytes.withUnsafeMutableBufferPointer { buffer in
            try decodeUnits(UnsafeBufferPointer(buffer), discarding: true, name: name, options: options, planes: planes,
                            consume: consume)
        }
    }

    /// How much more input libjpeg must have read before its pages are given back (1 MiB: a few calls per file).
    static let discardStep = 1 << 20

    private static func decodeUnits(
        _ buffer: UnsafeBufferPointer<UInt8>, discarding: Bool, name: String?, options: DecodeOptions, planes: Bool,
        consume: (_ size: Size, _ layout: PixelLayout, _ units: RowUnits) throws -> Image
    ) throws -> DecodedImage {
        try options.limits.check(inputBytes: buffer.count, format: .jpeg, file: name)
        let decoded: DecodedImage
        do {
            decoded = try JPEGDecompressor.with(buffer, strictness: options.strictness) { decompressor in
                let header = try decompressor.readHeader(limits: options.limits)
                let info = try makeInfo(header, byteCount: buffer.count)
                try options.limits.check(width: info.width, height: info.height, format: .jpeg, file: nil)
                let base = UnsafeRawPointer(buffer.baseAddress!)
                var discarded = base, checked = 0  // given back up to `discarded`; `checked` bytes read at the last look
                let giveBack = {
                    guard discarding else { return }
                    let read = decompressor.bytesRead
                    if read - checked >= discardStep {
                        discarded = MemoryPages.discard(from: discarded, to: base + read)
                        checked = read
                    }
                }
                let image = planes && options.shrink == 1 && header.hasPlanes
                    ? try consumePlanes(decompressor, info: info, giveBack: giveBack, consume: consume)
                    : try consumeRows(decompressor, header: header, info: info, shrink: options.shrink,
                                      giveBack: giveBack, consume: consume)
                return DecodedImage(image: image, info: info, warnings: decompressor.warnings, shrink: options.shrink)
            }
        } catch let error as any CodecFailure {
            throw error.naming(name)
        }
        try options.strictness.check(decoded.warnings, format: .jpeg, file: name)
        return decoded
    }

    /// The row-a-unit decode; the rows below the last one used are decoded and dropped, so warnings and
    /// failures match `decode`.
    private static func consumeRows(
        _ decompressor: JPEGDecompressor, header: JPEGDecompressor.Header, info: ImageInfo, shrink: Int,
        giveBack: @escaping () -> Void, consume: (Size, PixelLayout, RowUnits) throws -> Image
    ) throws -> Image {
        let size = try decompressor.start(scale: shrink, layout: info.layout,
                                          invertCMYK: info.layout == .cmyk && header.sawAdobeMarker)
        let stride = size.width * info.layout.channels
        let units = RowUnits.rows(count: size.height, rowBytes: stride) { row in
            try decompressor.readRows(into: row, stride: stride, count: 1)
            giveBack()
        }
        let image = try consume(Size(width: size.width, height: size.height), info.layout, units)
        let scratch = UnsafeMutablePointer<UInt8>.allocate(capacity: stride * 16)
        defer { scratch.deallocate() }
        while decompressor.rowsLeft > 0 {
            try decompressor.readRows(into: scratch, stride: stride, count: min(16, decompressor.rowsLeft))
        }
        return image
    }

    /// The strips-of-planes decode; strips below the last one used are decoded and dropped.
    private static func consumePlanes(
        _ decompressor: JPEGDecompressor, info: ImageInfo, giveBack: @escaping () -> Void,
        consume: (Size, PixelLayout, RowUnits) throws -> Image
    ) throws -> Image {
        let strips = try decompressor.startPlanes()
        guard strips.isSupported, strips.planes[0].width == info.width, strips.planes[0].height == info.height else {
            throw DecodeError(format: .jpeg, message: "libjpeg's planes do not match the header", details: "\(strips)")
        }
        let scratch = UnsafeMutablePointer<Int16>.allocate(capacity: strips.scratchCount)
        defer { scratch.deallocate() }
        let units = RowUnits(unitBytes: strips.stripBytes, count: strips.strips, rowsPerUnit: strips.stripRows, context: 1,
                             fill: { strip in
                                 try decompressor.readStrip(into: strip)
                                 giveBack()
                             }, take: { row, unit, dst in
                                 strips.rgbRow(row, strip: unit, scratch: scratch, into: dst)
                             })
        let image = try consume(info.size, .rgb, units)
        let rest = UnsafeMutablePointer<UInt8>.allocate(capacity: strips.stripBytes)
        defer { rest.deallocate() }
        while decompressor.stripsLeft > 0 { try decompressor.readStrip(into: rest) }
        return image
    }
}
