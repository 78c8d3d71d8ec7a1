import Foundation
import ImagePrep
import ImagePrepTestSupport
import Testing

/// `--full-resolution`: the edit carried back onto a 12 MP photo stored sideways with an EXIF orientation.
@Suite struct FullResolutionTests {
    /// A minimal big-endian EXIF block carrying only the orientation.
    static func exif(_ orientation: Orientation) -> [UInt8] {
        [0x4D, 0x4D, 0, 42, 0, 0, 0, 8, 0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, UInt8(orientation.rawValue), 0, 0, 0, 0, 0, 0]
    }

    /// A 4000x3000 upright photo (smooth gradients and a coarse checker), stored turned as a camera held
    /// upright writes it (3000x4000, Orientation 6 = `.right`), JPEG quality 92.
    static func photo12MP() throws -> (path: String, upright: Image) {
        let width = 4000, height = 3000
        let upright = Image(width: width, height: height, layout: .rgb) { p in
            var o = 0
            for y in 0..<height {
                for x in 0..<width {
                    let checker = ((x >> 6) ^ (y >> 6)) & 1 == 0 ? 0 : 40
                    p[o] = UInt8(truncatingIfNeeded: 30 + x * 180 / width + checker)
                    p[o + 1] = UInt8(truncatingIfNeeded: 40 + y * 160 / height)
                    p[o + 2] = UInt8(truncatingIfNeeded: 200 - checker - (x + y) * 100 / (width + height))
                    o += 3
                }
            }
        }
        let stored = upright.oriented(.left)   // `.right` applied to it gives `upright` back
        let bytes = try ImageEncoder.encode(stored, as: .jpeg(JPEGEncodeOptions(quality: 92, subsampling: .s444)),
                                            metadata: EncodeMetadata(exif: exif(.right)))
        let path = try CommandRunner.temporaryDirectory() + "/photo-12mp.jpg"
        try ImageFile.writeAtomically(bytes, to: path)
        return (path, upright)
    }

    @Test func fullResolutionGivesTheUprightOriginalWithOnlyTheMaskedRegionChanged() async throws {
        let (photo, _) = try Self.photo12MP()
        // No drift here (DriftingSandboxTests covers it): an exact edit keeps the measure cheap at this size.
        let sandbox = try await Sandbox.start(SandboxConfiguration(taskDuration: 0.1))
        let result: ImageEditor.Result
        do {
            var editor = ImageEditor(runner: try sandbox.taskRunner(polling: DriftingSandboxTests.polling),
                                     options: PrepareOptions(normalize: NormalizeOptions(size: TargetSize(parsing: "1536x1024")!),
                                                             mask: Mask.RenderOptions(feather: 2)))
            editor.fidelity = FidelityOptions(fullResolution: true)
            result = try await editor.edit(image: photo, mask: ["rect:1400,1000,1000,800"], prompt: "a red hat",
                                           into: try CommandRunner.temporaryDirectory())
            try await sandbox.shutdown()
        } catch {
            try? await sandbox.shutdown()
            throw error
        }
        let figures = try #require(result.fidelity.first)
        #expect(figures.report.meanDeltaE == 0, "\(figures.report.summary)")
        let fullPath = try #require(figures.fullResolutionPath)
        #expect(fullPath.hasSuffix("-kept-full.jpg") && figures.keptPath != nil)

        // The original as viewers show it (decoded from the same JPEG, orientation applied).
        let decodedOriginal = try ImageDecoder.decode(try ImageFile.read(photo))
        let original = decodedOriginal.image.oriented(decodedOriginal.info.orientation)
        let full = try ImageDecoder.decode(try ImageFile.read(fullPath))
        #expect(full.info.orientation == .up)
        #expect(full.image.size == Size(width: 4000, height: 3000) && original.size == full.image.size)

        // In memory the paste-back is exact outside the (mapped, feathered) mask: 40 px of margin around the rect.
        let manifest = result.prepared.manifest
        let transform = try #require(manifest.prepared?.transform)
        let weights = EditWeights(mask: try ImageDecoder.decode(try ImageFile.read(try #require(manifest.prepared?.mask))).image)
        let raw = try ImageDecoder.decode(try ImageFile.read(figures.path)).image
        let exact = try PasteBack.fullResolution(result: raw, original: original, transform: transform, weights: weights)
        let margin = (x0: 1360, x1: 2440, y0: 960, y1: 1840)   // the rect 1400…2400 x 1000…1800, 40 px wider
        let outside = Self.compare(exact, original, outside: margin)
        #expect(outside.count > 10_000_000 && outside.maxDifference == 0)
        // The written JPEG (quality 95, 4:4:4) equals it within one generation of encoding.
        let written = Self.compare(full.image, original, outside: margin)
        #expect(written.meanDifference < 1.0 && written.maxDifference <= 24, "\(written)")
        // Inside, the edit shows (the sandbox inverts the masked region).
        let inside = Self.compare(exact, original, inside: (1440, 2360, 1040, 1760))
        #expect(inside.count > 600_000 && inside.meanDifference > 20, "\(inside)")
        // …and it is the model's output mapped back: at points well inside, the nearest result pixel.
        let rawRGB = FidelityMeter.rgb8(raw)
        var differences: [Int] = []
        for k in 0..<400 {
            let u = 1440 + (k * 37) % 920, v = 1040 + (k * 53) % 720
            let p = transform.apply(Point(x: Double(u) + 0.5, y: Double(v) + 0.5))
            let (bx, by) = (Int(p.x), Int(p.y))
            for c in 0..<3 {
                differences.append(abs(exact.sample(x: u, y: v, channel: c) - rawRGB.sample(x: bx, y: by, channel: c)))
            }
        }
        #expect(differences.sorted()[differences.count / 2] <= 3, "median difference to the result \(differences.sorted()[differences.count / 2])")
    }

    /// Per-sample differences between two 8-bit RGB images of one size, over the pixels inside the box
    /// `inside` (x0..<x1, y0..<y1) or outside the box `outside`.
    static func compare(_ a: Image, _ b: Image, inside: (x0: Int, x1: Int, y0: Int, y1: Int)? = nil,
                        outside: (x0: Int, x1: Int, y0: Int, y1: Int)? = nil) -> (count: Int, meanDifference: Double, maxDifference: Int) {
        let a = FidelityMeter.rgb8(a), b = FidelityMeter.rgb8(b)
        var count = 0, sum = 0, worst = 0
        a.pixels.withUnsafeBufferPointer { p in
            b.pixels.withUnsafeBufferPointer { q in
                func run(_ y: Int, _ xs: Range<Int>) {
                    guard !xs.isEmpty else { return }
                    for i in (3 * (y * a.width + xs.lowerBound))..<(3 * (y * a.width + xs.upperBound)) {
                        let d = abs(Int(p[i]) - Int(q[i]))
                        sum += d
                        worst = max(worst, d)
                    }
                    count += xs.count
                }
                for y in 0..<a.height {
                    if let box = inside {
                        if y >= box.y0 && y < box.y1 { run(y, box.x0..<box.x1) }
                    } else if let box = outside {
                        if y >= box.y0 && y < box.y1 {
                            run(y, 0..<box.x0)
                            run(y, box.x1..<a.width)
                        } else {
                            run(y, 0..<a.width)
                        }
                    }
                }
            }
        }
        return (count, count == 0 ? 0 : Double(sum) / Double(3 * count), worst)
    }
}
