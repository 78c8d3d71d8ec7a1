#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import ImageCodecs
import ImageCore
import ImagePrepTestSupport
import Testing

/// Helpers shared by the PNG and WebP codec tests.
enum CodecTestSupport {
    /// Corpus rows for one format, chosen by file extension (the manifest's `format` column is `file`'s text).
    static func entries(withExtension ext: String) -> [Corpus.Entry] {
        Corpus.entries().filter { $0.file.lowercased().hasSuffix("." + ext) }
    }

    /// The file's bytes.
    static func bytes(_ entry: Corpus.Entry) throws -> [UInt8] { try ImageFile.read(entry.path) }

    /// Decodes a manifest `decode` row and checks what every format must satisfy: the manifest's dimensions
    /// from both `decode` and `info`, the expected format, and an image layout equal to `info.layout`.
    /// Returns the decoded image and the header-only info for format-specific checks.
    @discardableResult
    static func expectDecodes(_ entry: Corpus.Entry, as format: ImageFormat) throws -> (decoded: DecodedImage, info: ImageInfo) {
        let bytes = try bytes(entry)
        let decoded = try ImageDecoder.decode(bytes, name: entry.description)
        #expect(decoded.image.width == entry.width && decoded.image.height == entry.height, "\(entry)")
        #expect(decoded.info.format == format && decoded.image.layout == decoded.info.layout, "\(entry)")
        let info = try ImageDecoder.info(bytes, name: entry.description)
        #expect(info.width == entry.width && info.height == entry.height && info.layout == decoded.info.layout, "\(entry)")
        return (decoded, info)
    }

    /// The package's `Tests/ImageCodecsTests/Golden` folder.
    static var goldenDirectory: String { Corpus.packageRoot + "/Tests/ImageCodecsTests/Golden" }

    /// `image` as 8-bit RGBA, reducing 16-bit samples by keeping the high byte (as Pillow does).
    static func rgba8HighByte(_ image: Image) -> [UInt8] {
        let channels = image.layout.channels
        var out = [UInt8](repeating: 255, count: image.pixelCount * 4)
        for i in 0..<image.pixelCount {
            func sample(_ c: Int) -> UInt8 {
                let index = i * channels + c
                switch image.depth {
                case .eight: return image.pixels[index]
                case .sixteen: return image.pixels[index * 2 + 1]  // little-endian host: high byte second
                }
            }
            switch image.layout {
            case .gray, .grayAlpha:
                let g = sample(0)
                out[i * 4] = g; out[i * 4 + 1] = g; out[i * 4 + 2] = g
            case .rgb, .rgba, .cmyk:
                for c in 0..<3 { out[i * 4 + c] = sample(c) }
            }
            if image.layout.hasAlpha { out[i * 4 + 3] = sample(channels - 1) }
        }
        return out
    }

    /// A deterministic test image: smooth gradients with some noise, in any layout and depth.
    static func pattern(width: Int, height: Int, layout: PixelLayout, depth: SampleDepth = .eight,
                        opaque: Bool = false, seed: UInt32 = 1) -> Image {
        var state = seed &* 2_654_435_761 | 1
        func noise() -> Int {
            state ^= state << 13; state ^= state >> 17; state ^= state << 5
            return Int(state % 17)
        }
        let channels = layout.channels
        var samples: [Int] = []
        samples.reserveCapacity(width * height * channels)
        for y in 0..<height {
            for x in 0..<width {
                for c in 0..<channels {
                    var v = (x * 255 / max(width - 1, 1) + c * 60 + y * 3 + noise()) % 256
                    if layout.hasAlpha && c == channels - 1 { v = opaque ? 255 : (y * 255 / max(height - 1, 1)) }
                    samples.append(depth == .eight ? v : min(v * 257 + (opaque && layout.hasAlpha && c == channels - 1 ? 0 : (x * 7 + c) % 200), 65535))
                }
            }
        }
        return image(width: width, height: height, layout: layout, depth: depth, samples: samples)
    }

    /// An image from sample values (0…255 or 0…65535).
    static func image(width: Int, height: Int, layout: PixelLayout, depth: SampleDepth, samples: [Int]) -> Image {
        switch depth {
        case .eight:
            return Image(width: width, height: height, layout: layout, depth: .eight, pixels: samples.map { UInt8($0) })
        case .sixteen:
            var bytes: [UInt8] = []
            bytes.reserveCapacity(samples.count * 2)
            for v in samples { bytes.append(UInt8(v & 0xFF)); bytes.append(UInt8(v >> 8)) }
            return Image(width: width, height: height, layout: layout, depth: .sixteen, pixels: bytes)
        }
    }

    /// Peak signal-to-noise ratio in dB between two 8-bit images of equal geometry (∞ when identical).
    static func psnr(_ a: Image, _ b: Image) -> Double {
        precondition(a.pixels.count == b.pixels.count)
        var sum = 0.0
        for i in a.pixels.indices {
            let d = Double(a.pixels[i]) - Double(b.pixels[i])
            sum += d * d
        }
        if sum == 0 { return .infinity }
        let mse = sum / Double(a.pixels.count)
        return 10 * log10(255 * 255 / mse)
    }
}
