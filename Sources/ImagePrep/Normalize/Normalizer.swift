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

    /// Normalizes encoded bytes. `name` is used in errors and the report.
    ///
    /// - Throws: the codecs' `SniffError`/`HeaderError`/`LimitError`/`DecodeError`/`EncodeError`, or
    ///   `NormalizeError` (`overByteBudget`).
    public func normalize(_ bytes: [UInt8], name: String? = nil) async throws -> NormalizedImage {
        try normalizeNow(bytes, name: name)
    }

    /// Reads `path` and normalizes it.
    public func normalize(file path: String) async throws -> NormalizedImage {
        let bytes = try ImageFile.read(path, maxBytes: options.limits.maxInputBytes)
        return try normalizeNow(bytes, name: path)
    }

    /// The synchronous body of `normalize` (for callers that manage their own threads, and benchmarks).
    public func normalizeNow(_ bytes: [UInt8], name: String? = nil) throws -> NormalizedImage {
        let info = try ImageDecoder.info(bytes, name: name, limits: options.limits)
        let upright = info.uprightSize
        let canvas = options.size.resolve(for: upright)
        let geometry = FitGeometry(source: upright, canvas: canvas, fit: options.fit, gravity: options.gravity)
        var warnings: [CodecWarning] = []

        // Shrink-on-load: the largest 1/2, 1/4, 1/8 that leaves `shrinkHeadroom`× the content size on both axes.
        var shrink = 1
        if options.shrinkOnLoad && (info.format == .jpeg || info.format == .webp) {
            let reduction = min(geometry.sourceRect.width / Double(geometry.contentSize.width),
                                geometry.sourceRect.height / Double(geometry.contentSize.height))
            shrink = [8, 4, 2].first { Double($0) * options.shrinkHeadroom <= reduction } ?? 1
        }
        let decoded = try ImageDecoder.decode(
            bytes, name: name, options: DecodeOptions(limits: options.limits, shrink: shrink, lenient: options.lenient))
        warnings += decoded.warnings
        if info.isAnimated && !warnings.contains(where: { $0.code == "animated" }) {
            warnings.append(CodecWarning(code: "animated", message: "animated input: only the first frame is used"))
        }
        if geometry.isUpscaling {
            warnings.append(CodecWarning(code: "upscaled",
                                         message: "the source (\(upright)) is smaller than needed for \(canvas): upscaled"))
        }

        // The window in the decoded (stored, possibly shrunk) frame.
        let orientation = info.orientation
        let toUpright = orientation.transform(stored: info.size)
        let stored = Self.boundingRect(geometry.sourceRect, through: toUpright.inverted!)
        let source = decoded.image
        let sx: Double, sy: Double
        if info.format == .jpeg && decoded.shrink > 1 {
            sx = 1 / Double(decoded.shrink); sy = sx
        } else {
            sx = Double(source.width) / Double(info.width); sy = Double(source.height) / Double(info.height)
        }
        let window = Rect(x: stored.x * sx, y: stored.y * sy, width: stored.width * sx, height: stored.height * sy)
        let content = orientation.swapsDimensions
            ? Size(width: geometry.contentSize.height, height: geometry.contentSize.width) : geometry.contentSize

        // Resample (crop + resize in one pass), storing the small result upright.
        let keepSixteen = source.depth == .sixteen && info.iccProfile != nil
        var image: Image
        if source.size == content && window == Rect(x: 0, y: 0, width: Double(content.width), height: Double(content.height)) {
            image = (keepSixteen ? source : source.to8Bit()).oriented(orientation)
        } else {
            let plan = Resampler.Plan(source: source.size, sourceRect: window, output: content, kernel: options.kernel)
            image = Resampler.resample(source, plan: plan, options: .init(
                outputDepth: keepSixteen ? .sixteen : .eight, maxThreads: options.threadsPerImage, orientation: orientation))
        }

        // Colour to sRGB (on the small image), then 8 bits.
        let color = colorConverter.toSRGB(image, profile: info.iccProfile)
        warnings += color.warnings
        image = color.image.to8Bit()
        if image.layout == .cmyk { image = image.converted(to: .rgb) }

        // Pad (contain).
        if geometry.contentSize != canvas {
            image = image.extended(to: canvas, x: geometry.contentOrigin.x, y: geometry.contentOrigin.y,
                                   background: options.background)
        }

        // Format, flattening, byte budget.
        let usesAlpha = image.usesAlpha
        var format = options.format.format ?? (usesAlpha ? .png : .jpeg)
        let opaqueBackground = options.background.alpha == 255 ? options.background : .white
        var encoded = try encode(&image, format: format, usesAlpha: usesAlpha, background: opaqueBackground, name: name)
        if encoded == nil && options.allowFormatChange {
            let fallback: ImageFormat = usesAlpha ? .webp : .jpeg
            warnings.append(CodecWarning(code: "format-changed",
                                         message: "PNG cannot fit \(ByteCount.format(options.maxBytes)); wrote \(fallback.rawValue.uppercased()) instead"))
            format = fallback
            encoded = try encode(&image, format: format, usesAlpha: usesAlpha, background: opaqueBackground, name: name)
        }
        guard let encoded else {
            throw overBudget(format: format, name: name)
        }
        let report = NormalizeReport(
            input: name, output: nil, format: format, size: image.size.description, width: image.width, height: image.height,
            bytes: encoded.bytes.count, maxBytes: options.maxBytes, quality: encoded.quality,
            compressionLevel: encoded.compressionLevel, encodes: encoded.encodes, inputFormat: info.format,
            inputWidth: info.width, inputHeight: info.height, orientation: orientation.rawValue,
            shrinkOnLoad: decoded.shrink, fit: options.fit, colorConversion: color.conversion,
            transform: geometry.transform, warnings: warnings)
        return NormalizedImage(image: image, bytes: encoded.bytes, format: format, transform: geometry.transform,
                               orientation: orientation, orientationTransform: toUpright, report: report)
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
                        name: String?) throws -> Encoded? {
        if image.layout.hasAlpha && (format == .jpeg || !usesAlpha) { image = image.flattened(onto: background) }
        let metadata = EncodeMetadata(srgb: true)
        let pixels = image
        let cap = options.maxBytes
        switch format {
        case .png:
            var encodes = 0
            var smallest = Int.max
            // sharp's default first (zlib 6, no row filters: fast, and the API's caps leave room); then the
            // strongest setting libpng has.
            for (level, filter) in [(6, PNGFilter.none), (9, .adaptive)] {
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
                    return try ImageEncoder.encode(pixels, as: .jpeg(JPEGEncodeOptions(quality: q, background: background)), metadata: metadata)
                }
                return try ImageEncoder.encode(pixels, as: .webp(WebPEncodeOptions(quality: Float(q))), metadata: metadata)
            }
            guard let outcome else {
                throw NormalizeError(.overByteBudget, file: name,
                                     message: "\(format.rawValue.uppercased()) output is \(ByteCount.format(smallest)) even at quality 1, over the cap of \(ByteCount.format(cap))",
                                     details: "raise --max-bytes", smallestBytes: smallest, maxBytes: cap)
            }
            return Encoded(bytes: outcome.bytes, quality: outcome.quality, compressionLevel: nil, encodes: outcome.encodes)
        }
    }

    private func overBudget(format: ImageFormat, name: String?) -> NormalizeError {
        NormalizeError(.overByteBudget, file: name,
                       message: "\(format.rawValue.uppercased()) output cannot fit the cap of \(ByteCount.format(options.maxBytes))",
                       maxBytes: options.maxBytes)
    }

    /// The axis-aligned bounding box of `rect` mapped through `t` (exact for the 8 orientations).
    static func boundingRect(_ rect: Rect, through t: AffineTransform) -> Rect {
        let corners = [Point(x: rect.x, y: rect.y), Point(x: rect.maxX, y: rect.y),
                       Point(x: rect.x, y: rect.maxY), Point(x: rect.maxX, y: rect.maxY)].map(t.apply)
        let xs = corners.map(\.x), ys = corners.map(\.y)
        return Rect(x: xs.min()!, y: ys.min()!, width: xs.max()! - xs.min()!, height: ys.max()! - ys.min()!)
    }
}
