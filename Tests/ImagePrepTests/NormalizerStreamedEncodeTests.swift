import ImageCodecs
import ImageCore
@testable import ImagePrep
import ImagePrepTestSupport
import Testing

/// The first JPEG encode run on the resampler's rows while libjpeg decodes (`decodeResamplingRows(…encoding:)`):
/// its file is the whole-image encode's, byte for byte; it stands in only when the colour stage keeps the pixels;
/// over the byte cap the search goes on from the image.
@Suite struct NormalizerStreamedEncodeTests {
    typealias Streaming = NormalizerStreamingTests

    @Test(arguments: [1, 2])
    func streamedFileIsTheWholeImageFile(threads: Int) throws {
        let inputs: [(String, [UInt8])] = [
            ("rgb", try Streaming.jpeg(900, 640, .rgb)),
            ("gray", try Streaming.jpeg(700, 500, .gray)),
            ("rgb at 1/2 (shrink-on-load)", try Streaming.jpeg(1300, 900, .rgb)),
            ("mirrored (orientation 2)", try Streaming.jpeg(640, 400, .rgb, exif: NormalizerTests.exifBlock(orientation: 2))),
            ("turned (orientation 6)", try Streaming.jpeg(640, 400, .rgb, exif: NormalizerTests.exifBlock(orientation: 6))),
        ]
        for (label, bytes) in inputs {
            for quality in [85, nil] as [Int?] {
                let normalizer = Normalizer(NormalizeOptions(size: .exact(Size(width: 240, height: 160)), quality: quality,
                                                             threadsPerImage: threads))
                let plan = normalizer.plan(for: try ImageDecoder.info(bytes))
                let options = try #require(normalizer.streamedEncodeOptions(for: plan), "\(label)")
                #expect(options.quality == quality ?? 95)
                var input = bytes
                let streamed = try #require(try normalizer.decodeResamplingRows(&input, discardingRead: false, plan: plan, name: nil,
                                                                                encoding: options))
                let encoded = try #require(streamed.encoded, "\(label)")
                let whole = try JPEGEncoder.encode(streamed.decoded.image, options: options, metadata: EncodeMetadata(srgb: true))
                #expect(encoded.bytes == whole, "\(label), quality \(quality.map(String.init) ?? "auto")")
                // normalizeNow returns that file and its pixels, after one encode.
                let result = try normalizer.normalizeNow(bytes)
                #expect(result.bytes == whole && result.image == streamed.decoded.image && result.report.encodes == 1, "\(label)")
            }
        }
    }

    @Test func notStreamedWhenTheColourStageChangesThePixels() throws {
        let p3 = try ImageFile.read(Corpus.repositoryDirectory + "/wide-gamut-tests/P3-sRGB-color-bars.jpg")
        let rgb = try Streaming.jpeg(900, 640, .rgb)
        let cases: [(String, [UInt8], NormalizeOptions)] = [
            ("Display P3 profile", p3, NormalizeOptions(size: .exact(Size(width: 240, height: 160)))),
            ("padded (contain)", rgb, NormalizeOptions(size: .exact(Size(width: 240, height: 240)), fit: .contain)),
            ("PNG output", rgb, NormalizeOptions(size: .exact(Size(width: 240, height: 160)), format: .png)),
            ("WebP output", rgb, NormalizeOptions(size: .exact(Size(width: 240, height: 160)), format: .webp)),
        ]
        for (label, bytes, options) in cases {
            let normalizer = Normalizer(options)
            #expect(normalizer.streamedEncodeOptions(for: normalizer.plan(for: try ImageDecoder.info(bytes))) == nil, "\(label)")
            // The file is still the encode of the pixels returned.
            let result = try normalizer.normalizeNow(bytes)
            if result.format == .jpeg {
                let again = try JPEGEncoder.encode(result.image, options: JPEGEncodeOptions(quality: result.report.quality!),
                                                   metadata: EncodeMetadata(srgb: true))
                #expect(result.bytes == again, "\(label)")
            }
        }
    }

    @Test func overTheCapTheSearchGoesOnFromTheImage() throws {
        let bytes = try Streaming.jpeg(900, 640, .rgb)
        let roomy = try Normalizer(NormalizeOptions(size: .exact(Size(width: 300, height: 200)))).normalizeNow(bytes)
        #expect(roomy.report.quality == 95 && roomy.report.encodes == 1)
        let cap = roomy.bytes.count * 2 / 3
        let tight = try Normalizer(NormalizeOptions(size: .exact(Size(width: 300, height: 200)), maxBytes: cap)).normalizeNow(bytes)
        let quality = try #require(tight.report.quality)
        #expect(tight.bytes.count <= cap && quality < 95 && tight.report.encodes > 1)
        #expect(tight.image == roomy.image)
        #expect(tight.bytes == (try JPEGEncoder.encode(tight.image, options: JPEGEncodeOptions(quality: quality),
                                                       metadata: EncodeMetadata(srgb: true))))
    }
}
