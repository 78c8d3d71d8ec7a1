import Foundation
import ImageCodecs
import ImageCore
import ImagePrepTestSupport
import SystemIO
import Testing

/// PNG encoding: exact round trips in every layout and depth, colour-type reduction, filters, metadata.
@Suite struct PNGRoundTripTests {
    static let layouts: [PixelLayout] = [.gray, .grayAlpha, .rgb, .rgba]

    @Test(arguments: layouts, [SampleDepth.eight, .sixteen])
    func roundTripIsExact(_ layout: PixelLayout, _ depth: SampleDepth) throws {
        let image = CodecTestSupport.pattern(width: 37, height: 23, layout: layout, depth: depth)
        for reduce in [false, true] {
            let bytes = try ImageEncoder.encode(image, as: .png(PNGEncodeOptions(reduceColorType: reduce)))
            let decoded = try ImageDecoder.decode(bytes)
            // The pattern uses alpha, colour and 16-bit low bytes, so reduction must not change anything.
            #expect(decoded.image == image, "layout \(layout), depth \(depth), reduce \(reduce)")
            #expect(decoded.info.bitDepth == depth.rawValue)
            #expect(decoded.warnings.isEmpty)
        }
    }

    /// Every filter in every layout and depth, at widths where the Sub/Average/Paeth left neighbour is
    /// missing for the whole row (1 pixel) or for part of it, on a pattern with edges and noise.
    @Test(arguments: PNGFilter.allCases)
    func everyFilterRoundTrips(_ filter: PNGFilter) throws {
        for layout in Self.layouts {
            for depth in [SampleDepth.eight, .sixteen] {
                for width in [1, 2, 64] {
                    let image = CodecTestSupport.pattern(width: width, height: 9, layout: layout, depth: depth)
                    let bytes = try ImageEncoder.encode(
                        image, as: .png(PNGEncodeOptions(filter: filter, reduceColorType: false)))
                    #expect(try ImageDecoder.decode(bytes).image == image, "\(filter) \(layout) \(depth) \(width)")
                }
            }
        }
    }

    /// The IDAT stream is ours (filters + libdeflate), so an independent reader checks it: Pillow decodes the
    /// same samples, for every filter, in 8-bit RGBA.
    @Test func pillowReadsWhatWeWrite() throws {
        let image = CodecTestSupport.pattern(width: 61, height: 17, layout: .rgba)
        for filter in PNGFilter.allCases {
            let path = JPEGTestSupport.temporaryPath("-\(filter).png")
            defer { try? FileManager.default.removeItem(atPath: path) }
            let bytes = try ImageEncoder.encode(image, as: .png(PNGEncodeOptions(filter: filter, reduceColorType: false)))
            #expect(FileManager.default.createFile(atPath: path, contents: Data(bytes)))
            #expect(try JPEGTestSupport.pillowRaw(path, mode: "RGBA") == image.pixels, "\(filter)")
        }
    }

    /// Adaptive row filters are what shrink photos: on the sample photo (decoded at 1/2 scale) the default
    /// encoding is at least a fifth smaller than the unfiltered one at the same level, and lossless.
    @Test func adaptiveFiltersShrinkAPhoto() throws {
        let photo = try ImageDecoder.decode(ImageFile.read(Corpus.samplesDirectory + "/photo-rotated.jpg"),
                                            options: DecodeOptions(shrink: 2)).image
        let unfiltered = try ImageEncoder.encode(photo, as: .png(PNGEncodeOptions(filter: .none)))
        let adaptive = try ImageEncoder.encode(photo, as: .png(PNGEncodeOptions()))
        #expect(adaptive.count * 5 < unfiltered.count * 4, "adaptive \(adaptive.count) B, unfiltered \(unfiltered.count) B")
        #expect(try ImageDecoder.decode(adaptive).image == photo)
    }

    @Test func compressionLevelChangesSize() throws {
        let image = CodecTestSupport.pattern(width: 128, height: 128, layout: .rgb)
        let stored = try ImageEncoder.encode(image, as: .png(PNGEncodeOptions(compressionLevel: 0)))
        let best = try ImageEncoder.encode(image, as: .png(PNGEncodeOptions(compressionLevel: 9)))
        #expect(stored.count > 128 * 128 * 3)  // level 0 stores the filtered rows uncompressed
        #expect(best.count * 10 < stored.count * 7)
        #expect(try ImageDecoder.decode(stored).image == image)
        #expect(try ImageDecoder.decode(best).image == image)
    }

    /// Reduction, observed by reading the written header back.
    @Test func reducesToTheSmallestColourType() throws {
        // Opaque gray pixels in RGBA → gray.
        let grayValues = (0..<64).map { $0 * 4 }
        let rgbaGray = CodecTestSupport.image(width: 8, height: 8, layout: .rgba, depth: .eight,
                                              samples: grayValues.flatMap { [$0, $0, $0, 255] })
        var info = try ImageDecoder.info(try ImageEncoder.encode(rgbaGray, as: .png()))
        #expect(info.colorModel == "gray" && info.layout == .gray && info.bitDepth == 8)
        let decodedGray = try ImageDecoder.decode(try ImageEncoder.encode(rgbaGray, as: .png())).image
        #expect(decodedGray.pixels == grayValues.map { UInt8($0) })

        // Gray with varying alpha in RGBA → gray+alpha.
        let rgbaGrayAlpha = CodecTestSupport.image(width: 8, height: 8, layout: .rgba, depth: .eight,
                                                   samples: grayValues.flatMap { [$0, $0, $0, 255 - $0] })
        info = try ImageDecoder.info(try ImageEncoder.encode(rgbaGrayAlpha, as: .png()))
        #expect(info.layout == .grayAlpha)

        // Opaque colour in RGBA → RGB.
        let opaque = CodecTestSupport.pattern(width: 9, height: 7, layout: .rgba, opaque: true)
        info = try ImageDecoder.info(try ImageEncoder.encode(opaque, as: .png()))
        #expect(info.colorModel == "rgb" && info.layout == .rgb && !info.hasAlpha)
        #expect(try ImageDecoder.decode(try ImageEncoder.encode(opaque, as: .png())).image == opaque.converted(to: .rgb))

        // 16-bit samples that are all exact 8-bit values (v * 257) → 8 bits.
        let widened = CodecTestSupport.image(width: 4, height: 4, layout: .rgb, depth: .sixteen,
                                             samples: (0..<48).map { ($0 * 5) * 257 })
        info = try ImageDecoder.info(try ImageEncoder.encode(widened, as: .png()))
        #expect(info.bitDepth == 8)
        #expect(try ImageDecoder.decode(try ImageEncoder.encode(widened, as: .png())).image == widened.to8Bit())

        // …and one sample off by one keeps 16 bits.
        var almost = (0..<48).map { ($0 * 5) * 257 }
        almost[17] += 1
        let notWidened = CodecTestSupport.image(width: 4, height: 4, layout: .rgb, depth: .sixteen, samples: almost)
        info = try ImageDecoder.info(try ImageEncoder.encode(notWidened, as: .png()))
        #expect(info.bitDepth == 16)

        // Without reduction the layout is kept.
        info = try ImageDecoder.info(try ImageEncoder.encode(rgbaGray, as: .png(PNGEncodeOptions(reduceColorType: false))))
        #expect(info.layout == .rgba && info.colorModel == "rgb")
    }

    @Test func cmykIsWrittenAsRGB() throws {
        let cmyk = CodecTestSupport.pattern(width: 5, height: 5, layout: .cmyk)
        let decoded = try ImageDecoder.decode(try ImageEncoder.encode(cmyk, as: .png()))
        #expect(decoded.image == cmyk.converted(to: .rgb))
    }

    @Test func metadataIsWrittenOnlyWhenAsked() throws {
        let image = CodecTestSupport.pattern(width: 6, height: 6, layout: .rgb)
        let plain = try ImageDecoder.decode(try ImageEncoder.encode(image, as: .png())).info
        #expect(plain.iccProfile == nil && plain.exif == nil && plain.srgbIntent == nil && plain.gamma == nil)

        let srgb = try ImageDecoder.info(try ImageEncoder.encode(image, as: .png(), metadata: EncodeMetadata(srgb: true)))
        #expect(srgb.srgbIntent == 0)
        #expect(srgb.iccProfile == nil)
    }

    @Test
    func iccAndExifRoundTrip() throws {
        let source = try ImageDecoder.decode(try ImageFile.read(try #require(Corpus.path("image-rs-png", "bugfixes/F-exif-chunk-early.png"))))
        let icc = try #require(source.info.iccProfile)
        let exif = try #require(source.info.exif)
        // A gray image with an RGB profile must stay RGB (libpng refuses an RGB profile on a gray PNG).
        let gray = CodecTestSupport.image(width: 4, height: 4, layout: .rgb, depth: .eight, samples: (0..<48).map { _ in 77 })
        let bytes = try ImageEncoder.encode(gray, as: .png(), metadata: EncodeMetadata(iccProfile: icc, exif: exif, srgb: true))
        let decoded = try ImageDecoder.decode(bytes)
        #expect(decoded.info.iccProfile == icc)
        #expect(decoded.info.exif == exif)
        #expect(decoded.info.orientation == .right)
        #expect(decoded.info.srgbIntent == nil)  // the profile wins over `srgb`
        #expect(decoded.info.layout == .rgb)
        #expect(decoded.image == gray)
    }

    /// Profiles libpng warns about on reading (PCS illuminant not D50, a known-incorrect sRGB profile) are
    /// written back as they were read.
    @Test(arguments: [("wide-gamut-tests", "P3-sRGB-color-ring.png"), ("wide-gamut-tests", "rgb-to-gbr-test.png"),
                      ("pillow-tests", "icc_profile.png")])
    func dubiousProfilesSurviveARoundTrip(_ set: String, _ file: String) throws {
        let path = try #require(Corpus.path(set, file))
        let icc = try #require(try ImageDecoder.info(try ImageFile.read(path)).iccProfile)
        let image = CodecTestSupport.pattern(width: 8, height: 8, layout: .rgb)
        let bytes = try ImageEncoder.encode(image, as: .png(), metadata: EncodeMetadata(iccProfile: icc))
        let decoded = try ImageDecoder.decode(bytes, options: DecodeOptions(strictness: .lenient))
        #expect(decoded.info.iccProfile == icc)
        #expect(decoded.image.pixels == image.pixels)
    }

    @Test func rejectedProfileIsAnEncodeError() throws {
        let image = CodecTestSupport.pattern(width: 4, height: 4, layout: .rgb)
        let garbage = [UInt8](repeating: 7, count: 200)
        #expect(throws: EncodeError.self) {
            try ImageEncoder.encode(image, as: .png(), metadata: EncodeMetadata(iccProfile: garbage))
        }
        do {
            _ = try ImageEncoder.encode(image, as: .png(), metadata: EncodeMetadata(iccProfile: garbage))
        } catch {  // typed: an EncodeError
            #expect(error.details?.contains("profile") == true, "\(error)")
        }
    }
}
