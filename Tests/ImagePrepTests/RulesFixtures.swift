import Foundation
import ImageCodecs
import ImageCore
import ImagePrepTestSupport
@testable import ImagePrep
@testable import ImageRules

/// Real image files for the rules tests, encoded once per test run with `ImageEncoder` into a temporary folder.
enum RulesFixtures {
    /// The folder holding the fixtures.
    static let folder: String = {
        let path = NSTemporaryDirectory() + "imageprep-rules-\(getpid())-\(UUID().uuidString.prefix(8))"
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        atexit { try? FileManager.default.removeItem(atPath: RulesFixtures.folder) }  // leave /tmp as found
        return path
    }()

    /// Paths of the generated files, by name. Encoding failures trap: every test that uses a fixture needs it.
    static let files: [String: String] = {
        var files: [String: String] = [:]
        func put(_ name: String, _ bytes: [UInt8]) {
            let path = folder + "/" + name
            try! ImageFile.writeAtomically(bytes, to: path)
            files[name] = path
        }
        let keepLayout = PNGEncodeOptions(compressionLevel: 1, reduceColorType: false)
        func png(_ image: Image) -> [UInt8] { try! ImageEncoder.encode(image, as: .png(keepLayout)) }
        func jpeg(_ image: Image) -> [UInt8] { try! ImageEncoder.encode(image, as: .jpeg(JPEGEncodeOptions(quality: 80))) }

        let edit = gradient(1024, 1024)
        let editPNG = png(edit)
        put("edit.png", editPNG)
        let editJPEG = jpeg(edit)
        put("edit.jpg", editJPEG)
        put("wide.png", png(gradient(1536, 1024)))
        put("small.png", png(gradient(64, 48)))
        put("mask.png", png(mask(1024, 1024) { x, y in (300..<700).contains(x) && (300..<700).contains(y) ? (255, 0) : (255, 255) }))
        put("mask-opaque.png", png(mask(1024, 1024) { _, _ in (255, 255) }))
        put("mask-clear.png", png(mask(1024, 1024) { _, _ in (255, 0) }))
        put("mask-black.png", png(mask(1024, 1024) { x, _ in x < 512 ? (0, 0) : (255, 255) }))
        put("mask-small.png", png(mask(512, 512) { x, _ in x < 256 ? (255, 0) : (255, 255) }))
        put("mask-rgb.png", png(Image(width: 1024, height: 1024, layout: .rgb, filledWith: 255)))
        put("mask.jpg", editJPEG)
        put("mask-named.webp", png(mask(1024, 1024) { x, _ in x < 512 ? (255, 0) : (255, 255) }))
        put("jpeg-named.png", editJPEG)
        put("edit.jfif", editJPEG)
        // A valid 1x1 GIF (2-colour global table): readable, but not a format the API accepts.
        put("fake.gif", Array("GIF89a".utf8) + [1, 0, 1, 0, 0x80, 0, 0, 0xFF, 0xFF, 0xFF, 0, 0, 0,
                                                  0x2C, 0, 0, 0, 0, 1, 0, 1, 0, 0, 0x02, 0x02, 0x44, 0x01, 0x00, 0x3B])
        put("bad-header.png", Array(editPNG.prefix(8)) + Array(repeating: 0x41, count: 64))
        put("truncated.png", Array(editPNG.prefix(editPNG.count / 3)))
        return files
    }()

    /// The path of a fixture (generated file) by name.
    static func path(_ name: String) -> String {
        guard let path = files[name] else { preconditionFailure("no fixture \(name)") }
        return path
    }

    /// A smooth RGB gradient (compresses like a photo, not like a flat colour).
    static func gradient(_ width: Int, _ height: Int) -> Image {
        Image(width: width, height: height, layout: .rgb) { buffer in
            var i = 0
            for y in 0..<height {
                for x in 0..<width {
                    buffer[i] = UInt8(truncatingIfNeeded: x * 255 / width)
                    buffer[i + 1] = UInt8(truncatingIfNeeded: y * 255 / height)
                    buffer[i + 2] = UInt8(truncatingIfNeeded: (x + y) & 255)
                    i += 3
                }
            }
        }
    }

    /// An RGBA mask; `pixel(x, y)` gives (gray colour, alpha).
    static func mask(_ width: Int, _ height: Int, _ pixel: (Int, Int) -> (UInt8, UInt8)) -> Image {
        Image(width: width, height: height, layout: .rgba) { buffer in
            var i = 0
            for y in 0..<height {
                for x in 0..<width {
                    let (v, a) = pixel(x, y)
                    buffer[i] = v; buffer[i + 1] = v; buffer[i + 2] = v; buffer[i + 3] = a
                    i += 4
                }
            }
        }
    }
}
