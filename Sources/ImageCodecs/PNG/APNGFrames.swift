/// Reads the frame count of an animated PNG from its `acTL` chunk, walking chunk headers only (no CRC
/// checks, no inflation). libpng reads the default image only; `PNGDecoder` reports this count in
/// `ImageInfo.frameCount`, which every layer uses.
enum APNGFrames {
    /// `num_frames` from an `acTL` chunk before the first `IDAT`, or 1 for a still (or unreadable) PNG.
    static func count(in bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var offset = 8  // signature
        while offset + 8 <= bytes.count {
            let length = Int(bytes[offset]) << 24 | Int(bytes[offset + 1]) << 16 | Int(bytes[offset + 2]) << 8 | Int(bytes[offset + 3])
            let type = bytes[(offset + 4)..<(offset + 8)]
            if type.elementsEqual("IDAT".utf8) || type.elementsEqual("IEND".utf8) { return 1 }
            if type.elementsEqual("acTL".utf8), length >= 8, offset + 12 <= bytes.count {
                let frames = Int(bytes[offset + 8]) << 24 | Int(bytes[offset + 9]) << 16 | Int(bytes[offset + 10]) << 8 | Int(bytes[offset + 11])
                return max(frames, 1)
            }
            guard length >= 0, length <= bytes.count else { return 1 }
            offset += 12 + length
        }
        return 1
    }
}
