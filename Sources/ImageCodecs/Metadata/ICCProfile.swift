/// Reads the few facts ImagePrep needs from an ICC profile, treating the bytes as hostile.
public enum ICCProfile {
    /// The profile's colour space signature (`RGB `, `GRAY`, `CMYK`, …), trimmed, if the header is valid.
    public static func colorSpace(of profile: [UInt8]) -> String? {
        guard profile.count >= 128 else { return nil }
        return String(decoding: profile[16..<20], as: UTF8.self).trimmingTrailingSpaces
    }

    /// The `desc` tag's text (ICC v2 `desc` ASCII or v4 `mluc`, first record), if present and well formed.
    public static func description(of profile: [UInt8]) -> String? {
        guard profile.count >= 132 else { return nil }
        let tagCount = Int(be32(profile, 128))
        guard tagCount <= (profile.count - 132) / 12 else { return nil }
        for i in 0..<tagCount {
            let entry = 132 + i * 12
            guard be32(profile, entry) == 0x6465_7363 /* 'desc' */ else { continue }
            let offset = Int(be32(profile, entry + 4)), size = Int(be32(profile, entry + 8))
            guard offset >= 0, size >= 12, offset <= profile.count - size else { return nil }
            let tag = Array(profile[offset..<(offset + size)])
            switch be32(tag, 0) {
            case 0x6465_7363:  // 'desc': uInt32 count, ASCII (count includes NUL)
                let count = Int(be32(tag, 8))
                guard count > 0, 12 + count <= tag.count else { return nil }
                return String(decoding: tag[12..<(12 + count)].prefix { $0 != 0 }, as: UTF8.self).nonEmpty
            case 0x6D6C_7563:  // 'mluc': records of (lang, country, length, offset), UTF-16BE
                guard tag.count >= 28, be32(tag, 8) >= 1 else { return nil }
                let length = Int(be32(tag, 20)), start = Int(be32(tag, 24))
                guard start >= 0, length >= 0, start <= tag.count - length else { return nil }
                var units: [UInt16] = []
                var j = start
                while j + 1 < start + length {
                    units.append(UInt16(tag[j]) << 8 | UInt16(tag[j + 1]))
                    j += 2
                }
                return String(decoding: units, as: UTF16.self).trimmingTrailingNULs.nonEmpty
            default:
                return nil
            }
        }
        return nil
    }

    static func be32(_ b: [UInt8], _ i: Int) -> UInt32 {
        guard i >= 0, i + 4 <= b.count else { return 0 }
        return UInt32(b[i]) << 24 | UInt32(b[i + 1]) << 16 | UInt32(b[i + 2]) << 8 | UInt32(b[i + 3])
    }
}

extension String {
    fileprivate var trimmingTrailingSpaces: String {
        String(self.reversed().drop { $0 == " " || $0 == "\0" }.reversed())
    }
    fileprivate var trimmingTrailingNULs: String {
        String(self.reversed().drop { $0 == "\0" }.reversed())
    }
    fileprivate var nonEmpty: String? { isEmpty ? nil : self }
}
