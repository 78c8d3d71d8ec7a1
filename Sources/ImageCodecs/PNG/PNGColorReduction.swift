import ImageCore

/// The smallest lossless PNG colour type and depth for an image's pixels: drop alpha when every pixel is
/// opaque, use gray when every pixel has R == G == B, and write 8 bits when every 16-bit sample is a
/// multiple of 257 (that is, an 8-bit value widened exactly).
struct PNGColorReduction: Equatable {
    /// The layout to write (gray, grayAlpha, rgb or rgba).
    var layout: PixelLayout
    /// The depth to write.
    var depth: SampleDepth

    /// No reduction: the image's own layout and depth.
    static func identity(_ image: Image) -> PNGColorReduction { .init(layout: image.layout, depth: image.depth) }

    /// The reduction `image` allows. `allowGray` is false when an RGB ICC profile will be embedded.
    static func plan(for image: Image, allowGray: Bool) -> PNGColorReduction {
        precondition(image.layout != .cmyk, "convert CMYK to RGB before planning a PNG reduction")
        let scan: (opaque: Bool, gray: Bool, eightBit: Bool) = switch image.depth {
        case .eight: image.pixels.withUnsafeBufferPointer { scanSamples($0, layout: image.layout, max: UInt8.max) }
        case .sixteen: image.pixels.withUnsafeBytes { scanSamples(Samples16($0), layout: image.layout, max: UInt16.max) }
        }
        var layout = image.layout
        if scan.opaque { layout = layout.withoutAlpha }
        if allowGray && scan.gray && !layout.isGray { layout = layout.hasAlpha ? .grayAlpha : .gray }
        return .init(layout: layout, depth: image.depth == .sixteen && scan.eightBit ? .eight : image.depth)
    }

    /// One pass over the samples: are all alphas at `max`, all pixels gray, all samples multiples of 257?
    private static func scanSamples<T: FixedWidthInteger, Samples: RandomAccessCollection<T>>(_ p: Samples, layout: PixelLayout, max: T)
        -> (opaque: Bool, gray: Bool, eightBit: Bool) where Samples.Index == Int
    {
        let channels = layout.channels
        var opaque = layout.hasAlpha, gray = !layout.isGray, eightBit = T.bitWidth == 16
        var i = 0
        while i < p.count {
            if opaque && p[i + channels - 1] != max { opaque = false }
            if gray && (p[i] != p[i + 1] || p[i] != p[i + 2]) { gray = false }
            if eightBit {
                for c in 0..<channels where p[i + c] % 257 != 0 { eightBit = false }
            }
            if !opaque && !gray && !eightBit { break }
            i += channels
        }
        return (opaque || !layout.hasAlpha, gray || layout.isGray, eightBit)
    }

    /// The image's pixels repacked as `layout` at `depth` (16-bit samples stay native-endian).
    func apply(to image: Image) -> [UInt8] {
        if layout == image.layout && depth == image.depth { return image.pixels }
        let sc = image.layout.channels, dc = layout.channels
        // Source channel for each destination channel: colour from channel 0 (gray) or 0...2, alpha last.
        var map: [Int] = layout.isGray ? [0] : [0, 1, 2]
        if layout.hasAlpha { map.append(sc - 1) }
        let n = image.pixelCount
        return [UInt8](unsafeUninitializedCapacity: n * dc * depth.bytes) { out, initialized in
            image.pixels.withUnsafeBytes { raw in
                switch (image.depth, depth) {
                case (.eight, _):
                    for i in 0..<n { for (d, s) in map.enumerated() { out[i * dc + d] = raw[i * sc + s] } }
                case (.sixteen, .eight):
                    let src = Samples16(raw)
                    for i in 0..<n { for (d, s) in map.enumerated() { out[i * dc + d] = UInt8(src[i * sc + s] / 257) } }
                case (.sixteen, .sixteen):
                    let src = Samples16(raw), dst = MutableSamples16(UnsafeMutableRawBufferPointer(out))
                    for i in 0..<n { for (d, s) in map.enumerated() { dst[i * dc + d] = src[i * sc + s] } }
                }
            }
            initialized = n * dc * depth.bytes
        }
    }
}
