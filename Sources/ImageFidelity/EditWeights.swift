public import ImageCore

/// The edit weight of every pixel of the base: 0 = keep (the base must show), 255 = edit (the model's output
/// shows), values between are the mask's soft edge (feather). Row-major, `width × height`.
///
/// Read from a mask image as the API reads it: with alpha, weight = 255 − alpha (transparent = edit, the
/// OpenAI convention and ImagePrep's default polarity); without alpha, weight = the gray value (white = edit).
public struct EditWeights: Sendable, Hashable {
    /// Width in pixels, ≥ 1.
    public let width: Int
    /// Height in pixels, ≥ 1.
    public let height: Int
    /// Row-major weights, 0 (keep) … 255 (edit).
    public var values: [UInt8]

    public init(width: Int, height: Int, values: [UInt8]) {
        precondition(width > 0 && height > 0 && values.count == width * height, "edit weight geometry mismatch")
        self.width = width
        self.height = height
        self.values = values
    }

    /// The weights of a mask image (8- or 16-bit; any layout).
    public init(mask: Image) {
        let image = mask.depth == .sixteen ? mask.to8Bit() : mask
        let channels = image.layout.channels
        var values = [UInt8](repeating: 0, count: image.pixelCount)
        image.pixels.withUnsafeBufferPointer { src in
            if image.layout.hasAlpha {
                for i in 0..<values.count { values[i] = 255 - src[i * channels + channels - 1] }
            } else if image.layout == .gray {
                for i in 0..<values.count { values[i] = src[i] }
            } else {
                let gray = image.converted(to: .gray).pixels
                for i in 0..<values.count { values[i] = gray[i] }
            }
        }
        self.init(width: image.width, height: image.height, values: values)
    }

    /// The size.
    public var size: Size { Size(width: width, height: height) }

    /// Pixels with weight 0 (wholly kept).
    public var keptCount: Int { values.reduce(0) { $0 + ($1 == 0 ? 1 : 0) } }

    /// The smallest rectangle holding every pixel with a non-zero weight, or nil when nothing is edited.
    public var editBounds: (x0: Int, y0: Int, x1: Int, y1: Int)? {
        var x0 = width, y0 = height, x1 = -1, y1 = -1
        values.withUnsafeBufferPointer { v in
            for y in 0..<height {
                let row = y * width
                var first = -1, last = -1
                for x in 0..<width where v[row + x] != 0 {
                    if first < 0 { first = x }
                    last = x
                }
                guard first >= 0 else { continue }
                x0 = min(x0, first); x1 = max(x1, last)
                y0 = min(y0, y); y1 = y
            }
        }
        return x1 < 0 ? nil : (x0, y0, x1 + 1, y1 + 1)
    }
}
