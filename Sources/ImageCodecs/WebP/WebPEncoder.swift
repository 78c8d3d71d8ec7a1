import CWebP
public import ImageCore

/// WebP encoding over libwebp 1.2.
///
/// Gray and CMYK images are converted to RGB, 16-bit samples rounded to 8 bits. An alpha channel is written
/// only when some pixel is not opaque. Lossless mode sets libwebp's `exact` flag, so the RGB values of fully
/// transparent pixels survive too (a lossless round trip is pixel-exact). ICC and EXIF are written (through
/// WebPMux) only when `metadata` carries them; `metadata.srgb` has no WebP equivalent and is ignored.
public enum WebPEncoder {
    /// Encodes `image`.
    ///
    /// - Throws: `EncodeError` carrying libwebp's `WebPEncodingError` (for example a side over 16383 pixels).
    public static func encode(_ image: Image, options: WebPEncodeOptions, metadata: EncodeMetadata) throws(EncodeError) -> [UInt8] {
        let keepAlpha = image.layout.hasAlpha && image.usesAlpha
        let source = image.converted(to: keepAlpha ? .rgba : .rgb)

        var config = WebPConfig()
        guard WebPConfigInit(&config) != 0 else { throw EncodeError(format: .webp, message: "libwebp version mismatch") }
        config.lossless = options.lossless ? 1 : 0
        config.quality = options.quality
        config.alpha_quality = Int32(options.alphaQuality)
        config.method = Int32(options.method)
        config.exact = options.lossless ? 1 : 0
        guard WebPValidateConfig(&config) != 0 else {
            throw EncodeError(format: .webp, message: "invalid WebP options", details: "WebPValidateConfig rejected \(options)")
        }

        var picture = WebPPicture()
        guard WebPPictureInit(&picture) != 0 else { throw EncodeError(format: .webp, message: "libwebp version mismatch") }
        picture.use_argb = options.lossless ? 1 : 0
        picture.width = Int32(clamping: source.width)
        picture.height = Int32(clamping: source.height)
        defer { WebPPictureFree(&picture) }
        let stride = Int32(clamping: source.rowStride)
        let imported = source.pixels.withUnsafeBufferPointer { pixels in
            keepAlpha ? WebPPictureImportRGBA(&picture, pixels.baseAddress, stride)
                      : WebPPictureImportRGB(&picture, pixels.baseAddress, stride)
        }
        guard imported != 0 else {
            throw EncodeError(format: .webp, message: "WebP encoding failed", details: WebPStatus.describe(picture.error_code),
                              code: Int(picture.error_code.rawValue))
        }

        let writer = UnsafeMutablePointer<WebPMemoryWriter>.allocate(capacity: 1)
        WebPMemoryWriterInit(writer)
        defer {
            WebPMemoryWriterClear(writer)
            writer.deallocate()
        }
        picture.writer = WebPMemoryWrite
        picture.custom_ptr = UnsafeMutableRawPointer(writer)
        guard WebPEncode(&config, &picture) != 0, let mem = writer.pointee.mem else {
            throw EncodeError(format: .webp, message: "WebP encoding failed", details: WebPStatus.describe(picture.error_code),
                              code: Int(picture.error_code.rawValue))
        }
        let encoded = Array(UnsafeBufferPointer(start: mem, count: writer.pointee.size))
        if metadata.iccProfile == nil && metadata.exif == nil { return encoded }
        return try addMetadata(encoded, metadata)
    }

    /// The file with ICCP and EXIF chunks added by WebPMux (which also writes the VP8X header).
    private static func addMetadata(_ encoded: [UInt8], _ metadata: EncodeMetadata) throws(EncodeError) -> [UInt8] {
        func fail(_ what: String, _ error: WebPMuxError) -> EncodeError {
            EncodeError(format: .webp, message: "cannot add WebP metadata", details: "\(what): WebPMuxError \(error.rawValue)",
                        code: Int(error.rawValue))
        }
        return try encoded.withUnsafeBufferPointer { bitstream throws(EncodeError) in
            var data = WebPData(bytes: bitstream.baseAddress, size: bitstream.count)
            guard let mux = WebPMuxCreate(&data, 0) else {
                throw EncodeError(format: .webp, message: "cannot add WebP metadata", details: "WebPMuxCreate failed")
            }
            defer { WebPMuxDelete(mux) }
            for (fourCC, bytes) in [("ICCP", metadata.iccProfile), ("EXIF", metadata.exif)] {
                guard let bytes, !bytes.isEmpty else { continue }
                let status = bytes.withUnsafeBufferPointer { chunk in
                    var chunkData = WebPData(bytes: chunk.baseAddress, size: chunk.count)
                    return WebPMuxSetChunk(mux, fourCC, &chunkData, 1)  // 1: mux copies the bytes
                }
                guard status == WEBP_MUX_OK else { throw fail("WebPMuxSetChunk \(fourCC)", status) }
            }
            var output = WebPData()
            let status = WebPMuxAssemble(mux, &output)
            defer { WebPDataClear(&output) }
            guard status == WEBP_MUX_OK, let bytes = output.bytes else { throw fail("WebPMuxAssemble", status) }
            return Array(UnsafeBufferPointer(start: bytes, count: output.size))
        }
    }
}
