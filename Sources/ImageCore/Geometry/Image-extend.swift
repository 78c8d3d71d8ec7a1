extension Image {
    /// The image placed at (`x`, `y`) on a `canvas`-sized background (pad / extend).
    ///
    /// `background` is straight-alpha sRGB at 8 bits (scaled ×257 for 16-bit images). When it is not opaque
    /// and the layout has no alpha, the result gains an alpha channel (gray → grayAlpha, rgb → rgba) so that the
    /// pad is really transparent. The image must fit inside the canvas at that offset.
    public func extended(to canvas: Size, x: Int, y: Int, background: Color) -> Image {
        precondition(x >= 0 && y >= 0 && x + width <= canvas.width && y + height <= canvas.height,
                     "the image must fit inside the canvas")
        let needsAlpha = background.alpha < 255 && !layout.hasAlpha && layout != .cmyk
        let source = needsAlpha ? self.addingOpaqueAlpha() : self
        let target = source.layout
        // The background as one pixel of the target layout and depth.
        let px = Image(width: 1, height: 1, layout: .rgba,
                       pixels: [background.red, background.green, background.blue, background.alpha])
            .converted(to: target)
        let bpp = source.bytesPerPixel
        var fill = [UInt8](repeating: 0, count: bpp)
        for c in 0..<target.channels {
            if depth == .sixteen {
                let v = UInt16(px.pixels[c]) * 257
                // Native-endian UInt16.
                withUnsafeBytes(of: v) { b in fill[c * 2] = b[0]; fill[c * 2 + 1] = b[1] }
            } else {
                fill[c] = px.pixels[c]
            }
        }
        let rowBytes = width * bpp, canvasRow = canvas.width * bpp
        return Image(width: canvas.width, height: canvas.height, layout: target, depth: depth) { dst in
            let d = dst.baseAddress!
            // Fill the first canvas row with the pattern, then copy it to every row outside/around the image.
            for i in 0..<canvas.width { for k in 0..<bpp { d[i * bpp + k] = fill[k] } }
            for row in 1..<max(canvas.height, 1) { (d + row * canvasRow).update(from: d, count: canvasRow) }
            source.pixels.withUnsafeBufferPointer { src in
                for row in 0..<height {
                    (d + (y + row) * canvasRow + x * bpp).update(from: src.baseAddress! + row * rowBytes, count: rowBytes)
                }
            }
        }
    }

    /// The same pixels with an opaque alpha channel added (gray → grayAlpha, rgb → rgba); other layouts unchanged.
    public func addingOpaqueAlpha() -> Image {
        guard !layout.hasAlpha, layout != .cmyk else { return self }
        let c = layout.channels, target = layout.withAlpha
        let sb = depth.bytes
        let maxBytes: [UInt8] = [0xFF, 0xFF]
        return Image(width: width, height: height, layout: target, depth: depth) { dst in
            pixels.withUnsafeBufferPointer { src in
                var s = 0, o = 0
                for _ in 0..<pixelCount {
                    for k in 0..<(c * sb) { dst[o + k] = src[s + k] }
                    for k in 0..<sb { dst[o + c * sb + k] = maxBytes[k] }
                    s += c * sb
                    o += (c + 1) * sb
                }
            }
        }
    }
}
