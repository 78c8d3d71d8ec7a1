public import ImageCodecs
public import ImageCore

/// Turns any JPEG/PNG/WebP into an image the edit API accepts: upright, sRGB, one of the API sizes, the best
/// quality that fits the byte cap, metadata stripped, tagged sRGB.
///
/// One pass, few copies: the header is read first to plan the geometry; JPEG/WebP are decoded at the largest
/// shrink-on-load that keeps about 2× the needed resolution; the crop and the resize are one resampling pass
/// (Lanczos3 by default, alpha premultiplied in float) run in the *stored* orientation and written upright as it
/// is stored (no extra copy); colour conversion (lcms2) runs on the small result; 16-bit input becomes 8-bit
/// only after resizing; the encoder runs once unless the byte cap forces a quality search.
public struct Normalizer: Sendable {
    /// The options applied to every image.
    public var options: NormalizeOptions
    /// The colour converter (shared transform cache by default).
    public var colorConverter: ColorConverter

    public init(_ options: NormalizeOptions = .init(), colorConverter: ColorConverter = .shared) {
        self.options = options
        self.colorConverter = colorConverter
    }

    /// Normalizes encoded bytes. `name` is used in errors and the report. The work runs on a thread of its own,
    /// not on Swift's cooperative pool, so awaiting it never blocks other tasks.
    ///
    /// - Throws: the codecs' `SniffError`/`HeaderError`/`LimitError`/`DecodeError`/`EncodeError`, or
    ///   `NormalizeError` (`overByteBudget`).
    public func normalize(_ bytes: [UInt8], name: String? = nil) async throws -> NormalizedImage {
        try await OffPool.run { try normalizeNow(bytes, name: name) }
    }

    /// Reads `path` and normalizes it (on a thread of its own, like `normalize(_:name:)`).
    ///
    /// - Throws: `FileIOError` or `LimitError` reading the file, then `normalize(_:name:)`'s errors.
    public func normalize(file path: String) async throws -> NormalizedImage {
        try await OffPool.run { try normalizeNow(file: path) }
    }

    /// Reads `path` and runs `normalizeNow(_:name:)` on its bytes, which are this call's own: a JPEG decoded a row
    /// at a time gives the pages of the file that libjpeg has read back to the system as it goes
    /// (`JPEGDecoder.decodeRows(discarding:…)`), so the input is not resident beside the rows it became.
    ///
    /// - Throws: `FileIOError` or `LimitError` reading the file, then `normalizeNow(_:name:)`'s errors.
    public func normalizeNow(file path: String) throws -> NormalizedImage {
        try normalizeNow(try ImageFile.read(path, maxBytes: options.limits.maxInputBytes), name: path, discardingRead: true)
    }

    /// The synchronous pipeline (for callers that manage their own threads, and benchmarks), in the stages
    /// below: a plan from the header, then decode, resample (crop, resize, orient), colour (sRGB, 8 bits,
    /// pad) and encode under the byte cap. 8-bit gray/RGB JPEGs are decoded a row at a time straight into the
    /// resampler (`decodeResamplingRows`), and when the output is a JPEG that the colour stage leaves as it is,
    /// the first encode compresses the rows as the resampler makes them (`JPEGRowEncoder`), so that it overlaps
    /// the decode; its bytes are the same. Otherwise `bytes` is released before encoding (when the caller hands it
    /// over, as `normalize(file:)` does), so the input, the decoded pixels and the encoder never peak together.
    ///
    /// - Throws: as `normalize(_:name:)`: the codecs' `SniffError`, `HeaderError`, `LimitError`, `DecodeError`, `EncodeError`, and `NormalizeError`.
    public func normalizeNow(_ bytes: consuming [UInt8], name: String? = nil) throws -> NormalizedImage {
        try normalizeNow(bytes, name: name, discardingRead: false)
    }

    /// `normalizeNow(_:name:)`; with `discardingRead`, the row-at-a-time JPEG decode gives the pages of `bytes`
    /// it has read back to the system (for bytes no one else holds).
    private func normalizeNow(_ bytes: consuming [UInt8], name: String?, discardingRead: Bool) throws -> NormalizedImage {
        let plan = self.plan(for: try ImageDecoder.info(bytes, name: name, limits: options.limits))
        // Only the resampled image outlives this block (not the decoded one, not the input).
        let resampled: Image, shrink: Int, decodeWarnings: [CodecWarning]
        var streamedEncode: StreamedEncode?
        if let streamed = try decodeResamplingRows(&bytes, discardingRead: discardingRead, plan: plan, name: name,
                                                   encoding: streamedEncodeOptions(for: plan)) {
            (resampled, shrink, decodeWarnings) = (streamed.decoded.image, streamed.decoded.shrink, streamed.decoded.warnings)
            streamedEncode = streamed.encoded
        } else {
            let decoded = try decode(bytes, plan: plan, name: name)
            (resampled, shrink, decodeWarnings) = (resample(decoded, plan: plan), decoded.shrink, decoded.warnings)
        }
        _ = consume bytes
        let color = colorStage(resampled, plan: plan)
        // The streamed encode stands for the first one only if the colour stage kept the very pixels it compressed.
        let encoded = try encodeStage(color.image, name: name,
                                      streamed: Self.sameStorage(color.image, resampled) ? streamedEncode : nil)
        let report = NormalizeReport(
            input: name, output: nil, format: encoded.format, size: encoded.image.size.description,
            width: encoded.image.width, height: encoded.image.height, bytes: encoded.bytes.count, maxBytes: options.maxBytes,
            quality: encoded.quality, compressionLevel: encoded.compressionLevel, encodes: encoded.encodes,
            inputFormat: plan.info.format, inputWidth: plan.info.width, inputHeight: plan.info.height,
            orientation: plan.info.orientation.rawValue, shrinkOnLoad: shrink, fit: options.fit,
            colorConversion: color.conversion, transform: plan.geometry.transform,
            warnings: decodeWarnings + plan.warnings + color.warnings + encoded.warnings)
        return NormalizedImage(image: encoded.image, bytes: encoded.bytes, format: encoded.format, transform: plan.geometry.transform,
                               orientation: plan.info.orientation, orientationTransform: plan.toUpright, report: report)
    }

    // MARK: - Stages

    /// What the header decides before any pixel is decoded: the canvas (an API size), the fit geometry on the
    /// upright source, the shrink-on-load factor and the warnings known already (animated, upscaled).
    public struct Plan: Sendable {
        /// The header.
        public var info: ImageInfo
        /// The output size.
        public var canvas: Size
        /// Where the upright source lands on the canvas (crop window, content size and origin).
        public var geometry: FitGeometry
        /// The JPEG/WebP decode reduction: 1, 2, 4 or 8.
        public var shrink: Int
        /// Stored → upright coordinates.
        public var toUpright: AffineTransform
        /// `animated` (unless the decoder says so itself) and `upscaled`.
        public var warnings: [CodecWarning]
    }

    /// Stage 1: the plan for an image with header `info`. Shrink-on-load takes the largest 1/2, 1/4, 1/8 that
    /// leaves `shrinkHeadroom`× the content size on both axes (JPEG and WebP only).
    public func plan(for info: ImageInfo) -> Plan {
        let upright = info.uprightSize
        let canvas = options.size.resolve(for: upright)
        let geometry = FitGeometry(source: upright, canvas: canvas, fit: options.fit, gravity: options.gravity)
        var shrink = 1
        if options.shrinkOnLoad && (info.format == .jpeg || info.format == .webp) {
            let reduction = min(geometry.sourceRect.width / Double(geometry.contentSize.width),
                                geometry.sourceRect.height / Double(geometry.contentSize.height))
            shrink = [8, 4, 2].first { Double($0) * options.shrinkHeadroom <= reduction } ?? 1
        }
        var warnings: [CodecWarning] = []
        if geometry.isUpscaling {
            warnings.append(CodecWarning(code: "upscaled", message: "the source (\(upright)) is smaller than needed for \(canvas): upscaled"))
        }
        return Plan(info: info, canvas: canvas, geometry: geometry, shrink: shrink,
                    toUpright: info.orientation.transform(stored: info.size), warnings: warnings)
    }

    /// Stage 2: decodes at the plan's shrink; adds `animated` when the decoder did not say so itself.
    ///
    /// - Throws: the codecs' `SniffError`, `HeaderError`, `LimitError` or `DecodeError`.
    public func decode(_ bytes: [UInt8], plan: Plan, name: String?) throws -> DecodedImage {
        let decoded = try ImageDecoder.decode(
            bytes, name: name, options: DecodeOptions(limits: options.limits, shrink: plan.shrink, strictness: options.strictness))
        return Self.markingAnimated(decoded, plan: plan)
    }

    /// Stage 3: crops and resizes in one resampling pass in the *stored* orientation, writing the result
    /// upright; 16-bit samples are kept when an ICC profile will still convert them.
    public func resample(_ decoded: DecodedImage, plan: Plan) -> Image {
        let info = plan.info, source = decoded.image, orientation = info.orientation
        let keepSixteen = source.depth == .sixteen && info.iccProfile != nil
        guard let resamplePlan = resamplePlan(decodedSize: source.size, shrink: decoded.shrink, plan: plan) else {
            return (keepSixteen ? source : source.to8Bit()).oriented(orientation)
        }
        return Resampler.resample(source, plan: resamplePlan, options: .init(
            outputDepth: keepSixteen ? .sixteen : .eight, maxThreads: options.threadsPerImage, orientation: orientation))
    }

    /// Stages 2 and 3 in one, where the decoder can hand out rows: the pixels equal `resample(decode(…))`'s.
    /// Nil when the plan needs the whole image (other formats and layouts, columns-first plans, no resize at
    /// all): then stages 2 and 3 run as usual.
    ///
    /// - 8-bit gray/RGB JPEGs: libjpeg's scanlines feed the resampler's window of rows as they are decoded, so
    ///   the decoded image never exists whole (W2's peak memory: BENCHMARKS.md "Speed (issue 18)"). With more
    ///   than one thread per image (`threadsPerImage`, default the processor count) decoding runs on a thread
    ///   of its own, a window of rows ahead of the resampler (`RowPipeline`).
    /// - 8-bit HEIF/AVIF without alpha: the resampler reads libheif's planes, interleaving only the rows it
    ///   needs (`HEIFDecoder.decodeRows`), instead of libheif's interleaved copy and then ours.
    ///
    /// - Throws: the codecs' `HeaderError`, `LimitError` or `DecodeError`.
    public func decodeResamplingRows(_ bytes: [UInt8], plan: Plan, name: String?) throws -> DecodedImage? {
        var bytes = bytes
        return try decodeResamplingRows(&bytes, discardingRead: false, plan: plan, name: name, encoding: nil)?.decoded
    }

    /// A JPEG encode run on the resampler's rows as they were made: its options and the file.
    struct StreamedEncode {
        var options: JPEGEncodeOptions
        var bytes: [UInt8]
    }

    /// `decodeResamplingRows`, and with `encoding`, the JPEG path also compresses the output rows as they are
    /// made (the other paths ignore it). With `discardingRead`, the JPEG path gives the pages of `bytes` libjpeg
    /// has read back to the system (`JPEGDecoder.decodeRows(discarding:…)`); `bytes` must not be read afterwards.
    func decodeResamplingRows(_ bytes: inout [UInt8], discardingRead: Bool, plan: Plan, name: String?,
                              encoding: JPEGEncodeOptions?) throws -> (decoded: DecodedImage, encoded: StreamedEncode?)? {
        switch plan.info.format {
        case .jpeg: return try decodeResamplingJPEGRows(&bytes, discardingRead: discardingRead, plan: plan, name: name, encoding: encoding)
        case .heif, .avif: return try decodeResamplingHEIFRows(bytes, plan: plan, name: name).map { ($0, nil) }
        default: return nil
        }
    }

    /// The options of the first JPEG encode when it can run on the resampler's rows: the output is a JPEG and
    /// the colour stage will not change the pixels (no ICC conversion, no pad). The quality is the one the
    /// byte-cap search starts with. Nil otherwise.
    func streamedEncodeOptions(for plan: Plan) -> JPEGEncodeOptions? {
        guard (options.format.format ?? .jpeg) == .jpeg, plan.geometry.contentSize == plan.canvas,
              colorConverter.keepsPixels(layout: plan.info.layout, profile: plan.info.iccProfile) else { return nil }
        return JPEGEncodeOptions(quality: options.quality ?? options.qualityCeiling, background: opaqueBackground)
    }

    private func decodeResamplingJPEGRows(_ bytes: inout [UInt8], discardingRead: Bool, plan: Plan, name: String?,
                                          encoding: JPEGEncodeOptions?) throws -> (decoded: DecodedImage, encoded: StreamedEncode?)? {
        let info = plan.info
        guard info.layout == .gray || info.layout == .rgb else { return nil }
        let side = { (n: Int) in (n + plan.shrink - 1) / plan.shrink }  // libjpeg's scaled size (rounded up)
        let decodedSize = Size(width: side(info.width), height: side(info.height))
        guard let resamplePlan = resamplePlan(decodedSize: decodedSize, shrink: plan.shrink, plan: plan),
              Resampler.opaquePathApplies(layout: info.layout, plan: resamplePlan) else { return nil }
        var encoded: StreamedEncode?
        let decodeOptions = DecodeOptions(limits: options.limits, shrink: plan.shrink, strictness: options.strictness)
        // With more than one thread, libjpeg decodes the rows below while the resampler filters those above
        // (`RowPipeline`), and the encoder compresses the output rows made before on a third (`RowFollower`).
        // Full-size YCbCr decodes then come as planes: libjpeg's upsampling and colour conversion (about a sixth
        // of its time on W2) run on the resampler's thread (`RowUnits.take`), the same bytes either way.
        let threaded = (options.threadsPerImage ?? Resampler.processorCount) > 1
        let consume = { (size: Size, layout: PixelLayout, units: RowUnits) throws -> Image in
            guard size == decodedSize else {
                throw DecodeError(format: .jpeg, file: name, message: "libjpeg decoded \(size), not the planned \(decodedSize)")
            }
            let content = plan.geometry.contentSize, outRowBytes = content.width * layout.channels
            let encoder = try encoding.map { options in
                try JPEGRowEncoder(width: content.width, height: content.height, layout: layout, options: options,
                                   metadata: EncodeMetadata(srgb: true))
            }
            func decodeAndResample(rowDone: (UnsafePointer<UInt8>) throws -> Void) throws -> Image {
                func resample(_ next: (UnsafeMutablePointer<UInt8>) throws -> Void) throws -> Image {
                    try Resampler.resample(rowsOf: layout, plan: resamplePlan, orientation: info.orientation, nextRow: next, rowDone: rowDone)
                }
                return try threaded ? RowPipeline.run(units: units, rows: size.height, consume: resample) : resample(units.fill)
            }
            let image: Image
            if let encoder, threaded {
                image = try RowFollower.run(rowBytes: outRowBytes, work: { row in try encoder.write(row, stride: outRowBytes) },
                                            body: decodeAndResample)
            } else {
                image = try decodeAndResample { row in try encoder?.write(row, stride: outRowBytes) }
            }
            if let encoder, let options = encoding { encoded = StreamedEncode(options: options, bytes: try encoder.finish()) }
            return image
        }
        let decoded = try discardingRead
            ? JPEGDecoder.decodeUnits(discarding: &bytes, name: name, options: decodeOptions, planes: threaded, consume: consume)
            : JPEGDecoder.decodeUnits(bytes, name: name, options: decodeOptions, planes: threaded, consume: consume)
        return (Self.markingAnimated(decoded, plan: plan), encoded)
    }

    private func decodeResamplingHEIFRows(_ bytes: [UInt8], plan: Plan, name: String?) throws -> DecodedImage? {
        let info = plan.info
        guard info.layout == .rgb, info.bitDepth == 8, let resamplePlan = resamplePlan(decodedSize: info.size, shrink: 1, plan: plan),
              Resampler.opaquePathApplies(layout: .rgb, plan: resamplePlan) else { return nil }
        let decodeOptions = DecodeOptions(limits: options.limits, strictness: options.strictness)
        let decoded = try HEIFDecoder.decodeRows(bytes, format: info.format, name: name, options: decodeOptions) { size, layout, row in
            guard size == info.size else {
                // libheif decoded another size than the header's (a warning): the whole image, then stage 3 as usual.
                let whole = Image(width: size.width, height: size.height, layout: layout) { dst in
                    for y in 0..<size.height { row(y, dst.baseAddress! + y * size.width * layout.channels) }
                }
                return resample(DecodedImage(image: whole, info: info), plan: plan)
            }
            return Resampler.resample(rowsAt: layout, plan: resamplePlan,
                                      options: .init(maxThreads: options.threadsPerImage, orientation: info.orientation), row: row)
        }
        return decoded.map { Self.markingAnimated($0, plan: plan) }
    }

    /// `decoded` with an `animated` warning when the header says animated and the decoder did not say so itself.
    static func markingAnimated(_ decoded: DecodedImage, plan: Plan) -> DecodedImage {
        var decoded = decoded
        if plan.info.isAnimated && !decoded.warnings.contains(where: { $0.code == "animated" }) {
            decoded.warnings.append(CodecWarning(code: "animated", message: "animated input: only the first frame is used"))
        }
        return decoded
    }

    /// The resampling plan from the decoded (possibly shrunk-on-load) stored image onto the content size in
    /// stored orientation; nil when the decoded image already is the content (no crop, no resize).
    func resamplePlan(decodedSize: Size, shrink: Int, plan: Plan) -> Resampler.Plan? {
        let info = plan.info
        let stored = Self.boundingRect(plan.geometry.sourceRect, through: plan.toUpright.inverted!)
        let sx: Double, sy: Double
        if info.format == .jpeg && shrink > 1 {
            sx = 1 / Double(shrink); sy = sx
        } else {
            sx = Double(decodedSize.width) / Double(info.width); sy = Double(decodedSize.height) / Double(info.height)
        }
        let window = Rect(x: stored.x * sx, y: stored.y * sy, width: stored.width * sx, height: stored.height * sy)
        let content = info.orientation.swapsDimensions
            ? Size(width: plan.geometry.contentSize.height, height: plan.geometry.contentSize.width) : plan.geometry.contentSize
        if decodedSize == content && window == Rect(x: 0, y: 0, width: Double(content.width), height: Double(content.height)) {
            return nil
        }
        return Resampler.Plan(source: decodedSize, sourceRect: window, output: content, kernel: options.kernel)
    }

    /// Stage 4: colour to sRGB on the small image (lcms2), then 8 bits, CMYK to RGB, and the pad for `contain`.
    public func colorStage(_ image: Image, plan: Plan) -> ColorConverter.Result {
        var color = colorConverter.toSRGB(image, profile: plan.info.iccProfile)
        color.image = color.image.to8Bit()
        if color.image.layout == .cmyk { color.image = color.image.converted(to: .rgb) }
        if plan.geometry.contentSize != plan.canvas {
            color.image = color.image.extended(to: plan.canvas, x: plan.geometry.contentOrigin.x, y: plan.geometry.contentOrigin.y,
                                               background: options.background)
        }
        return color
    }

    /// What the encode stage produced: the image as encoded (flattened for JPEG), the bytes and the search.
    public struct EncodeStageResult: Sendable {
        public var image: Image
        public var format: ImageFormat
        public var bytes: [UInt8]
        public var quality: Int?
        public var compressionLevel: Int?
        public var encodes: Int
        /// `format-changed` when PNG could not fit and `allowFormatChange` picked another format.
        public var warnings: [CodecWarning]
    }

    /// Stage 5: picks the format (`auto`: PNG when alpha is used, else JPEG) and encodes under the byte cap.
    ///
    /// - Throws: `NormalizeError` `.overByteBudget`, or the encoder's `EncodeError`.
    public func encodeStage(_ image: Image, name: String?) throws -> EncodeStageResult {
        try encodeStage(image, name: name, streamed: nil)
    }

    /// Stage 5, where `streamed` (when given) is `image` already encoded as a JPEG with its options: the search
    /// uses its bytes instead of encoding at that quality.
    func encodeStage(_ image: Image, name: String?, streamed: StreamedEncode?) throws -> EncodeStageResult {
        var image = image
        var warnings: [CodecWarning] = []
        let usesAlpha = image.usesAlpha
        var format = options.format.format ?? (usesAlpha ? .png : .jpeg)
        var encoded = try encode(&image, format: format, usesAlpha: usesAlpha, background: opaqueBackground, name: name,
                                 streamed: streamed)
        if encoded == nil && options.allowFormatChange {
            let fallback: ImageFormat = usesAlpha ? .webp : .jpeg
            warnings.append(CodecWarning(code: "format-changed",
                                         message: "PNG cannot fit \(ByteCount.format(options.maxBytes)); wrote \(fallback.rawValue.uppercased()) instead"))
            format = fallback
            encoded = try encode(&image, format: format, usesAlpha: usesAlpha, background: opaqueBackground, name: name)
        }
        guard let encoded else { throw overBudget(format: format, name: name) }
        return EncodeStageResult(image: image, format: format, bytes: encoded.bytes, quality: encoded.quality,
                                 compressionLevel: encoded.compressionLevel, encodes: encoded.encodes, warnings: warnings)
    }

    // MARK: - Encoding under the cap

    struct Encoded {
        var bytes: [UInt8]
        var quality: Int?
        var compressionLevel: Int?
        var encodes: Int
    }

    /// Encodes `image` as `format` under the cap; nil when it cannot fit (then `overBudget` explains).
    /// Flattens `image` in place for JPEG, and drops an unused alpha channel.
    private func encode(_ image: inout Image, format: ImageFormat, usesAlpha: Bool, background: Color,
                        name: String?, streamed: StreamedEncode? = nil) throws -> Encoded? {
        if image.layout.hasAlpha && (format == .jpeg || !usesAlpha) { image = image.flattened(onto: background) }
        let metadata = EncodeMetadata(srgb: true)
        let pixels = image
        let cap = options.maxBytes
        switch format {
        case .png:
            var encodes = 0
            var smallest = Int.max
            // Adaptive row filters at deflate level 6 first (a third smaller than sharp's unfiltered zlib 6 on
            // photos, in about the same time: BENCHMARKS.md "PNG output"); then libdeflate's optimal parser
            // (level 10: ~5 % smaller again, ~3x the time).
            for (level, filter) in [(6, PNGFilter.adaptive), (10, .adaptive)] {
                let bytes = try ImageEncoder.encode(
                    pixels, as: .png(PNGEncodeOptions(compressionLevel: level, filter: filter)), metadata: metadata)
                encodes += 1
                smallest = min(smallest, bytes.count)
                if bytes.count <= cap { return Encoded(bytes: bytes, quality: nil, compressionLevel: level, encodes: encodes) }
            }
            if options.allowFormatChange { return nil }
            throw NormalizeError(.overByteBudget, file: name,
                                 message: "PNG output is \(ByteCount.format(smallest)) at the strongest compression, over the cap of \(ByteCount.format(cap))",
                                 details: "use --format jpeg or --format webp, or pass --allow-format-change",
                                 smallestBytes: smallest, maxBytes: cap)
        case .jpeg, .webp:
            var smallest = Int.max
            let fixed = options.quality
            let outcome = try ByteBudget.search(cap: cap, ceiling: fixed ?? options.qualityCeiling, start: fixed,
                                                exact: fixed != nil, smallest: &smallest) { q in
                if format == .jpeg {
                    let options = JPEGEncodeOptions(quality: q, background: background)
                    if let streamed, streamed.options == options { return streamed.bytes }
                    return try ImageEncoder.encode(pixels, as: .jpeg(options), metadata: metadata)
                }
                return try ImageEncoder.encode(pixels, as: .webp(WebPEncodeOptions(quality: Float(q))), metadata: metadata)
            }
            guard let outcome else {
                throw NormalizeError(.overByteBudget, file: name,
                                     message: "\(format.rawValue.uppercased()) output is \(ByteCount.format(smallest)) even at quality 1, over the cap of \(ByteCount.format(cap))",
                                     details: "raise --max-bytes", smallestBytes: smallest, maxBytes: cap)
            }
            return Encoded(bytes: outcome.bytes, quality: outcome.quality, compressionLevel: nil, encodes: outcome.encodes)
        case .heif, .avif, .gif, .tiff:
            preconditionFailure("\(format.rawValue) is read-only; OutputFormat never names it")
        }
    }

    /// What JPEG flattens alpha onto: `options.background` when it is opaque, else white.
    private var opaqueBackground: Color { options.background.alpha == 255 ? options.background : .white }

    private func overBudget(format: ImageFormat, name: String?) -> NormalizeError {
        NormalizeError(.overByteBudget, file: name,
                       message: "\(format.rawValue.uppercased()) output cannot fit the cap of \(ByteCount.format(options.maxBytes))",
                       maxBytes: options.maxBytes)
    }

    /// Whether `a` and `b` are one pixel buffer (so the same pixels, without comparing them).
    static func sameStorage(_ a: Image, _ b: Image) -> Bool {
        a.size == b.size && a.layout == b.layout && a.depth == b.depth
            && a.pixels.withUnsafeBufferPointer { pa in b.pixels.withUnsafeBufferPointer { pb in pa.baseAddress == pb.baseAddress } }
    }

    /// The axis-aligned bounding box of `rect` mapped through `t` (exact for the 8 orientations).
    static func boundingRect(_ rect: Rect, through t: AffineTransform) -> Rect {
        let corners = [Point(x: rect.x, y: rect.y), Point(x: rect.maxX, y: rect.y),
                       Point(x: rect.x, y: rect.maxY), Point(x: rect.maxX, y: rect.maxY)].map(t.apply)
        let xs = corners.map(\.x), ys = corners.map(\.y)
        return Rect(x: xs.min()!, y: ys.min()!, width: xs.max()! - xs.min()!, height: ys.max()! - ys.min()!)
    }
}
