// Memory-safety harness for the PNG and WebP codecs: decodes each file given (strict, lenient, and shrunk),
// reads its info, and re-encodes what decodes as PNG and WebP (lossy and lossless). No concurrency, so it runs
// under valgrind (swift-testing's dispatch main thread does not). Built and run by scripts/valgrind-codecs.sh.
import ImageCodecs
import ImageCore

var outcomes: [String: Int] = [:]
for path in CommandLine.arguments.dropFirst() {
    guard let bytes = try? ImageFile.read(path) else {
        outcomes["unreadable", default: 0] += 1
        continue
    }
    _ = try? ImageDecoder.info(bytes, name: path)
    for options in [DecodeOptions(), DecodeOptions(lenient: true), DecodeOptions(shrink: 4, keepSixteenBit: false)] {
        do {
            let decoded = try ImageDecoder.decode(bytes, name: path, options: options)
            outcomes["decoded", default: 0] += 1
            guard options.shrink == 1, decoded.image.pixelCount <= 1 << 20 else { continue }
            _ = try ImageEncoder.encode(decoded.image, as: .png(), metadata: EncodeMetadata(iccProfile: decoded.info.iccProfile))
            _ = try ImageEncoder.encode(decoded.image, as: .webp(WebPEncodeOptions(method: 0)),
                                        metadata: EncodeMetadata(iccProfile: decoded.info.iccProfile, exif: decoded.info.exif))
            _ = try ImageEncoder.encode(decoded.image, as: .webp(WebPEncodeOptions(lossless: true, method: 0)))
        } catch let error as any CodecFailure {
            outcomes["\(error.stage) error", default: 0] += 1
        } catch {
            outcomes["other error", default: 0] += 1
        }
    }
}
print("files: \(CommandLine.arguments.count - 1); outcomes: \(outcomes.sorted { $0.key < $1.key })")
