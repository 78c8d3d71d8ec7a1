/// Identifies an encoded image from its first bytes, never from a file name.
public enum FormatSniffer {
    /// The supported format whose signature starts `bytes`, or nil.
    public static func format(of bytes: some Collection<UInt8>) -> ImageFormat? {
        let head = Array(bytes.prefix(16))
        if head.starts(with: [0xFF, 0xD8, 0xFF]) { return .jpeg }
        if head.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return .png }
        if head.count >= 12, head.starts(with: Array("RIFF".utf8)), Array(head[8..<12]) == Array("WEBP".utf8) { return .webp }
        return nil
    }

    /// A name for a recognised but unsupported format (GIF, BMP, TIFF, HEIF/AVIF, JPEG XL, …), for error text.
    public static func unsupportedFormatName(of bytes: some Collection<UInt8>) -> String? {
        let head = Array(bytes.prefix(16))
        func starts(_ s: String) -> Bool { head.starts(with: Array(s.utf8)) }
        if starts("GIF87a") || starts("GIF89a") { return "GIF" }
        if starts("BM") { return "BMP" }
        if head.starts(with: [0x49, 0x49, 0x2A, 0x00]) || head.starts(with: [0x4D, 0x4D, 0x00, 0x2A]) { return "TIFF" }
        if head.count >= 12, Array(head[4..<8]) == Array("ftyp".utf8) {
            let brand = String(decoding: head[8..<12], as: UTF8.self)
            return brand.hasPrefix("avi") ? "AVIF" : "HEIF/ISO-BMFF (\(brand))"
        }
        if head.starts(with: [0xFF, 0x0A]) || head.starts(with: [0, 0, 0, 0x0C, 0x4A, 0x58, 0x4C, 0x20]) { return "JPEG XL" }
        if starts("%PDF") { return "PDF" }
        if starts("<svg") || starts("<?xml") { return "SVG/XML" }
        return nil
    }
}
