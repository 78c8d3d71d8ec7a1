import Foundation
import ImageCodecs
import ImageCore
import ImagePrepTestSupport

/// Corpus selection, independent reference decoders (djpeg, Pillow) and image comparisons for the JPEG tests.
enum JPEGTestSupport {
    /// Every manifest row whose bytes are a JPEG (not a TIFF whose `format` column mentions JPEG compression).
    static let entries: [Corpus.Entry] = Corpus.entries().filter { entry in
        guard let file = FileHandle(forReadingAtPath: entry.path) else { return false }
        defer { try? file.close() }
        return FormatSniffer.format(of: file.readData(ofLength: 3)) == .jpeg
    }

    static func entries(expecting expectation: String) -> [Corpus.Entry] {
        entries.filter { $0.expectation == expectation }
    }

    static func entry(_ set: String, _ file: String) -> Corpus.Entry? {
        entries.first { $0.set == set && $0.file == file }
    }

    static func bytes(_ set: String, _ file: String) throws -> [UInt8] {
        guard let path = Corpus.path(set, file) else { throw TestFailure("corpus absent") }
        return try ImageFile.read(path)
    }

    // MARK: - Reference tools

    /// The path of a reference tool that `scripts/setup.sh` installs (djpeg from libjpeg-turbo-progs, python3
    /// with python3-pil); a missing tool fails the test that needs it instead of skipping it.
    static func tool(_ name: String) throws -> String {
        guard let path = ["/usr/bin/\(name)", "/usr/local/bin/\(name)", "/bin/\(name)"]
            .first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
            throw TestFailure("\(name) is not installed (bash scripts/setup.sh installs the reference tools)")
        }
        return path
    }

    /// Runs a tool; throws unless it exits 0.
    @discardableResult
    static func run(_ tool: String, _ arguments: [String]) throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw TestFailure("\(tool) \(arguments.joined(separator: " ")) exited \(process.terminationStatus)")
        }
        return process.terminationStatus
    }

    static func temporaryPath(_ suffix: String) -> String {
        NSTemporaryDirectory() + "imageprep-jpeg-\(UUID().uuidString)\(suffix)"
    }

    /// djpeg's decode of `path` at 1/`scale` as an image (PPM for colour, PGM for gray).
    static func djpeg(_ path: String, scale: Int = 1) throws -> Image {
        let out = temporaryPath(".pnm")
        defer { try? FileManager.default.removeItem(atPath: out) }
        try run(try tool("djpeg"), ["-scale", "1/\(scale)", "-outfile", out, path])
        return try readPNM(Array(FileManager.default.contents(atPath: out) ?? Data()))
    }

    /// Runs a Python/Pillow snippet; `sys.argv[1:]` are `arguments`.
    static func pillow(_ script: String, _ arguments: [String]) throws {
        try run(try tool("python3"), ["-c", script] + arguments)
    }

    /// Pillow's decode of `path` in `mode` ("CMYK", "RGB", "L") as raw samples.
    static func pillowRaw(_ path: String, mode: String) throws -> [UInt8] {
        let out = temporaryPath(".raw")
        defer { try? FileManager.default.removeItem(atPath: out) }
        try pillow("""
            import sys
            from PIL import Image
            im = Image.open(sys.argv[1])
            im = im if im.mode == sys.argv[2] else im.convert(sys.argv[2])
            open(sys.argv[3], 'wb').write(im.tobytes())
            """, [path, mode, out])
        return Array(FileManager.default.contents(atPath: out) ?? Data())
    }

    /// Parses binary PGM (P5) or PPM (P6) with maxval 255.
    static func readPNM(_ data: [UInt8]) throws -> Image {
        var fields: [String] = []
        var i = 0
        while fields.count < 4, i < data.count {
            while i < data.count, data[i] == 0x20 || data[i] == 0x0A || data[i] == 0x0D || data[i] == 0x09 { i += 1 }
            var token = ""
            while i < data.count, !(data[i] == 0x20 || data[i] == 0x0A || data[i] == 0x0D || data[i] == 0x09) {
                token.append(Character(UnicodeScalar(data[i]))); i += 1
            }
            fields.append(token)
        }
        i += 1
        guard fields.count == 4, let w = Int(fields[1]), let h = Int(fields[2]), fields[3] == "255" else {
            throw TestFailure("not an 8-bit PNM")
        }
        let layout: PixelLayout = fields[0] == "P5" ? .gray : .rgb
        guard data.count - i == w * h * layout.channels else { throw TestFailure("PNM size mismatch") }
        return Image(width: w, height: h, layout: layout, pixels: Array(data[i...]))
    }

    // MARK: - Comparisons

    /// Peak signal-to-noise ratio in dB between two same-sized 8-bit sample arrays (infinity when equal).
    static func psnr(_ a: [UInt8], _ b: [UInt8]) -> Double {
        precondition(a.count == b.count && !a.isEmpty)
        var sum = 0.0
        for i in 0..<a.count {
            let d = Double(Int(a[i]) - Int(b[i]))
            sum += d * d
        }
        let mse = sum / Double(a.count)
        return mse == 0 ? .infinity : 10 * log10(255 * 255 / mse)
    }

    /// The largest absolute sample difference.
    static func maxDifference(_ a: [UInt8], _ b: [UInt8]) -> Int {
        precondition(a.count == b.count)
        return zip(a, b).reduce(0) { max($0, abs(Int($1.0) - Int($1.1))) }
    }

    /// A smooth synthetic RGB image (gradients and soft discs), typical of photographs' spectra.
    static func syntheticRGB(width: Int = 256, height: Int = 192) -> Image {
        Image(width: width, height: height, layout: .rgb) { p in
            for y in 0..<height {
                for x in 0..<width {
                    let fx = Double(x) / Double(width), fy = Double(y) / Double(height)
                    let disc = exp(-(pow(fx - 0.6, 2) + pow(fy - 0.4, 2)) * 20)
                    let i = (y * width + x) * 3
                    p[i] = UInt8(min(255, 40 + 180 * fx + 30 * disc))
                    p[i + 1] = UInt8(min(255, 30 + 150 * fy + 60 * disc))
                    p[i + 2] = UInt8(min(255, 200 - 120 * fx * fy + 50 * sin(fx * 6)))
                }
            }
        }
    }

    /// The markers (second byte) before the first SOS, with their payloads.
    static func headerSegments(_ jpeg: [UInt8]) -> [(marker: UInt8, payload: [UInt8])] {
        var result: [(UInt8, [UInt8])] = []
        var i = 2
        while i + 4 <= jpeg.count, jpeg[i] == 0xFF {
            let marker = jpeg[i + 1]
            let length = Int(jpeg[i + 2]) << 8 | Int(jpeg[i + 3])
            guard length >= 2, i + 2 + length <= jpeg.count else { break }
            result.append((marker, Array(jpeg[(i + 4)..<(i + 2 + length)])))
            if marker == 0xDA { break }
            i += 2 + length
        }
        return result
    }

    /// The ICC profile reassembled from APP2 `ICC_PROFILE\0` segments by sequence number, independently of
    /// libjpeg (nil when there is none).
    static func iccFromSegments(_ jpeg: [UInt8]) -> [UInt8]? {
        let tag = Array("ICC_PROFILE".utf8) + [0]
        let chunks = headerSegments(jpeg)
            .filter { $0.marker == 0xE2 && $0.payload.count >= 14 && $0.payload.starts(with: tag) }
            .map { (sequence: $0.payload[12], data: $0.payload.dropFirst(14)) }
            .sorted { $0.sequence < $1.sequence }
        return chunks.isEmpty ? nil : chunks.flatMap(\.data)
    }

    struct TestFailure: Error, CustomStringConvertible {
        var description: String
        init(_ description: String) { self.description = description }
    }
}
