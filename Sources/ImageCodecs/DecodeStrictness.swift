import ImageCore

/// How much damage a decode tolerates: sharp's `failOn`, Pillow's `LOAD_TRUNCATED_IMAGES`.
public enum DecodeStrictness: String, Sendable, Hashable, CaseIterable, Codable {
    /// Any damage warning (see `CodecWarning.isDamage`) fails the decode with a `DecodeError`, like sharp's
    /// `failOn: 'warning'`: for CI pipelines that must not pass a file any decoder complains about.
    case strict
    /// The default. Damage that every viewer shows past decodes with a warning: junk bytes between or inside
    /// JPEG segments, corrupt entropy-coded data libjpeg resynchronises after, a corrupt EXIF block, odd ancillary
    /// PNG chunks. Missing data fails: a truncated file, and a PNG whose critical chunks fail their CRC.
    case standard
    /// Also accepts truncated files and CRC damage, with a warning; what is missing is filled in (libjpeg's grey,
    /// zero rows for PNG and WebP).
    case lenient

    /// Throws when this strictness refuses the damage `warnings` report: `.strict` and any `isDamage` warning.
    ///
    /// - Throws: `DecodeError` naming the first damage (message "refused in strict mode: …").
    func check(_ warnings: [CodecWarning], format: ImageFormat, file: String?) throws(DecodeError) {
        guard self == .strict, let damage = warnings.first(where: \.isDamage) else { return }
        throw DecodeError(format: format, file: file, message: "refused in strict mode: \(damage.message)", details: damage.code)
    }
}
