extension Image {
    /// The pixels of the integer rectangle at (`x`, `y`) of `width` × `height` (a copy).
    ///
    /// The rectangle must lie inside the image (a programming error otherwise).
    public func cropped(x: Int, y: Int, width: Int, height: Int) -> Image {
        precondition(x >= 0 && y >= 0 && width > 0 && height > 0 && x + width <= self.width && y + height <= self.height,
                     "crop rectangle must lie inside the image")
        if x == 0 && y == 0 && width == self.width && height == self.height { return self }
        let bpp = bytesPerPixel
        let rowBytes = width * bpp
        return Image(width: width, height: height, layout: layout, depth: depth) { dst in
            pixels.withUnsafeBufferPointer { src in
                for row in 0..<height {
                    let s = ((y + row) * self.width + x) * bpp
                    (dst.baseAddress! + row * rowBytes).update(from: src.baseAddress! + s, count: rowBytes)
                }
            }
        }
    }
}
