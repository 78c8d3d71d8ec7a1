import Testing
import ImageCodecs
import ImageCore
import ImagePrep
import ImageRules
import ImagePrepTestSupport

@Suite struct NormalizerTests {
    static func png(_ image: Image) throws -> [UInt8] { try ImageEncoder.encode(image, as: .png()) }

    /// A smooth RGB test card (gradients, no flat regions) of the given size.
    static func card(_ w: Int, _ h: Int) -> Image {
        Image(width: w, height: h, layout: .rgb) { d in
            var i = 0
            for y in 0..<h {
                let g = UInt8(y * 255 / max(h - 1, 1))
                for x in 0..<w {
                    d[i] = UInt8(x * 255 / max(w - 1, 1)); d[i + 1] = g; d[i + 2] = UInt8(truncatingIfNeeded: x + y)
                    i += 3
                }
            }
        }
    }

    @Test(arguments: ["auto", "1024x1024", "1024x1536", "1536x1024", "1:1", "2:3", "3:2"])
    func exactOutputSizes(size: String) async throws {
        let target = try #require(TargetSize(parsing: size))
        // A landscape and a portrait source, one larger and one smaller than the API sizes.
        for source in [Size(width: 1700, height: 900), Size(width: 301, height: 777)] {
            let bytes = try Self.png(Self.card(source.width, source.height))
            for fit in FitMode.allCases {
                // The kernel does not change sizes; linear keeps this debug-build test quick.
                let result = try await Normalizer(NormalizeOptions(size: target, fit: fit, format: .png, kernel: .linear)).normalize(bytes)
                let expected = target.resolve(for: source)
                #expect(result.image.size == expected, "\(source) \(fit) \(size)")
                let back = try ImageDecoder.info(result.bytes)
                #expect(back.size == expected)
                #expect(result.report.width == expected.width && result.report.height == expected.height)
                #expect(TargetSize.apiSizes.contains(expected))
                // Small sources are upscaled with a warning.
                let upscaled = FitGeometry(source: source, canvas: expected, fit: fit).isUpscaling
                #expect(result.report.warnings.contains { $0.code == "upscaled" } == upscaled)
            }
        }
    }

    /// The corpus's Landscape_N / Portrait_N files are the same photo stored in orientation N: turned upright,
    /// all must give the same picture.
    @Test(arguments: ["Landscape", "Portrait"])
    func exifOrientationsGiveTheSameUprightResult(set: String) async throws {
        let files = Corpus.entries().filter { $0.set == "exif-orientation-examples" && $0.file.hasPrefix(set + "_") }
            .map { ($0.file, $0.path) }.sorted { $0.0 < $1.0 }
        #expect(files.count >= 7)
        let normalizer = Normalizer(NormalizeOptions(size: .auto, fit: .cover, format: .png))
        var results: [(String, NormalizedImage)] = []
        for (file, path) in files {
            results.append((file, try await normalizer.normalize(file: path)))
        }
        let reference = try #require(results.first { $0.0.hasSuffix("_1.jpg") }).1
        #expect(reference.image.size == (set == "Landscape" ? Size(width: 1536, height: 1024) : Size(width: 1024, height: 1536)))
        var orientations = Set<Int>()
        for (file, result) in results {
            orientations.insert(result.report.orientation)
            #expect(result.image.size == reference.image.size, "\(file)")
            let diff = Self.meanAbsoluteDifference(result.image, reference.image)
            #expect(diff < 4, "\(file) (orientation \(result.report.orientation)) differs from upright by \(diff)")
        }
        #expect(orientations.count >= 6)
        // The comparison can fail: a mirrored picture is far from the upright one.
        let mirrored = reference.image.oriented(.upMirrored)
        #expect(Self.meanAbsoluteDifference(mirrored, reference.image) > 15)
    }

    static func meanAbsoluteDifference(_ a: Image, _ b: Image) -> Double {
        let x = a.converted(to: .rgb).pixels, y = b.converted(to: .rgb).pixels
        var sum = 0
        for i in 0..<min(x.count, y.count) { sum += abs(Int(x[i]) - Int(y[i])) }
        return Double(sum) / Double(x.count)
    }

    /// The transform sends a point of the upright original to where that feature lands in the output, for every
    /// orientation the file may be stored in.
    @Test(arguments: Orientation.allCases)
    func transformFollowsAFeature(orientation: Orientation) async throws {
        // Upright picture 1200x900, dark, with a bright 24x24 block centred at (900, 300). The canvas is small
        // (any exact size works; the API sizes would only make this debug-build test slower).
        let upright = Size(width: 1200, height: 900)
        let dot = Point(x: 900, y: 300)
        let block = Rect(x: dot.x - 12, y: dot.y - 12, width: 24, height: 24)
        let stored = orientation.uprightSize(upright)  // swapping twice is the identity
        let toUpright = orientation.transform(stored: stored)
        let box = Self.bounds(block, through: toUpright.inverted!)
        var px = [UInt8](repeating: 20, count: stored.width * stored.height * 3)
        for y in Int(box.y)..<Int(box.maxY) { for x in Int(box.x)..<Int(box.maxX) {
            let i = (y * stored.width + x) * 3
            px[i] = 255; px[i + 1] = 255; px[i + 2] = 255
        } }
        let image = Image(width: stored.width, height: stored.height, layout: .rgb, pixels: px)
        let exif = Self.exifBlock(orientation: orientation.rawValue)
        let bytes = try ImageEncoder.encode(image, as: .jpeg(JPEGEncodeOptions(quality: 95)), metadata: EncodeMetadata(exif: exif))
        for (fit, gravity) in [(FitMode.cover, Gravity.centre), (.cover, .focus(x: 0.8, y: 0.3)), (.contain, .south)] {
            let result = try await Normalizer(NormalizeOptions(size: .exact(Size(width: 320, height: 320)), fit: fit,
                                                               gravity: gravity, background: .black, format: .png)).normalize(bytes)
            #expect(result.orientation == orientation)
            let expected = result.transform.apply(dot)
            let found = try #require(Self.centroid(of: result.image, above: 140))
            #expect(abs(found.x - expected.x) < 0.75 && abs(found.y - expected.y) < 0.75,
                    "\(orientation) \(fit): feature at \(found), transform says \(expected)")
            // Stored-frame coordinates reach the same place through storedTransform.
            let viaStored = result.storedTransform.apply(toUpright.inverted!.apply(dot))
            #expect(abs(viaStored.x - expected.x) < 1e-6 && abs(viaStored.y - expected.y) < 1e-6)
        }
    }

    static func bounds(_ r: Rect, through t: AffineTransform) -> Rect {
        let ps = [Point(x: r.x, y: r.y), Point(x: r.maxX, y: r.maxY)].map(t.apply)
        return Rect(x: min(ps[0].x, ps[1].x), y: min(ps[0].y, ps[1].y), width: abs(ps[0].x - ps[1].x), height: abs(ps[0].y - ps[1].y))
    }

    /// A minimal big-endian EXIF block (TIFF header onwards) holding only the orientation tag.
    static func exifBlock(orientation: Int) -> [UInt8] {
        [0x4D, 0x4D, 0, 42, 0, 0, 0, 8,  // "MM", 42, IFD0 at 8
         0, 1,  // one entry
         0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, UInt8(orientation), 0, 0,  // 0x0112 SHORT ×1
         0, 0, 0, 0]  // no next IFD
    }

    static func centroid(of image: Image, above threshold: Int) -> Point? {
        let c = image.layout.channels, w = image.width
        return image.pixels.withUnsafeBufferPointer { p -> Point? in
            var sx = 0.0, sy = 0.0, n = 0.0
            for i in 0..<image.pixelCount where Int(p[i * c]) > threshold {
                let v = Double(p[i * c])
                sx += (Double(i % w) + 0.5) * v; sy += (Double(i / w) + 0.5) * v; n += v
            }
            return n > 0 ? Point(x: sx / n, y: sy / n) : nil
        }
    }

    /// Display-P3 JPEG → sRGB, compared with Pillow 9.4 ImageCms (LittleCMS, relative colorimetric) followed by
    /// LANCZOS to the same 1024x819 content box. Ignoring the profile gives mean ΔE 6.6, max 24 at these points.
    @Test
    func displayP3LandsWithinDeltaE2OfReference() async throws {
        let path = try #require(Corpus.path("wide-gamut-tests", "P3-sRGB-color-bars.jpg"))
        let result = try await Normalizer(NormalizeOptions(size: .exact(Size(width: 1024, height: 1024)), fit: .contain,
                                                           format: .png)).normalize(file: path)
        #expect(result.report.colorConversion != nil)
        let top = 102  // (1024 − 819) / 2, rounded down
        var total = 0.0, worst = 0.0
        for (x, y, r, g, b) in Self.p3Reference {
            let got = (result.image.sample(x: x, y: y + top, channel: 0), result.image.sample(x: x, y: y + top, channel: 1),
                       result.image.sample(x: x, y: y + top, channel: 2))
            let d = Lab.deltaE(got, (r, g, b))
            total += d
            worst = max(worst, d)
        }
        let mean = total / Double(Self.p3Reference.count)
        #expect(mean <= 2, "mean ΔE \(mean)")
        #expect(worst <= 6, "max ΔE \(worst)")
    }

    @Test
    func noDarkHaloAtTransparentEdgeThroughThePipeline() async throws {
        // Red disc on fully transparent black, 700x700 → 1024x1024 (upscale) and a cover crop of a wide canvas.
        let n = 700
        let image = Image(width: n, height: n, layout: .rgba) { d in
            for y in 0..<n { for x in 0..<n {
                let inside = (x - 350) * (x - 350) + (y - 350) * (y - 350) < 200 * 200
                let i = (y * n + x) * 4
                d[i] = inside ? 255 : 0; d[i + 1] = 0; d[i + 2] = 0; d[i + 3] = inside ? 255 : 0
            } }
        }
        let bytes = try Self.png(image)
        for size in [TargetSize.exact(Size(width: 1024, height: 1024)), .exact(Size(width: 1536, height: 1024))] {
            let result = try await Normalizer(NormalizeOptions(size: size, fit: .contain, background: .transparent)).normalize(bytes)
            #expect(result.format == .png)
            let out = result.image
            #expect(out.layout == .rgba)
            var partial = 0
            for i in stride(from: 0, to: out.pixels.count, by: 4) where out.pixels[i + 3] > 0 {
                if out.pixels[i] < 250 || out.pixels[i + 1] > 3 || out.pixels[i + 2] > 3 { Issue.record("dark or tinted edge pixel \(out.pixels[i..<(i + 4)])"); break }
                if out.pixels[i + 3] < 255 { partial += 1 }
            }
            #expect(partial > 100)
        }
    }

    @Test(arguments: [ImageFormat.jpeg, .webp])
    func noiseUnderASmallCapLandsUnderTheCap(format: ImageFormat) async throws {
        var rng = TestNoise(seed: 11)
        let noise = Image(width: 1536, height: 1024, layout: .rgb, pixels: rng.bytes(1536 * 1024 * 3))
        let bytes = try Self.png(noise)
        for cap in [300_000, 1_000_000] {
            let result = try await Normalizer(NormalizeOptions(size: .exact(Size(width: 1536, height: 1024)),
                                                               format: format == .jpeg ? .jpeg : .webp, maxBytes: cap)).normalize(bytes)
            #expect(result.bytes.count <= cap)
            #expect(result.report.encodes <= 5, "\(result.report.encodes) encodes")
            let q = try #require(result.report.quality)
            #expect(result.format == format)
            // No quality left on the table: within 10 % of the cap, at the ceiling, or the next quality does not fit.
            if Double(result.bytes.count) < 0.9 * Double(cap) && q < 95 {
                let next: EncodeFormat = format == .jpeg ? .jpeg(JPEGEncodeOptions(quality: q + 1)) : .webp(WebPEncodeOptions(quality: Float(q + 1)))
                let bigger = try ImageEncoder.encode(result.image, as: next, metadata: EncodeMetadata(srgb: true))
                #expect(bigger.count > cap, "q\(q): \(result.bytes.count) B for cap \(cap), but q\(q + 1) gives \(bigger.count) B")
            }
            // A fixed quality is lowered when it does not fit: the cap wins.
            let fixed = try await Normalizer(NormalizeOptions(size: .exact(Size(width: 1536, height: 1024)), format: .jpeg,
                                                              quality: 100, maxBytes: cap)).normalize(bytes)
            #expect(fixed.bytes.count <= cap && (fixed.report.quality ?? 100) < 100)
        }
    }

    @Test
    func pngOverTheCapIsATypedErrorOrAFormatChange() async throws {
        var rng = TestNoise(seed: 5)
        let bytes = try Self.png(Image(width: 1024, height: 1024, layout: .rgb, pixels: rng.bytes(1024 * 1024 * 3)))
        let options = NormalizeOptions(size: .exact(Size(width: 1024, height: 1024)), format: .png, maxBytes: 500_000)
        await #expect(throws: NormalizeError.self) { _ = try await Normalizer(options).normalize(bytes, name: "noise.png") }
        do {
            _ = try await Normalizer(options).normalize(bytes, name: "noise.png")
        } catch let error as NormalizeError {
            #expect(error.reason == .overByteBudget)
            #expect(error.file == "noise.png")
            #expect(error.details?.contains("jpeg") == true)
        }
        var relaxed = options
        relaxed.allowFormatChange = true
        let changed = try await Normalizer(relaxed).normalize(bytes)
        #expect(changed.format == .jpeg && changed.bytes.count <= 500_000)
        #expect(changed.report.warnings.contains { $0.code == "format-changed" })
    }

    @Test
    func autoFormatAndFlattening() async throws {
        // Opaque input → JPEG; transparent pixels → PNG; JPEG asked for → alpha flattened onto the background.
        let opaque = try await Normalizer().normalize(try Self.png(Self.card(600, 400)))
        #expect(opaque.format == .jpeg)
        var px = [UInt8]()
        for i in 0..<(400 * 400) { px += [0, 0, 255, i % 400 < 200 ? 255 : 0] }
        let half = try Self.png(Image(width: 400, height: 400, layout: .rgba, pixels: px))
        #expect(try await Normalizer().normalize(half).format == .png)
        let jpeg = try await Normalizer(NormalizeOptions(background: Color(red: 255, green: 0, blue: 0), format: .jpeg)).normalize(half)
        #expect(jpeg.format == .jpeg && jpeg.image.layout == .rgb)
        // The right half (transparent) became the red background.
        #expect(jpeg.image.sample(x: 1000, y: 500, channel: 0) > 240 && jpeg.image.sample(x: 1000, y: 500, channel: 2) < 15)
        #expect(jpeg.image.sample(x: 10, y: 500, channel: 2) > 240)
    }

    @Test
    func sixteenBitInputBecomesEightBitAfterResizing() async throws {
        // 16-bit gray ramp whose low bytes are not zero: the output must be 8-bit and follow the ramp.
        let w = 1536, h = 64
        var px = [UInt8](repeating: 0, count: w * h * 2)
        px.withUnsafeMutableBytes { raw in
            let p = raw.bindMemory(to: UInt16.self)
            for y in 0..<h { for x in 0..<w { p[y * w + x] = UInt16(x * 65535 / (w - 1)) } }
        }
        let bytes = try Self.png(Image(width: w, height: h, layout: .gray, depth: .sixteen, pixels: px))
        let result = try await Normalizer(NormalizeOptions(size: .exact(Size(width: 1536, height: 1024)), fit: .contain,
                                                           format: .png)).normalize(bytes)
        #expect(result.image.depth == .eight)
        let y = 512
        for x in stride(from: 8, to: w - 8, by: 97) {
            let expected = Double(x * 255) / Double(w - 1)
            #expect(abs(Double(result.image.sample(x: x, y: y, channel: 0)) - expected) <= 1, "x \(x)")
        }
    }

    /// Pillow reference points: (x, y) in the 1024x819 content box, sRGB (r, g, b).
    static let p3Reference: [(Int, Int, Int, Int, Int)] = [
        (40, 40, 255, 239, 242), (130, 40, 255, 240, 254), (220, 40, 252, 239, 255), (310, 40, 243, 240, 255), (400, 40, 237, 246, 255), (490, 40, 236, 255, 255), (580, 40, 237, 255, 248), (670, 40, 236, 255, 239), (760, 40, 244, 254, 238), (850, 40, 254, 255, 238), (940, 40, 255, 246, 239),
        (40, 110, 255, 198, 211), (130, 110, 255, 197, 252), (220, 110, 244, 198, 255), (310, 110, 204, 198, 255), (400, 110, 195, 220, 255), (490, 110, 185, 254, 255), (580, 110, 184, 255, 231), (670, 110, 184, 255, 199), (760, 110, 214, 255, 193), (850, 110, 254, 255, 193), (940, 110, 255, 227, 196),
        (40, 180, 255, 143, 173), (130, 180, 255, 141, 248), (220, 180, 233, 145, 255), (310, 180, 162, 148, 255), (400, 180, 137, 188, 255), (490, 180, 107, 254, 255), (580, 180, 102, 254, 209), (670, 180, 103, 254, 143), (760, 180, 172, 254, 133), (850, 180, 251, 255, 130), (940, 180, 255, 202, 141),
        (40, 250, 255, 76, 126), (130, 250, 255, 76, 245), (220, 250, 218, 84, 255), (310, 250, 114, 92, 255), (400, 250, 70, 153, 255), (490, 250, 0, 252, 255), (580, 250, 0, 255, 186), (670, 250, 0, 255, 72), (760, 250, 126, 255, 51), (850, 250, 248, 255, 40), (940, 250, 255, 173, 72),
        (40, 320, 255, 1, 85), (130, 320, 255, 0, 239), (220, 320, 204, 2, 254), (310, 320, 68, 36, 255), (400, 320, 1, 120, 254), (490, 320, 0, 250, 254), (580, 320, 0, 255, 163), (670, 320, 11, 255, 6), (760, 320, 63, 255, 0), (850, 320, 244, 255, 0), (940, 320, 255, 148, 0),
        (40, 390, 255, 0, 46), (130, 390, 255, 0, 237), (220, 390, 191, 0, 255), (310, 390, 31, 0, 255), (400, 390, 0, 96, 255), (490, 390, 255, 255, 255), (580, 390, 0, 255, 145), (670, 390, 0, 255, 0), (760, 390, 0, 255, 0), (850, 390, 244, 255, 0), (940, 390, 255, 128, 0),
        (40, 460, 255, 0, 34), (130, 460, 255, 0, 215), (220, 460, 174, 1, 243), (310, 460, 20, 0, 245), (400, 460, 2, 82, 244), (490, 460, 0, 228, 236), (580, 460, 0, 238, 132), (670, 460, 3, 239, 5), (760, 460, 0, 238, 0), (850, 460, 226, 235, 3), (940, 460, 251, 112, 0),
        (40, 530, 211, 0, 24), (130, 530, 210, 0, 177), (220, 530, 142, 0, 200), (310, 530, 15, 0, 201), (400, 530, 0, 65, 200), (490, 530, 0, 188, 194), (580, 530, 0, 196, 105), (670, 530, 0, 196, 0), (760, 530, 0, 195, 0), (850, 530, 184, 193, 0), (940, 530, 207, 92, 0),
        (40, 600, 152, 2, 13), (130, 600, 153, 2, 128), (220, 600, 101, 0, 146), (310, 600, 7, 0, 145), (400, 600, 0, 45, 145), (490, 600, 0, 135, 141), (580, 600, 2, 142, 76), (670, 600, 0, 144, 2), (760, 600, 4, 141, 5), (850, 600, 135, 141, 0), (940, 600, 151, 65, 0),
        (40, 670, 93, 0, 6), (130, 670, 92, 0, 76), (220, 670, 61, 0, 88), (310, 670, 2, 0, 88), (400, 670, 0, 25, 87), (490, 670, 0, 83, 84), (580, 670, 0, 86, 44), (670, 670, 0, 87, 0), (760, 670, 0, 86, 0), (850, 670, 79, 86, 0), (940, 670, 91, 36, 0),
        (40, 740, 35, 0, 1), (130, 740, 36, 0, 29), (220, 740, 21, 0, 35), (310, 740, 0, 0, 34), (400, 740, 0, 5, 32), (490, 740, 0, 29, 31), (580, 740, 0, 32, 14), (670, 740, 0, 34, 0), (760, 740, 0, 32, 0), (850, 740, 31, 31, 0), (940, 740, 35, 9, 0),
        (40, 810, 0, 0, 0), (130, 810, 0, 0, 0), (220, 810, 0, 0, 0), (310, 810, 0, 0, 0), (400, 810, 0, 0, 0), (490, 810, 0, 0, 0), (580, 810, 0, 0, 0), (670, 810, 0, 0, 0), (760, 810, 0, 0, 0), (850, 810, 0, 0, 0), (940, 810, 0, 0, 0),
    ]
}

/// Deterministic pseudo-random bytes (xorshift).
struct TestNoise {
    var state: UInt64
    init(seed: UInt64) { state = seed | 1 }
    mutating func next() -> UInt64 { state ^= state << 13; state ^= state >> 7; state ^= state << 17; return state }
    mutating func bytes(_ n: Int) -> [UInt8] { (0..<n).map { _ in UInt8(truncatingIfNeeded: next()) } }
}
