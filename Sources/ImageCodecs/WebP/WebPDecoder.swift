import CWebP
import ImageCore

/// WebP decoding over libwebp 1.2 (lossy, lossless, alpha, animation).
///
/// Output is 8-bit `rgba` when the file has alpha, else `rgb`, decoded straight into the image's storage.
/// `DecodeOptions.shrink` uses libwebp's scaler: the output is `ceil(width / shrink)` x `ceil(height / shrink)`.
/// Animated files decode their first frame (composited on the canvas by `WebPAnimDecoder`, unscaled) with an
/// `animated` warning. ICC and EXIF chunks are read (not applied); EXIF orientation is parsed. `colorModel`
/// is `ycbcr` for lossy (VP8), `rgb` for lossless (VP8L) and `mixed` for animations.
public enum WebPDecoder {
    /// Reads the header and container (no pixels).
    ///
    /// - Throws: `HeaderError` carrying libwebp's status, or `LimitError`.
    public static func info(_ bytes: [UInt8], limits: DecodeLimits) throws -> ImageInfo {
        try bytes.withUnsafeBufferPointer { buffer in
            try readInfo(buffer, limits: limits).info
        }
    }

    /// Decodes the pixels (the first frame of an animation).
    ///
    /// In lenient mode a truncated still image returns the rows decoded so far (the rest zero) with a
    /// `truncated` warning.
    ///
    /// - Throws: `HeaderError`, `LimitError` or `DecodeError` carrying libwebp's status.
    public static func decode(_ bytes: [UInt8], options: DecodeOptions) throws -> DecodedImage {
        try bytes.withUnsafeBufferPointer { buffer in
            let (info, container) = try readInfo(buffer, limits: options.limits)
            var warnings = container.dropped.map {
                CodecWarning(code: "metadata-too-large", message: "\($0) exceeds the metadata limit and was dropped")
            }
            if info.isAnimated {
                warnings.append(CodecWarning(code: "animated",
                                             message: "animated WebP with \(info.frameCount) frames: only the first frame was decoded"))
                let image = try decodeFirstFrame(buffer, info: info)
                return DecodedImage(image: image, info: info, warnings: warnings, shrink: 1)
            }
            let shrink = options.shrink
            let width = (info.width + shrink - 1) / shrink, height = (info.height + shrink - 1) / shrink
            var config = WebPDecoderConfig()
            guard WebPInitDecoderConfig(&config) != 0 else {
                throw DecodeError(format: .webp, message: "libwebp version mismatch")
            }
            config.output.colorspace = info.layout == .rgba ? MODE_RGBA : MODE_RGB
            config.output.is_external_memory = 1
            if shrink > 1 {
                config.options.use_scaling = 1
                config.options.scaled_width = Int32(width)
                config.options.scaled_height = Int32(height)
            }
            let channels = info.layout.channels
            let image = try Image(width: width, height: height, layout: info.layout, depth: .eight) { storage in
                config.output.u.RGBA.rgba = storage.baseAddress
                config.output.u.RGBA.stride = Int32(width * channels)
                config.output.u.RGBA.size = storage.count
                let status = WebPDecode(buffer.baseAddress, buffer.count, &config)
                WebPFreeDecBuffer(&config.output)  // external memory: frees nothing of ours
                guard status == VP8_STATUS_OK else {
                    guard options.lenient, status == VP8_STATUS_NOT_ENOUGH_DATA,
                          let rows = decodePartially(buffer, config: config, into: storage), rows > 0
                    else { throw WebPStatus.error(status, as: DecodeStage.self, "cannot decode the WebP image") }
                    warnings.append(CodecWarning(code: "truncated",
                                                 message: "WebP data ends early: \(rows) of \(height) rows decoded, the rest is zero"))
                    return
                }
            }
            return DecodedImage(image: image, info: info, warnings: warnings, shrink: shrink)
        }
    }

    /// Header facts, limits checked, and the container's metadata.
    private static func readInfo(_ buffer: UnsafeBufferPointer<UInt8>, limits: DecodeLimits) throws -> (info: ImageInfo, container: WebPContainer) {
        var features = WebPBitstreamFeatures()
        let status = WebPGetFeatures(buffer.baseAddress, buffer.count, &features)
        guard status == VP8_STATUS_OK else {
            throw WebPStatus.error(status, as: HeaderStage.self, "invalid WebP header")
        }
        let width = Int(features.width), height = Int(features.height)
        guard width > 0, height > 0 else {
            throw HeaderError(format: .webp, message: "invalid WebP header", details: "dimensions \(width)x\(height)")
        }
        try limits.check(width: width, height: height, format: .webp, file: nil)
        var container = WebPContainer(buffer, maxMetadataBytes: limits.maxMetadataBytes)
        if features.has_animation != 0 { container.frameCount = max(container.frameCount, 2) }
        let hasAlpha = features.has_alpha != 0
        let colorModel = switch features.format {
        case 1: "ycbcr"
        case 2: "rgb"
        default: "mixed"
        }
        let info = ImageInfo(
            format: .webp, width: width, height: height, layout: hasAlpha ? .rgba : .rgb, bitDepth: 8,
            colorModel: colorModel, hasAlpha: hasAlpha, isProgressive: false,
            orientation: container.exif.flatMap(EXIF.orientation(in:)) ?? .up, iccProfile: container.iccProfile,
            exif: container.exif, frameCount: container.frameCount, byteCount: buffer.count)
        return (info, container)
    }

    /// The first frame of an animation, composited on the canvas.
    private static func decodeFirstFrame(_ buffer: UnsafeBufferPointer<UInt8>, info: ImageInfo) throws -> Image {
        var options = WebPAnimDecoderOptions()
        guard WebPAnimDecoderOptionsInit(&options) != 0 else {
            throw DecodeError(format: .webp, message: "libwebp version mismatch")
        }
        options.color_mode = MODE_RGBA
        options.use_threads = 0
        var data = WebPData(bytes: buffer.baseAddress, size: buffer.count)
        guard let decoder = WebPAnimDecoderNew(&data, &options) else {
            throw DecodeError(format: .webp, message: "cannot decode the WebP animation",
                              details: "WebPAnimDecoderNew refused the file (corrupt or truncated animation)")
        }
        defer { WebPAnimDecoderDelete(decoder) }
        var animation = WebPAnimInfo()
        guard WebPAnimDecoderGetInfo(decoder, &animation) != 0,
              Int(animation.canvas_width) == info.width, Int(animation.canvas_height) == info.height
        else { throw DecodeError(format: .webp, message: "cannot decode the WebP animation", details: "inconsistent canvas size") }
        var canvas: UnsafeMutablePointer<UInt8>?
        var timestamp: Int32 = 0
        guard WebPAnimDecoderGetNext(decoder, &canvas, &timestamp) != 0, let canvas else {
            throw DecodeError(format: .webp, message: "cannot decode the first WebP frame",
                              details: "WebPAnimDecoderGetNext failed (corrupt frame data)")
        }
        let pixels = info.width * info.height
        return Image(width: info.width, height: info.height, layout: info.layout, depth: .eight) { out in
            if info.layout == .rgba {
                out.baseAddress!.update(from: canvas, count: pixels * 4)
            } else {
                for i in 0..<pixels {
                    out[i * 3] = canvas[i * 4]; out[i * 3 + 1] = canvas[i * 4 + 1]; out[i * 3 + 2] = canvas[i * 4 + 2]
                }
            }
        }
    }

    /// Incremental decoding of a truncated still image into `storage`; the rows decoded, or nil when none were.
    ///
    /// Only the rows after the last decoded one are zeroed, and only once at least one row decoded: a tiny
    /// truncated file declaring a huge canvas must not make the decoder touch (zero) the whole buffer.
    private static func decodePartially(_ buffer: UnsafeBufferPointer<UInt8>, config: WebPDecoderConfig,
                                        into storage: UnsafeMutableBufferPointer<UInt8>) -> Int? {
        var config = config
        guard let decoder = WebPIDecode(nil, 0, &config) else { return nil }
        defer { WebPIDelete(decoder) }
        let status = WebPIUpdate(decoder, buffer.baseAddress, buffer.count)
        guard status == VP8_STATUS_OK || status == VP8_STATUS_SUSPENDED else { return nil }
        var lastRow: Int32 = 0
        guard WebPIDecGetRGB(decoder, &lastRow, nil, nil, nil) != nil, lastRow > 0 else { return nil }
        let decodedBytes = min(Int(lastRow) * Int(config.output.u.RGBA.stride), storage.count)
        UnsafeMutableBufferPointer(rebasing: storage[decodedBytes...]).update(repeating: 0)
        return Int(lastRow)
    }
}
