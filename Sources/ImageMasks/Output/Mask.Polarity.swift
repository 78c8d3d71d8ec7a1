public import ImageCore

extension Mask {
    /// How the edit region is encoded in the mask image. Coverage e (1 = edit) becomes:
    public enum Polarity: String, Sendable, Hashable, Codable, CaseIterable {
        /// RGBA: alpha = round(255·(1 − e)) and colour = gray round(255·e). Fully edited pixels are
        /// transparent white (255, 255, 255, 0), kept pixels opaque black (0, 0, 0, 255), so both the
        /// "transparent = edit" reading (OpenAI) and the "white = edit" reading hold. The default.
        case transparent
        /// Gray, no alpha: value = round(255·e); white = edit, black = keep (Stable Diffusion style).
        case white
        /// Gray, no alpha: value = round(255·(1 − e)); black = edit, white = keep.
        case black

        /// The mask image for a coverage (same size).
        public func image(for coverage: Coverage) -> Image {
            let e = coverage.bytes
            switch self {
            case .transparent:
                return Image(width: coverage.width, height: coverage.height, layout: .rgba) { dst in
                    e.withUnsafeBufferPointer { src in
                        // One 32-bit store per pixel: gray v in R, G, B and 255 − v in A (byte order R, G, B, A).
                        let out = UnsafeMutableRawBufferPointer(dst)
                        for i in 0..<src.count {
                            let v = UInt32(src[i])
                            out.storeBytes(of: (v | v << 8 | v << 16 | (255 - v) << 24).littleEndian, toByteOffset: i * 4, as: UInt32.self)
                        }
                    }
                }
            case .white:
                return Image(width: coverage.width, height: coverage.height, layout: .gray, pixels: e)
            case .black:
                return Image(width: coverage.width, height: coverage.height, layout: .gray, pixels: e.map { 255 - $0 })
            }
        }
    }
}
