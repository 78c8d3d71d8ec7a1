import CImageShims
import ImageCore

/// A libheif context over pinned bytes with its primary image handle, alive only inside `with(_:format:_:)`.
/// Every libheif error becomes a typed error here. libheif itself is loaded on first use (`loadLibrary`).
struct HEIFContext {
    let context: OpaquePointer
    let handle: OpaquePointer
    let format: ImageFormat

    /// Runs `body` with the file's primary image; context and handle are released on every path. libheif's
    /// image size limit is set from `limits` (`sideLimit`) before the file is read; its other security limits
    /// (tiles, box nesting) stay at their defaults.
    static func with<R>(_ bytes: [UInt8], format: ImageFormat, limits: DecodeLimits, _ body: (HEIFContext) throws -> R) throws -> R {
        try loadLibrary(format: format)
        return try bytes.withUnsafeBufferPointer { buffer in
            guard let context = CImageShims_heif_context_alloc() else {
                throw DecodeError(format: format, message: "out of memory creating a HEIF context")
            }
            defer { CImageShims_heif_context_free(context) }
            CImageShims_heif_context_set_maximum_image_size_limit(context, Int32(clamping: sideLimit(limits)))
            let read = CImageShims_heif_context_read_from_memory_without_copy(context, buffer.baseAddress, buffer.count, nil)
            try check(read, format: format, as: HeaderStage.self, "cannot read the \(name(format)) container")
            var handle: OpaquePointer?
            let primary = CImageShims_heif_context_get_primary_image_handle(context, &handle)
            try check(primary, format: format, as: HeaderStage.self, "the \(name(format)) file has no usable primary image")
            guard let handle else { throw HeaderError(format: format, message: "the \(name(format)) file has no primary image") }
            defer { CImageShims_heif_image_handle_release(handle) }
            return try body(HEIFContext(context: context, handle: handle, format: format))
        }
    }

    /// Loads libheif on first use (`CImageShims_heif_load`: processes that never read HEIF/AVIF do not load it).
    ///
    /// - Throws: `HeaderError` naming the library when it cannot be loaded (libheif1 not installed).
    static func loadLibrary(format: ImageFormat) throws {
        var message = [CChar](repeating: 0, count: Int(CImageShims_heif_message_capacity))
        guard CImageShims_heif_load(&message, message.count) != 0 else { return }
        throw HeaderError(format: format, message: "cannot read \(name(format)) files: libheif is not available",
                          details: String(decoding: message.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self))
    }

    /// The longest side libheif may give any image of the file, grid canvases included: √`maxPixels` + 1 (16,384
    /// with the default limits, vips's default too), never above `maxWidth`/`maxHeight`.
    ///
    /// The handle's size (`ispe`) is checked against `limits` before decoding, but libheif sizes a grid's canvas
    /// from the grid's own descriptor: fuzzing found a 64x64 grid whose descriptor asks for 26992x29795, a 1.6 GB
    /// allocation inside `heif_decode_image` (Tests/FuzzRegressions/heif/oom-grid-*). libheif refuses a side at
    /// or over this limit with a security-limit error, which `check` turns into a `LimitError`.
    static func sideLimit(_ limits: DecodeLimits) -> Int {
        min(max(limits.maxWidth, limits.maxHeight), Int(Double(limits.maxPixels).squareRoot()) + 1)
    }

    /// "HEIF" or "AVIF", for messages.
    static func name(_ format: ImageFormat) -> String { format == .avif ? "AVIF" : "HEIF" }

    /// Throws the stage's error (or a `LimitError` for libheif's security limits) unless `error` is OK.
    static func check<Stage: CodecStage>(_ error: heif_error, format: ImageFormat, as stage: Stage.Type, _ message: String) throws {
        guard error.code != heif_error_Ok else { return }
        let text = error.message.map { String(cString: $0) } ?? "libheif error"
        let code = Int(error.code.rawValue) * 1000 + Int(error.subcode.rawValue)
        if error.subcode == heif_suberror_Security_limit_exceeded || error.code == heif_error_Memory_allocation_error {
            throw LimitError(format: format, message: "libheif's security limits refuse the file", details: text, code: code)
        }
        throw CodecError<Stage>(format: format, message: message, details: text, code: code)
    }

    /// Decodes the primary image as RGB in `chroma` (HDR samples reduced to 8 bits when `toEightBit`); the
    /// caller releases it with `CImageShims_heif_image_release`.
    ///
    /// - Throws: `DecodeError` (or `LimitError` for libheif's security limits) carrying libheif's message.
    func decode(chroma: heif_chroma, toEightBit: Bool) throws -> OpaquePointer {
        guard let options = CImageShims_heif_decoding_options_alloc() else {
            throw DecodeError(format: format, message: "out of memory allocating HEIF decoding options")
        }
        defer { CImageShims_heif_decoding_options_free(options) }
        options.pointee.convert_hdr_to_8bit = toEightBit ? 1 : 0
        var image: OpaquePointer?
        let error = CImageShims_heif_decode_image(handle, &image, heif_colorspace_RGB, chroma, options)
        try Self.check(error, format: format, as: DecodeStage.self, "cannot decode the \(Self.name(format)) image")
        guard let image else { throw DecodeError(format: format, message: "libheif returned no image") }
        return image
    }

    /// Top-level images in the file (the primary is one of them).
    var topLevelImages: Int { Int(CImageShims_heif_context_get_number_of_top_level_images(context)) }

    /// The raw ICC profile (`prof` or `rICC`), nil when absent or empty; over `maxBytes` throws a `LimitError`.
    func iccProfile(maxBytes: Int) throws -> [UInt8]? {
        let type = CImageShims_heif_image_handle_get_color_profile_type(handle)
        guard type == heif_color_profile_type_prof || type == heif_color_profile_type_rICC else { return nil }
        let size = CImageShims_heif_image_handle_get_raw_color_profile_size(handle)
        guard size > 0 else { return nil }
        guard size <= maxBytes else {
            throw LimitError(format: format, message: "ICC profile of \(size) bytes exceeds the limit of \(maxBytes) bytes")
        }
        var profile = [UInt8](repeating: 0, count: size)
        let error = profile.withUnsafeMutableBytes { CImageShims_heif_image_handle_get_raw_color_profile(handle, $0.baseAddress) }
        try Self.check(error, format: format, as: HeaderStage.self, "cannot read the ICC profile")
        return profile
    }

    /// An ICC profile synthesized from the `nclx` colour box (`NCLXProfile`), nil when there is none or its
    /// colour is sRGB already.
    func nclxProfile() -> [UInt8]? {
        var nclx: UnsafeMutablePointer<heif_color_profile_nclx>?
        let error = CImageShims_heif_image_handle_get_nclx_color_profile(handle, &nclx)
        // libheif 1.15 hands out the struct even when it fails (unknown primaries): freed on every path.
        defer { if let nclx { CImageShims_heif_nclx_color_profile_free(nclx) } }
        guard error.code == heif_error_Ok, let nclx else { return nil }
        return NCLXProfile.iccProfile(primaries: Int(nclx.pointee.color_primaries.rawValue),
                                      transfer: Int(nclx.pointee.transfer_characteristics.rawValue))
    }

    /// The first EXIF block from its TIFF header on (the 4-byte offset HEIF puts before it removed); nil when
    /// absent, malformed or larger than `maxBytes`.
    func exif(maxBytes: Int) -> [UInt8]? {
        var id = heif_item_id()
        guard CImageShims_heif_image_handle_get_list_of_metadata_block_IDs(handle, "Exif", &id, 1) == 1 else { return nil }
        let size = CImageShims_heif_image_handle_get_metadata_size(handle, id)
        guard size > 4, size <= maxBytes else { return nil }
        var block = [UInt8](repeating: 0, count: size)
        let error = block.withUnsafeMutableBytes { CImageShims_heif_image_handle_get_metadata(handle, id, $0.baseAddress) }
        guard error.code == heif_error_Ok else { return nil }
        let offset = Int(block[0]) << 24 | Int(block[1]) << 16 | Int(block[2]) << 8 | Int(block[3])
        guard offset >= 0, 4 + offset < size else { return nil }
        return Array(block[(4 + offset)...])
    }
}
