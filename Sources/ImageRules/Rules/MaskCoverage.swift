import ImageCore

/// Counts of a mask's pixels by alpha: fully transparent (alpha 0, the area to edit), fully opaque, and in
/// between; plus transparent pixels whose colour is not white (for the polarity warning).
struct MaskCoverage: Sendable, Hashable {
    var transparent = 0
    var opaque = 0
    var partial = 0
    /// Transparent pixels whose colour channels are not all at the maximum (white).
    var transparentNotWhite = 0

    /// Counts `image`'s pixels. An image without alpha counts as fully opaque.
    init(_ image: Image) {
        let img = image.depth == .sixteen ? image.to8Bit() : image
        guard img.layout.hasAlpha else {
            opaque = img.pixelCount
            return
        }
        let c = img.layout.channels
        img.pixels.withUnsafeBufferPointer { p in
            var i = 0
            while i + c <= p.count {
                let a = p[i + c - 1]
                if a == 0 {
                    transparent += 1
                    var white = true
                    for k in 0..<(c - 1) where p[i + k] != 255 { white = false }
                    if !white { transparentNotWhite += 1 }
                } else if a == 255 {
                    opaque += 1
                } else {
                    partial += 1
                }
                i += c
            }
        }
    }
}
