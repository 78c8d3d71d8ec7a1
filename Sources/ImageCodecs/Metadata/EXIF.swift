public import ImageCore

/// Reads the EXIF orientation from a raw EXIF block (the TIFF header onwards, or with the `Exif\0\0`
/// prefix JPEG APP1 carries). Every offset is bounds-checked; malformed data reads as "no orientation".
public enum EXIF {
    /// The orientation tag (0x0112) of IFD0, or nil when absent or malformed.
    public static func orientation(in exif: [UInt8]) -> Orientation? {
        var base = 0
        if exif.starts(with: Array("Exif".utf8) + [0, 0]) { base = 6 }
        guard exif.count >= base + 8 else { return nil }
        let little: Bool
        switch (exif[base], exif[base + 1]) {
        case (0x49, 0x49): little = true
        case (0x4D, 0x4D): little = false
        default: return nil
        }
        func u16(_ i: Int) -> Int? {
            guard i >= 0, i + 2 <= exif.count else { return nil }
            let a = Int(exif[i]), b = Int(exif[i + 1])
            return little ? a | b << 8 : a << 8 | b
        }
        func u32(_ i: Int) -> Int? {
            guard let lo = u16(little ? i : i + 2), let hi = u16(little ? i + 2 : i) else { return nil }
            return lo | hi << 16
        }
        guard u16(base + 2) == 42, let ifd = u32(base + 4), let count = u16(base + ifd) else { return nil }
        for i in 0..<min(count, 1024) {
            let entry = base + ifd + 2 + i * 12
            guard let tag = u16(entry) else { return nil }
            if tag == 0x0112 {
                guard let type = u16(entry + 2), type == 3, let value = u16(entry + 8) else { return nil }
                return Orientation(rawValue: value)
            }
        }
        return nil
    }
}
