import CImageShims
public import ImageCore

extension HEIFDecoder {
    /// Decodes an 8-bit HEIF/AVIF without alpha into libheif's own planes and hands `consume` a function that
    /// interleaves any row of them on demand, so no interleaved copy of the whole image is made.
    ///
    /// libheif 1.15 turns each tile into planar RGB as it decodes it (on its threads) and then, for interleaved
    /// output, converts the assembled image once more on one thread; asking for the planes skips that pass and
    /// the copy after it (W7 of NormalizeBench: a 12 MP iPhone photo is 36 MB of interleaved RGB).
    ///
    /// `consume` gets the decoded size (libheif's, which may differ from the header's: then the `corrupt-data`
    /// warning of `decode` is added), the layout (`.rgb`) and `row(y, into:)`, which writes row y (`width × 3`
    /// bytes) and may be called from several threads at once until `consume` returns. Returns nil, having
    /// decoded nothing, when the file is not 8-bit or has alpha (decode it with `decode`). Errors carry `name`.
    ///
    /// - Throws: `HeaderError`, `LimitError` or `DecodeError` (as `decode`), or what `consume` throws.
    public static func decodeRows(
        _ bytes: [UInt8], format: ImageFormat, name: String? = nil, options: DecodeOptions,
        consume: (_ size: Size, _ layout: PixelLayout, _ row: @Sendable (Int, UnsafeMutablePointer<UInt8>) -> Void) throws -> Image
    ) throws -> DecodedImage? {
        try options.limits.check(inputBytes: bytes.count, format: format, file: name)
        do {
            return try HEIFContext.with(bytes, format: format, limits: options.limits) { heif in
                var info = try readInfo(heif, limits: options.limits, byteCount: bytes.count)
                guard info.bitDepth == 8, !info.hasAlpha else { return nil }
                let image = try heif.decode(chroma: heif_chroma_444, toEightBit: true)
                defer { CImageShims_heif_image_release(image) }
                let planes = try Planes(image, format: format)
                let warnings = try sizeWarnings(&info, width: planes.width, height: planes.height, limits: options.limits)
                    + multiImageWarnings(info)
                try options.strictness.check(warnings, format: format, file: nil)  // before the resample, not after it
                let pixels = try consume(Size(width: planes.width, height: planes.height), .rgb) { y, row in planes.interleave(row: y, into: row) }
                return DecodedImage(image: pixels, info: info, warnings: warnings)
            }
        } catch let error as any CodecFailure {
            throw error.naming(name)
        }
    }

    /// The R, G and B planes of a decoded 8-bit image (libheif's memory, valid while the image lives).
    struct Planes: @unchecked Sendable {
        let red: UnsafePointer<UInt8>, green: UnsafePointer<UInt8>, blue: UnsafePointer<UInt8>
        let redStride: Int, greenStride: Int, blueStride: Int
        let width: Int, height: Int

        init(_ image: OpaquePointer, format: ImageFormat) throws {
            func plane(_ channel: heif_channel) throws -> (UnsafePointer<UInt8>, Int) {
                var stride: Int32 = 0
                guard let base = CImageShims_heif_image_get_plane_readonly(image, channel, &stride),
                      CImageShims_heif_image_get_bits_per_pixel_range(image, channel) == 8 else {
                    throw DecodeError(format: format, message: "libheif returned no 8-bit colour plane")
                }
                return (base, Int(stride))
            }
            (red, redStride) = try plane(heif_channel_R)
            (green, greenStride) = try plane(heif_channel_G)
            (blue, blueStride) = try plane(heif_channel_B)
            width = Int(CImageShims_heif_image_get_width(image, heif_channel_R))
            height = Int(CImageShims_heif_image_get_height(image, heif_channel_R))
            for channel in [heif_channel_G, heif_channel_B] where
                Int(CImageShims_heif_image_get_width(image, channel)) != width || Int(CImageShims_heif_image_get_height(image, channel)) != height {
                throw DecodeError(format: format, message: "libheif returned colour planes of different sizes")
            }
            guard width > 0, height > 0, min(redStride, greenStride, blueStride) >= width else {
                throw DecodeError(format: format, message: "libheif returned a short plane")
            }
        }

        /// Writes row `y` as interleaved RGB.
        func interleave(row y: Int, into out: UnsafeMutablePointer<UInt8>) {
            let r = red + y &* redStride, g = green + y &* greenStride, b = blue + y &* blueStride
            var o = out
            for x in 0..<width {
                o[0] = r[x]
                o[1] = g[x]
                o[2] = b[x]
                o += 3
            }
        }
    }
}
