extension Image {
    /// The image turned upright according to `orientation` (a copy; `.up` returns `self`).
    public func oriented(_ orientation: Orientation) -> Image {
        if orientation == .up { return self }
        let w = width, h = height
        let out = orientation.uprightSize(size)
        let bpp = bytesPerPixel
        // For each upright pixel (u, v), the stored pixel (x, y) = base + u·du + v·dv (in pixel units).
        let (x0, y0, dxu, dyu, dxv, dyv): (Int, Int, Int, Int, Int, Int) = switch orientation {
        case .up: (0, 0, 1, 0, 0, 1)
        case .upMirrored: (w - 1, 0, -1, 0, 0, 1)
        case .down: (w - 1, h - 1, -1, 0, 0, -1)
        case .downMirrored: (0, h - 1, 1, 0, 0, -1)
        case .leftMirrored: (0, 0, 0, 1, 1, 0)
        case .right: (0, h - 1, 0, -1, 1, 0)
        case .rightMirrored: (w - 1, h - 1, 0, -1, -1, 0)
        case .left: (w - 1, 0, 0, 1, -1, 0)
        }
        let stepU = (dyu * w + dxu) * bpp
        let stepV = (dyv * w + dxv) * bpp
        let start = (y0 * w + x0) * bpp
        return Image(width: out.width, height: out.height, layout: layout, depth: depth) { dst in
            pixels.withUnsafeBufferPointer { src in
                var o = 0
                for v in 0..<out.height {
                    var s = start + v * stepV
                    for _ in 0..<out.width {
                        for k in 0..<bpp { dst[o + k] = src[s + k] }
                        o += bpp
                        s += stepU
                    }
                }
            }
        }
    }
}
