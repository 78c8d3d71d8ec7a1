public import ImageCore

/// Decodes JPEG, PNG, WebP, HEIF/HEIC, AVIF, GIF and TIFF bytes, sniffing the format from the content.
public enum ImageDecoder {
    /// Reads the header only: dimensions, layout, metadata. Checks `limits` on the input size and dimensions.
    ///
    /// - Parameters:
    ///   - bytes: the encoded file.
    ///   - name: the file name used in errors (never used to guess the format).
    ///   - limits: the limits checked against the header. Default `DecodeLimits.default`.
    /// - Throws: `SniffError`, `HeaderError` or `LimitError`.
    public static func info(_ bytes: [UInt8], name: String? = nil, limits: DecodeLimits = .default) throws -> ImageInfo {
        let format = try sniff(bytes, name: name)
        try limits.check(inputBytes: bytes.count, format: format, file: name)
        do {
            let info: ImageInfo
            switch format {
            case .jpeg: info = try JPEGDecoder.info(bytes, limits: limits)
            case .png: info = try PNGDecoder.info(bytes, limits: limits)
            case .webp: info = try WebPDecoder.info(bytes, limits: limits)
            case .heif, .avif: info = try HEIFDecoder.info(bytes, format: format, limits: limits)
            case .gif: info = try GIFDecoder.info(bytes, limits: limits)
            case .tiff: info = try TIFFDecoder.info(bytes, limits: limits)
            }
            try limits.check(width: info.width, height: info.height, format: format, file: name)
            return info
        } catch let error as any CodecFailure {
            throw error.naming(name)
        }
    }

    /// Decodes the pixels. Limits are checked after the header and before any pixel allocation.
    /// `options.strictness` decides what damage throws (default: missing data) and what comes back as a warning.
    ///
    /// - Parameters:
    ///   - bytes: the encoded file.
    ///   - name: the file name used in errors and warnings.
    ///   - options: limits, shrink-on-load and leniency. Default `DecodeOptions()`.
    /// - Throws: `SniffError`, `HeaderError`, `LimitError` or `DecodeError`.
    public static func decode(_ bytes: [UInt8], name: String? = nil, options: DecodeOptions = .init()) throws -> DecodedImage {
        let format = try sniff(bytes, name: name)
        try options.limits.check(inputBytes: bytes.count, format: format, file: name)
        let decoded: DecodedImage
        do {
            switch format {
            case .jpeg: decoded = try JPEGDecoder.decode(bytes, options: options)
            case .png: decoded = try PNGDecoder.decode(bytes, options: options)
            case .webp: decoded = try WebPDecoder.decode(bytes, options: options)
            case .heif, .avif: decoded = try HEIFDecoder.decode(bytes, format: format, options: options)
            case .gif: decoded = try GIFDecoder.decode(bytes, options: options)
            case .tiff: decoded = try TIFFDecoder.decode(bytes, options: options)
            }
        } catch let error as any CodecFailure {
            throw error.naming(name)
        }
        try options.strictness.check(decoded.warnings, format: format, file: name)
        return decoded
    }

    /// The sniffed format, or a `SniffError` that names what the bytes look like instead.
    ///
    /// - Throws: `SniffError`.
    public static func sniff(_ bytes: [UInt8], name: String? = nil) throws(SniffError) -> ImageFormat {
        if let format = FormatSniffer.format(of: bytes) { return format }
        if bytes.isEmpty { throw SniffError(file: name, message: "the file is empty") }
        if let other = FormatSniffer.unsupportedFormatName(of: bytes) {
            throw SniffError(file: name, message: "\(other) is not supported; use JPEG, PNG, WebP, HEIF/HEIC, AVIF, GIF or TIFF")
        }
        throw SniffError(file: name, message: "not a JPEG, PNG, WebP, HEIF/HEIC, AVIF, GIF or TIFF file (unrecognised signature)")
    }

    /// A warning when a path's extension names another format than the content.
    public static func extensionWarning(path: String, format: ImageFormat) -> CodecWarning? {
        guard let named = ImageFormat(path: path), named != format else { return nil }
        return CodecWarning(code: "extension-mismatch",
                            message: "\(path) is named .\(named.fileExtension) but contains \(format.rawValue.uppercased())")
    }
}
