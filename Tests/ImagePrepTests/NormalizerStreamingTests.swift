import Foundation
import ImageCodecs
import ImageCore
import ImagePrep
import ImagePrepTestSupport
import SystemIO
import Testing

/// The row-streaming paths (`decodeResamplingRows`: libjpeg scanlines straight into the resampler's window,
/// libheif's planes read by the resampler) against the whole-image path (`decode` then `resample`): same pixels, warnings, errors; with one thread per
/// image and with two (libjpeg on a thread of its own ahead of the resampler, `RowPipeline`; at full size its
/// YCbCr planes, made into rows on the resampler's thread).
@Suite struct NormalizerStreamingTests {
    /// A JPEG of a smooth pattern with detail (so resampling errors would show), gray or RGB.
    static func jpeg(_ w: Int, _ h: Int, _ layout: PixelLayout, exif: [UInt8]? = nil) throws -> [UInt8] {
        let image = Image(width: w, height: h, layout: layout) { d in
            let c = layout.channels
            for y in 0..<h { for x in 0..<w { for k in 0..<c {
                d[(y * w + x) * c + k] = UInt8(truncatingIfNeeded: (x * (k + 1) + y * 3 + (x * y) % 17) % 256)
            } } }
        }
        return try ImageEncoder.encode(image, as: .jpeg(JPEGEncodeOptions(quality: 90)), metadata: EncodeMetadata(exif: exif))
    }

    static func wholeImagePath(_ normalizer: Normalizer, _ bytes: [UInt8]) throws -> DecodedImage {
        let plan = normalizer.plan(for: try ImageDecoder.info(bytes))
        var decoded = try normalizer.decode(bytes, plan: plan, name: "x.jpg")
        decoded.image = normalizer.resample(decoded, plan: plan)
        return decoded
    }

    static func streamedPath(_ normalizer: Normalizer, _ bytes: [UInt8]) throws -> DecodedImage? {
        let plan = normalizer.plan(for: try ImageDecoder.info(bytes))
        return try normalizer.decodeResamplingRows(bytes, plan: plan, name: "x.jpg")
    }

    @Test(arguments: [1, 2])
    func streamingEqualsTheWholeImagePathPixelForPixel(threads: Int) throws {
        let sizes = [Size(width: 300, height: 200), Size(width: 120, height: 160), Size(width: 97, height: 97)]
        var inputs: [(String, [UInt8])] = [
            ("rgb 900x640", try Self.jpeg(900, 640, .rgb)), ("gray 700x500", try Self.jpeg(700, 500, .gray)),
            ("rgb 1300x410 (shrink-on-load)", try Self.jpeg(1300, 410, .rgb)),
        ]
        inputs.append(("photo-rotated.jpg", try ImageFile.read(Corpus.samplesDirectory + "/photo-rotated.jpg")))
        var streamedCount = 0
        for (label, bytes) in inputs {
            for size in sizes {
                let normalizer = Normalizer(NormalizeOptions(size: .exact(size), fit: .cover, threadsPerImage: threads))
                let whole = try Self.wholeImagePath(normalizer, bytes)
                let streamed = try #require(try Self.streamedPath(normalizer, bytes), "\(label) → \(size) should stream")
                #expect(streamed.image == whole.image, "\(label) → \(size)")
                #expect(streamed.shrink == whole.shrink && streamed.warnings == whole.warnings && streamed.info == whole.info)
                streamedCount += 1
            }
        }
        #expect(streamedCount == inputs.count * sizes.count)
        // normalizeNow takes the streaming path and gives what the stages by hand give.
        let normalizer = Normalizer(NormalizeOptions(size: .exact(Size(width: 300, height: 200)), quality: 85, threadsPerImage: threads))
        let bytes = inputs[0].1
        let byHand = try normalizer.encodeStage(normalizer.colorStage(Self.wholeImagePath(normalizer, bytes).image,
                                                                      plan: normalizer.plan(for: ImageDecoder.info(bytes))).image, name: nil)
        #expect(try normalizer.normalizeNow(bytes).bytes == byHand.bytes)
    }

    /// A JPEG of noise at quality 100, a few megabytes: enough input for libjpeg to pass several `discardStep`s.
    static func bigJPEG() throws -> [UInt8] {
        let (w, h) = (2000, 1500)
        let image = Image(width: w, height: h, layout: .rgb) { d in
            var state: UInt32 = 2_463_534_242
            for i in 0..<(w * h * 3) {
                state ^= state << 13; state ^= state >> 17; state ^= state << 5
                d[i] = UInt8(truncatingIfNeeded: state)
            }
        }
        return try ImageEncoder.encode(image, as: .jpeg(JPEGEncodeOptions(quality: 100)))
    }

    /// The discarding decode gives the pages of the file libjpeg has read back as it goes: same rows as the plain
    /// decode, the input's pages read as zeros afterwards (Linux), and `normalizeNow(file:)`, which uses it, gives
    /// the bytes `normalizeNow(bytes)` gives.
    @Test(arguments: [1, 2])
    func readPagesAreGivenBackWithoutChangingTheOutput(threads: Int) throws {
        let bytes = try Self.bigJPEG()
        #expect(bytes.count > 3 << 20)
        func decode(_ run: (_ consume: (Size, PixelLayout, (UnsafeMutablePointer<UInt8>) throws -> Void) throws -> Image) throws -> DecodedImage) throws -> Image {
            try run { size, layout, nextRow in
                try Image(width: size.width, height: size.height, layout: layout) { d in
                    let stride = size.width * layout.channels
                    for y in 0..<size.height { try nextRow(d.baseAddress! + y * stride) }
                }
            }.image
        }
        let plain = try decode { try JPEGDecoder.decodeRows(bytes, options: DecodeOptions(), consume: $0) }
        var handedOver = bytes
        let discarding = try decode { try JPEGDecoder.decodeRows(discarding: &handedOver, options: DecodeOptions(), consume: $0) }
        #expect(discarding == plain)
        #expect(handedOver.count == bytes.count)
        #if os(Linux)
        let page = MemoryPages.size
        let early = handedOver.count / 4 / page * page  // read before the first 1 MiB step was passed
        #expect(handedOver[early..<(early + page)].allSatisfy { $0 == 0 }, "a page libjpeg had read is given back")
        #endif
        #expect(bytes[(bytes.count / 2)...].contains { $0 != 0 }, "the caller's copy is untouched")

        let path = FileManager.default.temporaryDirectory.appendingPathComponent("discard-\(threads)-\(getpid()).jpg").path
        try ImageFile.writeAtomically(bytes, to: path)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let normalizer = Normalizer(NormalizeOptions(size: .exact(Size(width: 300, height: 200)), quality: 85, threadsPerImage: threads))
        let fromFile = try normalizer.normalizeNow(file: path)
        #expect(fromFile.bytes == (try normalizer.normalizeNow(bytes)).bytes)
        #expect(fromFile.report.input == path)
    }

    @Test func rotatedPhotoStreamsUpright() throws {
        let bytes = try Self.jpeg(640, 400, .rgb, exif: NormalizerTests.exifBlock(orientation: 6))
        let normalizer = Normalizer(NormalizeOptions(size: .exact(Size(width: 200, height: 300))))
        let streamed = try #require(try Self.streamedPath(normalizer, bytes))
        #expect(streamed.image.size == Size(width: 200, height: 300))
        #expect(streamed.image == (try Self.wholeImagePath(normalizer, bytes)).image)
    }

    /// 200x150 decodes at half size (rows), 300x225 at full size (with two threads, YCbCr planes).
    @Test(arguments: [1, 2], [Size(width: 200, height: 150), Size(width: 300, height: 225)])
    func damagedFilesFailAndWarnAsTheWholeImagePathDoes(threads: Int, size: Size) throws {
        let bytes = try Self.jpeg(800, 600, .rgb)
        let truncated = Array(bytes.prefix(bytes.count * 2 / 3))
        let standard = Normalizer(NormalizeOptions(size: .exact(size), threadsPerImage: threads))
        let wholeError = #expect(throws: DecodeError.self) { try Self.wholeImagePath(standard, truncated) }
        let streamError = #expect(throws: DecodeError.self) { try Self.streamedPath(standard, truncated) }
        #expect(wholeError?.message == streamError?.message && streamError?.file == "x.jpg")
        let lenient = Normalizer(NormalizeOptions(size: .exact(size), strictness: .lenient, threadsPerImage: threads))
        let whole = try Self.wholeImagePath(lenient, truncated)
        let streamed = try #require(try Self.streamedPath(lenient, truncated))
        #expect(streamed.warnings.map(\.code).contains("truncated") && streamed.warnings == whole.warnings)
        #expect(streamed.image == whole.image)
    }

    /// 8-bit HEIF/AVIF without alpha: the resampler reads libheif's planes (`HEIFDecoder.decodeRows`); same
    /// pixels, warnings and info as decode + resample, including a grid whose decoded size is not its header's
    /// and gray (luma-only) files. Alpha and more than 8 bits take the whole-image path.
    @Test(arguments: [1, 2])
    func heifPlanesEqualTheWholeImagePath(threads: Int) throws {
        let files = ["RGB_8__128x128.avif", "RGB_8__29x100.heif", "fox.profile0.8bpc.yuv420.avif", "zPug_3.heic",
                     "L_8__128x128.avif", "L_8__29x100.heif", "L_8__29x100(100x29).heif"]
        var refused = 0, streamedCount = 0
        for file in files {
            let bytes = try ImageFile.read(Corpus.repositoryDirectory + "/heif-tests/" + file)
            for (size, strictness) in [(Size(width: 24, height: 20), DecodeStrictness.lenient), (Size(width: 17, height: 23), .standard), (Size(width: 17, height: 23), .strict)] {
                let normalizer = Normalizer(NormalizeOptions(size: .exact(size), strictness: strictness, threadsPerImage: threads))
                let plan = normalizer.plan(for: try ImageDecoder.info(bytes))
                var whole: DecodedImage
                do {
                    whole = try normalizer.decode(bytes, plan: plan, name: file)
                } catch let error as DecodeError {
                    // Refused in strict or standard mode: the planes path refuses it the same way.
                    let streamError = #expect(throws: DecodeError.self) { try normalizer.decodeResamplingRows(bytes, plan: plan, name: file) }
                    #expect(streamError?.message == error.message, "\(file)")
                    refused += 1
                    continue
                }
                whole.image = normalizer.resample(whole, plan: plan)
                let streamed = try #require(try normalizer.decodeResamplingRows(bytes, plan: plan, name: file), "\(file) should stream")
                #expect(streamed.image == whole.image, "\(file) → \(size)")
                #expect(streamed.warnings == whole.warnings && streamed.info == whole.info, "\(file)")
                streamedCount += 1
            }
        }
        #expect(refused == 1 && streamedCount == files.count * 3 - 1)  // strict refuses the grid that decodes to another size
        let normalizer = Normalizer(NormalizeOptions(size: .exact(Size(width: 20, height: 20))))
        for file in ["RGBA_8__128x128.heif", "RGB_10__128x128.heif", "RGB_12__128x128.avif"] {
            let bytes = try ImageFile.read(Corpus.repositoryDirectory + "/heif-tests/" + file)
            #expect(try normalizer.decodeResamplingRows(bytes, plan: normalizer.plan(for: ImageDecoder.info(bytes)), name: file) == nil, "\(file)")
        }
    }

    @Test func wholeImageInputsDoNotStream() throws {
        let png = try ImageEncoder.encode(Image(width: 400, height: 300, layout: .rgb, filledWith: 90), as: .png())
        let normalizer = Normalizer(NormalizeOptions(size: .exact(Size(width: 200, height: 150))))
        #expect(try Self.streamedPath(normalizer, png) == nil)                      // PNG: no row API
        let cmyk = try ImageFile.read(Corpus.samplesDirectory + "/cmyk.jpg")
        #expect(try Self.streamedPath(normalizer, cmyk) == nil)                     // CMYK: whole-image path
        let small = try Self.jpeg(100, 80, .rgb)
        #expect(try Self.streamedPath(Normalizer(NormalizeOptions(size: .exact(Size(width: 300, height: 240)))), small) == nil)  // enlarging: columns first
    }
}
