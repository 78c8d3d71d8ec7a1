import ImageCodecs
import ImageCore

/// Draws the deterministic result images of a task.
///
/// - Text to image: a pattern seeded by the prompt and the result index (diagonal bands and a checker
///   whose colours and cell size come from the seed), at the requested size.
/// - Edit (one or more references): the first reference is scaled to cover the requested size and
///   centre-cropped (nearest neighbour). Every pixel is then inverted in proportion to its *edit weight*:
///   with a mask, weight = 1 − alpha/255 of the mask pixel mapped the same way (transparent = edit, opaque =
///   keep, as in OpenAI's mask semantics); without a mask the weight is 1 everywhere. So where the mask is
///   opaque the result equals the scaled reference exactly, and a wrong mask or polarity shows at once.
enum ResultRenderer {
    /// The result image `index` of a task with these inputs (already validated: decodable, mask matching).
    static func render(prompt: String, width: Int, height: Int, index: Int,
                       references: [Image], mask: Image?) -> Image {
        guard let reference = references.first else {
            return pattern(seed: SeededDecision.hash(prompt) &+ UInt64(index), width: width, height: height)
        }
        return edit(reference, mask: mask, width: width, height: height)
    }

    /// Decodes, renders and PNG-encodes result `index`; an edit is then drifted when `drift` is given.
    static func renderPNG(prompt: String, width: Int, height: Int, index: Int,
                          references: [[UInt8]], mask: [UInt8]?, drift: (ResultDrift, seed: UInt64)? = nil) throws -> [UInt8] {
        let images = try references.map { try decodeRGB($0) }
        let maskImage = try mask.map { try ImageDecoder.decode($0).image.to8Bit().converted(to: .rgba) }
        var image = render(prompt: prompt, width: width, height: height, index: index, references: images, mask: maskImage)
        if let drift, !images.isEmpty { image = drift.0.apply(to: image, seed: drift.seed) }
        return try ImageEncoder.encode(image, as: .png())
    }

    /// An 8-bit RGB image of `bytes` (alpha flattened onto white).
    static func decodeRGB(_ bytes: [UInt8]) throws -> Image {
        try ImageDecoder.decode(bytes).image.flattened(onto: .white).converted(to: .rgb)
    }

    /// The text-to-image pattern.
    static func pattern(seed: UInt64, width: Int, height: Int) -> Image {
        let bits = SeededDecision.mix(seed)
        let colourA = [UInt8(truncatingIfNeeded: bits), UInt8(truncatingIfNeeded: bits >> 8), UInt8(truncatingIfNeeded: bits >> 16)]
        let colourB = [UInt8(truncatingIfNeeded: bits >> 24), UInt8(truncatingIfNeeded: bits >> 32), UInt8(truncatingIfNeeded: bits >> 40)]
        let cell = 16 << Int((bits >> 48) % 4)   // 16, 32, 64 or 128 px
        let band = 48 + Int((bits >> 52) % 80)
        return Image(width: width, height: height, layout: .rgb) { buffer in
            var offset = 0
            for y in 0..<height {
                for x in 0..<width {
                    let checker = ((x / cell) + (y / cell)) % 2 == 0
                    let colour = checker ? colourA : colourB
                    let shade = ((x + y) / band) % 2 == 0 ? 0 : 48
                    buffer[offset] = colour[0] &+ UInt8(shade)
                    buffer[offset + 1] = colour[1]
                    buffer[offset + 2] = colour[2] &+ UInt8(shade / 2)
                    offset += 3
                }
            }
        }
    }

    /// `reference` (8-bit RGB) covered onto width × height and inverted where `mask` (8-bit RGBA, the
    /// reference's size) says to edit.
    static func edit(_ reference: Image, mask: Image?, width: Int, height: Int) -> Image {
        let scale = max(Double(width) / Double(reference.width), Double(height) / Double(reference.height))
        let offsetX = (Double(reference.width) * scale - Double(width)) / 2
        let offsetY = (Double(reference.height) * scale - Double(height)) / 2
        let sourceX = (0..<width).map { min(reference.width - 1, max(0, Int((Double($0) + 0.5 + offsetX) / scale))) }
        let sourceY = (0..<height).map { min(reference.height - 1, max(0, Int((Double($0) + 0.5 + offsetY) / scale))) }
        return reference.pixels.withUnsafeBufferPointer { source in
            let maskPixels = mask?.pixels ?? []
            return maskPixels.withUnsafeBufferPointer { maskBuffer in
                Image(width: width, height: height, layout: .rgb) { buffer in
                    var offset = 0
                    for y in 0..<height {
                        let row = sourceY[y] * reference.width
                        for x in 0..<width {
                            let pixel = row + sourceX[x]
                            let weight = mask == nil ? 255 : 255 - Int(maskBuffer[pixel * 4 + 3])
                            for channel in 0..<3 {
                                let value = Int(source[pixel * 3 + channel])
                                // value + weight·(255 − 2·value)/255, rounded half away from zero:
                                // exactly value when weight is 0 and 255 − value when it is 255.
                                let delta = (255 - 2 * value) * weight
                                let step = delta >= 0 ? (delta + 127) / 255 : -((127 - delta) / 255)
                                buffer[offset + channel] = UInt8(value + step)
                            }
                            offset += 3
                        }
                    }
                }
            }
        }
    }
}
