import ImageCodecs
import ImageCore
import Testing

@Suite struct MetadataParsingTests {
    /// A minimal EXIF block: TIFF header, IFD0 with one Orientation entry.
    static func exif(orientation: UInt16, littleEndian: Bool, prefix: Bool = false) -> [UInt8] {
        func u16(_ v: UInt16) -> [UInt8] { littleEndian ? [UInt8(v & 0xFF), UInt8(v >> 8)] : [UInt8(v >> 8), UInt8(v & 0xFF)] }
        func u32(_ v: UInt32) -> [UInt8] { littleEndian ? u16(UInt16(v & 0xFFFF)) + u16(UInt16(v >> 16)) : u16(UInt16(v >> 16)) + u16(UInt16(v & 0xFFFF)) }
        var b: [UInt8] = littleEndian ? [0x49, 0x49] : [0x4D, 0x4D]
        b += u16(42) + u32(8) + u16(1)
        b += u16(0x0112) + u16(3) + u32(1) + u16(orientation) + u16(0)
        b += u32(0)
        return prefix ? Array("Exif".utf8) + [0, 0] + b : b
    }

    @Test(arguments: 1...8)
    func orientationReadsInBothByteOrders(value: Int) {
        #expect(EXIF.orientation(in: Self.exif(orientation: UInt16(value), littleEndian: true))?.rawValue == value)
        #expect(EXIF.orientation(in: Self.exif(orientation: UInt16(value), littleEndian: false, prefix: true))?.rawValue == value)
    }

    @Test func malformedEXIFReadsAsNothing() {
        let good = Self.exif(orientation: 6, littleEndian: true)
        for cut in 0..<good.count - 2 {
            // Truncations must never crash; they read as nil (or the value when the entry survived).
            let value = EXIF.orientation(in: Array(good.prefix(cut)))
            #expect(value == nil || value == .right)
        }
        var hostile = good
        hostile[4] = 0xFF; hostile[5] = 0xFF; hostile[6] = 0xFF; hostile[7] = 0x7F  // IFD offset far past the end
        #expect(EXIF.orientation(in: hostile) == nil)
    }

    @Test func iccDescriptionFromV2DescTag() {
        // Header (128 bytes) + tag table with one 'desc' tag.
        var profile = [UInt8](repeating: 0, count: 128)
        profile[16...19] = ArraySlice(Array("RGB ".utf8))
        let text = Array("Display P3".utf8) + [0]
        var tag: [UInt8] = Array("desc".utf8) + [0, 0, 0, 0] + [0, 0, 0, UInt8(text.count)] + text
        while tag.count % 4 != 0 { tag.append(0) }
        let offset = 128 + 4 + 12
        profile += [0, 0, 0, 1] + Array("desc".utf8) + [0, 0, 0, UInt8(offset)] + [0, 0, 0, UInt8(tag.count)]
        profile += tag
        #expect(ICCProfile.description(of: profile) == "Display P3")
        #expect(ICCProfile.colorSpace(of: profile) == "RGB")
        // A tag pointing outside the profile is ignored, not trusted.
        var broken = profile
        broken[128 + 4 + 11] = 0xFF
        #expect(ICCProfile.description(of: broken) == nil)
        #expect(ICCProfile.description(of: Array(profile.prefix(100))) == nil)
    }
}
