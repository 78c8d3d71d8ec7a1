import ImageCodecs
import ImageCore
import Testing

/// `JPEGRowEncoder`: fed in bands of any height, its file is `JPEGEncoder.encode`'s byte for byte; misuse is an
/// `EncodeError`, never a crash.
@Suite struct JPEGRowEncoderTests {
    typealias Support = JPEGTestSupport

    /// A minimal EXIF block (TIFF header onwards, orientation 1).
    static let exif: [UInt8] = [0x4D, 0x4D, 0, 42, 0, 0, 0, 8, 0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, 1, 0, 0, 0, 0, 0, 0]

    /// Writes `image` in bands of 1, 7, 16 and then 5 rows at a time (repeating), and finishes.
    static func encodeInBands(_ image: Image, options: JPEGEncodeOptions, metadata: EncodeMetadata) throws -> [UInt8] {
        let encoder = try JPEGRowEncoder(width: image.width, height: image.height, layout: image.layout, options: options, metadata: metadata)
        let bands = [1, 7, 16, 5]
        try image.pixels.withUnsafeBufferPointer { pixels in
            var y = 0, i = 0
            while y < image.height {
                let count = min(bands[i % bands.count], image.height - y)
                try encoder.write(pixels.baseAddress! + y * image.rowStride, stride: image.rowStride, count: count)
                y += count
                i += 1
            }
        }
        #expect(encoder.rowsWritten == image.height)
        return try encoder.finish()
    }

    @Test(arguments: [
        JPEGEncodeOptions(quality: 85), JPEGEncodeOptions(quality: 95, subsampling: .s444),
        JPEGEncodeOptions(quality: 70, progressive: true), JPEGEncodeOptions(quality: 90, optimizeHuffman: false),
    ])
    func bandsGiveTheWholeImageFile(_ options: JPEGEncodeOptions) throws {
        let photo = try ImageDecoder.decode(try Support.bytes("sharp-fixtures", "flowers.jpeg")).image
        let icc = [UInt8](repeating: 7, count: 3000)  // any bytes: written as APP2 segments, not parsed
        let metadata = EncodeMetadata(iccProfile: icc, exif: Self.exif, srgb: false)
        for image in [photo, photo.converted(to: .gray), Support.syntheticRGB()] {
            for meta in [EncodeMetadata.none, metadata] {
                let whole = try JPEGEncoder.encode(image, options: options, metadata: meta)
                #expect(try Self.encodeInBands(image, options: options, metadata: meta) == whole, "\(image.layout) \(image.size)")
            }
        }
    }

    @Test func misuseIsAnEncodeError() throws {
        let image = Support.syntheticRGB()
        let options = JPEGEncodeOptions(quality: 80)
        #expect(throws: EncodeError.self) {
            try JPEGRowEncoder(width: 10, height: 10, layout: .rgba, options: options, metadata: .none)
        }
        #expect(throws: EncodeError.self) {
            try JPEGRowEncoder(width: 0, height: 10, layout: .rgb, options: options, metadata: .none)
        }
        #expect(throws: EncodeError.self) {
            try JPEGRowEncoder(width: 70_000, height: 10, layout: .gray, options: options, metadata: .none)
        }
        try image.pixels.withUnsafeBufferPointer { pixels in
            let base = pixels.baseAddress!
            // Finishing before the last row, then writing more rows than the image has.
            let short = try JPEGRowEncoder(width: image.width, height: image.height, layout: .rgb, options: options, metadata: .none)
            try short.write(base, stride: image.rowStride, count: image.height - 1)
            let missing = #expect(throws: EncodeError.self) { try short.finish() }
            #expect(missing?.details?.contains("rows are missing") == true)
            let tooMany = #expect(throws: EncodeError.self) { try short.write(base, stride: image.rowStride, count: 2) }
            #expect(tooMany?.details?.contains("more rows than the image has left") == true)
            // A stride shorter than a row.
            #expect(throws: EncodeError.self) { try short.write(base, stride: image.width, count: 1) }
            // After the last row it finishes once; then it takes nothing more.
            try short.write(base, stride: image.rowStride, count: 1)
            let bytes = try short.finish()
            #expect(try ImageDecoder.decode(bytes).image.size == image.size)
            #expect(throws: EncodeError.self) { try short.finish() }
            #expect(throws: EncodeError.self) { try short.write(base, stride: image.rowStride, count: 1) }
        }
        // An encoder dropped unfinished frees what it holds (valgrind-codecs.sh drives the C side).
        _ = try JPEGRowEncoder(width: 64, height: 64, layout: .gray, options: options, metadata: .none)
    }
}
