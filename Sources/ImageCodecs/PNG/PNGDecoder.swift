import CImageShims
import ImageCore

/// PNG decoding over libpng 1.6 (full API, so 16-bit samples are kept).
///
/// Every PNG colour type and bit depth decodes to 8- or 16-bit `gray`, `grayAlpha`, `rgb` or `rgba`:
/// palettes expand to RGB, gray below 8 bits widens to 8, `tRNS` becomes an alpha channel, Adam7 is
/// de-interlaced. 16-bit samples are native-endian `UInt16` unless `DecodeOptions.keepSixteenBit` is false
/// (then rounded to 8 bits). gAMA, sRGB, iCCP and eXIf are read (not applied); EXIF orientation is parsed.
///
/// Safety: `DecodeLimits` width/height go to `png_set_user_limits`, `maxMetadataBytes` to
/// `png_set_chunk_malloc_max`; the pixel limit is checked right after the header, before pixel memory is
/// allocated. libpng warnings become `CodecWarning`s (code `library`).
public enum PNGDecoder {
    /// Reads the header and the chunks before the image data (an eXIf after IDAT is only seen by `decode`).
    ///
    /// - Throws: `HeaderError` (libpng's message in `details`) or `LimitError`.
    public static func info(_ bytes: [UInt8], limits: DecodeLimits) throws -> ImageInfo {
        try bytes.withUnsafeBufferPointer { buffer in
            let context = try PNGReadContext(buffer, limits: limits)
            return try readInfo(context, bytes: buffer, limits: limits)
        }
    }

    /// Decodes the pixels.
    ///
    /// In lenient mode, CRC mismatches are warnings (libpng uses the data), and corrupt or truncated image
    /// data returns what was decoded (rows not reached are zero) with a `truncated` or `corrupt-data`
    /// warning, provided libpng finished at least one row.
    ///
    /// - Throws: `HeaderError`, `LimitError` or `DecodeError` (libpng's message in `details`).
    public static func decode(_ bytes: [UInt8], options: DecodeOptions) throws -> DecodedImage {
        try bytes.withUnsafeBufferPointer { buffer in
            let context = try PNGReadContext(buffer, limits: options.limits, lenient: options.lenient)
            var info = try readInfo(context, bytes: buffer, limits: options.limits)

            let output: CImageShims_png_output
            switch context.startPixels(keepSixteenBit: options.keepSixteenBit) {
            case .success(let value): output = value
            case .failure(let f): throw context.failure(f.status, as: DecodeStage.self, "cannot set up PNG decoding")
            }
            let depth: SampleDepth = output.bit_depth == 16 ? .sixteen : .eight
            guard Int(output.channels) == info.layout.channels, output.bit_depth == 8 || output.bit_depth == 16,
                  output.row_bytes == info.width * info.layout.channels * depth.bytes
            else {
                throw DecodeError(format: .png, message: "unexpected libpng output format",
                                  details: "\(output.channels) channels, \(output.bit_depth) bits, \(output.row_bytes) bytes per row")
            }

            let rowStride = Int(output.row_bytes)
            var extra: [CodecWarning] = []
            let pixels = try [UInt8](unsafeUninitializedCapacity: rowStride * info.height) { storage, initialized in
                let (status, rows) = context.readPixels(into: storage, rowStride: rowStride, zeroFill: options.lenient)
                if status != 0 {
                    guard options.lenient, status == CImageShims_png_error.rawValue, rows > 0 else {
                        throw context.failure(status, as: DecodeStage.self, "corrupt PNG image data")
                    }
                    extra.append(partialWarning(context.message, rows: rows, height: info.height, interlaced: info.isProgressive))
                }
                initialized = rowStride * info.height
            }

            if extra.isEmpty {
                let status = context.readEnd()
                if status != 0 {
                    guard options.lenient else {
                        throw context.failure(status, as: DecodeStage.self, "corrupt PNG data after the image")
                    }
                    extra.append(CodecWarning(code: "corrupt-data",
                                              message: "data after the image is damaged: \(context.message)"))
                } else {
                    let late = context.metadata()
                    if info.exif == nil, let exif = late.exif {
                        info.exif = exif
                        info.orientation = EXIF.orientation(in: exif) ?? .up
                    }
                    if info.iccProfile == nil { info.iccProfile = late.icc }
                }
            }
            let image = Image(width: info.width, height: info.height, layout: info.layout, depth: depth, pixels: pixels)
            if info.isAnimated {
                extra.append(CodecWarning(code: "animated",
                                          message: "animated PNG with \(info.frameCount) frames: only the default image was decoded"))
            }
            return DecodedImage(image: image, info: info, warnings: context.warnings + extra, shrink: 1)
        }
    }

    /// Reads the header, checks the limits, and builds the `ImageInfo`.
    private static func readInfo(_ context: PNGReadContext, bytes: UnsafeBufferPointer<UInt8>, limits: DecodeLimits) throws -> ImageInfo {
        let header: CImageShims_png_header
        switch context.readHeader() {
        case .success(let value): header = value
        case .failure(let f) where f.status == CImageShims_png_limit.rawValue:
            // libpng refused the IHDR against png_set_user_limits: report it as the limit it is.
            if let (width, height) = ihdrSize(bytes) {
                try limits.check(width: width, height: height, format: .png, file: nil)
            }
            throw context.failure(f.status, as: LimitStage.self, "PNG dimensions exceed the limits")
        case .failure(let f):
            throw context.failure(f.status, as: HeaderStage.self, "invalid PNG header")
        }
        let width = Int(header.width), height = Int(header.height)
        try limits.check(width: width, height: height, format: .png, file: nil)

        let hasTRNS = header.has_trns != 0
        let layout: PixelLayout
        let colorModel: String
        switch header.color_type {
        case 0: layout = hasTRNS ? .grayAlpha : .gray; colorModel = "gray"
        case 2: layout = hasTRNS ? .rgba : .rgb; colorModel = "rgb"
        case 3: layout = hasTRNS ? .rgba : .rgb; colorModel = "palette"
        case 4: layout = .grayAlpha; colorModel = "gray"
        case 6: layout = .rgba; colorModel = "rgb"
        default:
            throw HeaderError(format: .png, message: "invalid PNG header", details: "colour type \(header.color_type)")
        }
        let meta = context.metadata()
        return ImageInfo(
            format: .png, width: width, height: height, layout: layout, bitDepth: Int(header.bit_depth),
            colorModel: colorModel, hasAlpha: layout.hasAlpha, isProgressive: header.interlaced != 0,
            orientation: meta.exif.flatMap(EXIF.orientation(in:)) ?? .up, iccProfile: meta.icc, exif: meta.exif,
            gamma: meta.gamma, srgbIntent: meta.srgbIntent, frameCount: APNGFrames.count(in: bytes), byteCount: bytes.count)
    }

    /// Width and height from an IHDR that directly follows the signature, if present.
    private static func ihdrSize(_ bytes: UnsafeBufferPointer<UInt8>) -> (Int, Int)? {
        guard bytes.count >= 24, Array(bytes[12..<16]) == Array("IHDR".utf8) else { return nil }
        func be32(_ i: Int) -> Int { Int(bytes[i]) << 24 | Int(bytes[i + 1]) << 16 | Int(bytes[i + 2]) << 8 | Int(bytes[i + 3]) }
        return (be32(16), be32(20))
    }

    /// The warning for a lenient decode that stopped early.
    private static func partialWarning(_ message: String, rows: Int, height: Int, interlaced: Bool) -> CodecWarning {
        let truncated = message.contains("end of file") || message.contains("Not enough image data")
        let extent = interlaced
            ? "Adam7 passes incomplete (\(rows) pass rows decoded), missing pixels are zero"
            : "\(rows) row\(rows == 1 ? "" : "s") decoded of \(height), the rest is zero"
        return CodecWarning(code: truncated ? "truncated" : "corrupt-data",
                            message: "image data \(truncated ? "ends early" : "is damaged") (libpng: \(message)); \(extent)")
    }
}
