import ImageCodecs
import ImageCore
import ImagePrepTestSupport
import Testing

/// The corpus checks shared by the HEIF and GIF/TIFF suites, and the independent pixel references of scripts/golden-formats.py (heif-convert for HEIF/AVIF, Pillow for
/// GIF/TIFF): 8-bit RGBA, sampled every `step` pixels, in `Golden/formats/<set>/<file>.<w>x<h>.s<step>.rgba`.
enum FormatsReference {
    struct Reference {
        var width: Int
        var height: Int
        var step: Int
        var rgba: [UInt8]
    }

    /// The reference for `set`/`file`, nil when the generator did not make one.
    static func load(_ set: String, _ file: String) throws -> Reference? {
        let folder = "\(CodecTestSupport.goldenDirectory)/formats/\(set)"
        guard let name = try Corpus.listDirectory(folder).first(where: { $0.hasPrefix(file + ".") && $0.hasSuffix(".rgba") })
        else { return nil }
        let fields = name.dropFirst(file.count + 1).dropLast(5).split(separator: ".")
        let size = fields[0].split(separator: "x").compactMap { Int($0) }
        let step = Int(fields[1].dropFirst())!
        return Reference(width: size[0], height: size[1], step: step, rgba: try ImageFile.read("\(folder)/\(name)"))
    }

    /// The largest difference between `image` (8-bit RGBA by high byte) and `reference`: alpha everywhere, colour
    /// where both are opaque (straight-alpha colour under low alpha is rounding noise after un-premultiplying).
    static func maxDifference(_ image: Image, _ reference: Reference) -> Int {
        let ours = CodecTestSupport.rgba8HighByte(image)
        var worst = 0, i = 0
        for y in stride(from: 0, to: image.height, by: reference.step) {
            for x in stride(from: 0, to: image.width, by: reference.step) {
                let o = (y * image.width + x) * 4
                let a = Int(ours[o + 3]), b = Int(reference.rgba[i + 3])
                worst = max(worst, abs(a - b))
                if a == 255 && b == 255 {
                    for c in 0..<3 { worst = max(worst, abs(Int(ours[o + c]) - Int(reference.rgba[i + c]))) }
                }
                i += 4
            }
        }
        return worst
    }

    /// A manifest `reject` row: decoding (standard and lenient) throws a typed stage error naming the file.
    static func expectRejected(_ entry: Corpus.Entry) throws {
        let bytes = try ImageFile.read(entry.path)
        for strictness in [DecodeStrictness.standard, .lenient] {
            do {
                _ = try ImageDecoder.decode(bytes, name: entry.description, options: DecodeOptions(strictness: strictness))
                Issue.record("\(entry) decoded but the manifest says reject")
            } catch let error as any CodecFailure {
                #expect(error.description.contains(entry.description), "\(error)")
                #expect(["sniff", "header", "decode", "limits"].contains(error.stage))
            }
        }
    }

    /// A manifest `decode-with-warning` row: refused with a `DecodeError` when strict; when lenient, the image
    /// and a damage warning (returned for format-specific checks).
    static func expectRecoverable(_ entry: Corpus.Entry) throws -> DecodedImage {
        let bytes = try ImageFile.read(entry.path)
        #expect(throws: DecodeError.self) { try ImageDecoder.decode(bytes, name: entry.description, options: DecodeOptions(strictness: .strict)) }
        let lenient = try ImageDecoder.decode(bytes, name: entry.description, options: DecodeOptions(strictness: .lenient))
        #expect(lenient.warnings.contains { $0.isDamage }, "\(entry): \(lenient.warnings)")
        return lenient
    }
}
