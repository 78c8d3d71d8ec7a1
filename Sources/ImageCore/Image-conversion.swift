extension Image {
    /// The image with 8-bit samples (16-bit samples are rounded: `(v * 255 + 32767) / 65535`).
    public func to8Bit() -> Image {
        guard depth == .sixteen else { return self }
        let n = width * height * layout.channels
        return Image(width: width, height: height, layout: layout, depth: .eight) { dst in
            pixels.withUnsafeBytes { raw in
                let src = Samples16(raw)
                for i in 0..<n { dst[i] = UInt8((UInt32(src[i]) * 255 + 32767) / 65535) }
            }
        }
    }

    /// The image in `target` layout at 8 bits.
    ///
    /// Gray is widened to RGB by copying; RGB is narrowed to gray with Rec. 601 luma weights; alpha is
    /// added as opaque or dropped (drop it only after flattening if it matters); CMYK is converted with the
    /// uncalibrated multiplicative formula `R = (255 − C)(255 − K) / 255` (as Pillow does; use colour
    /// management with the file's profile for accurate CMYK).
    public func converted(to target: PixelLayout) -> Image {
        let src8 = to8Bit()
        if target == layout { return src8 }
        let sc = layout.channels, dc = target.channels
        return Image(width: width, height: height, layout: target, depth: .eight) { dst in
            src8.pixels.withUnsafeBufferPointer { src in
                for i in 0..<(width * height) {
                    let s = i * sc, d = i * dc
                    var r: UInt8, g: UInt8, b: UInt8, a: UInt8 = 255
                    switch layout {
                    case .gray: r = src[s]; g = r; b = r
                    case .grayAlpha: r = src[s]; g = r; b = r; a = src[s + 1]
                    case .rgb: r = src[s]; g = src[s + 1]; b = src[s + 2]
                    case .rgba: r = src[s]; g = src[s + 1]; b = src[s + 2]; a = src[s + 3]
                    case .cmyk:
                        let white = 255 - Int(src[s + 3])
                        r = Image.unInk(src[s], white)
                        g = Image.unInk(src[s + 1], white)
                        b = Image.unInk(src[s + 2], white)
                    }
                    switch target {
                    case .gray, .grayAlpha:
                        dst[d] = Image.luma(r, g, b)
                        if target == .grayAlpha { dst[d + 1] = a }
                    case .rgb, .rgba:
                        dst[d] = r; dst[d + 1] = g; dst[d + 2] = b
                        if target == .rgba { dst[d + 3] = a }
                    case .cmyk:
                        let k = 255 - max(r, g, b)
                        let scale = 255 - Int(k)
                        func ink(_ v: UInt8) -> UInt8 { scale == 0 ? 0 : UInt8((255 - Int(v) - Int(k)) * 255 / scale) }
                        dst[d] = ink(r); dst[d + 1] = ink(g); dst[d + 2] = ink(b); dst[d + 3] = k
                    }
                }
            }
        }
    }

    /// The image composited onto an opaque `background`, without alpha, at 8 bits.
    /// Images without alpha are returned at 8 bits unchanged.
    public func flattened(onto background: Color = .white) -> Image {
        let src8 = to8Bit()
        guard layout.hasAlpha else { return src8 }
        let sc = layout.channels
        let target = layout.withoutAlpha
        let dc = target.channels
        let bg: [Int] = target == .gray
            ? [Int(Image.luma(background.red, background.green, background.blue))]
            : [Int(background.red), Int(background.green), Int(background.blue)]
        return Image(width: width, height: height, layout: target, depth: .eight) { dst in
            src8.pixels.withUnsafeBufferPointer { src in
                for i in 0..<(width * height) {
                    let a = Int(src[i * sc + sc - 1])
                    for c in 0..<dc {
                        let v = Int(src[i * sc + c]) * a + bg[c] * (255 - a)
                        dst[i * dc + c] = UInt8((v + 127) / 255)
                    }
                }
            }
        }
    }

    /// One RGB channel from one ink and the light left by black: `(255 − ink) · white / 255`, rounded.
    @inlinable static func unInk(_ ink: UInt8, _ white: Int) -> UInt8 {
        UInt8(((255 - Int(ink)) * white + 127) / 255)
    }

    /// Rec. 601 luma of an 8-bit RGB triple, rounded.
    @inlinable static func luma(_ r: UInt8, _ g: UInt8, _ b: UInt8) -> UInt8 {
        let sum: Int = 299 * Int(r) + 587 * Int(g) + 114 * Int(b) + 500
        return UInt8(sum / 1000)
    }

    /// Whether any pixel has alpha below the maximum (always false without an alpha channel).
    public var usesAlpha: Bool {
        guard layout.hasAlpha else { return false }
        let c = layout.channels
        switch depth {
        case .eight:
            return pixels.withUnsafeBufferPointer { p in
                var i = c - 1
                while i < p.count { if p[i] != 255 { return true }; i += c }
                return false
            }
        case .sixteen:
            return pixels.withUnsafeBytes { raw in
                let p = Samples16(raw)
                var i = c - 1
                while i < p.count { if p[i] != 65535 { return true }; i += c }
                return false
            }
        }
    }
}
