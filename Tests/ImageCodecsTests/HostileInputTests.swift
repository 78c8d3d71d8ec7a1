import ImageCodecs
import ImageCore
import ImagePrepTestSupport
import Testing

/// The hand-made decompression bombs in `Tests/FuzzRegressions/` (written by `scripts/make-bombs.py`): each is
/// refused with its exact typed error, or decodes to exactly what it declares without inflating the rest.
/// Peak memory for the same files is measured by `scripts/bomb-rss.sh` (never in a test: no timing or RSS asserts).
@Suite struct HostileInputTests {
    static func bomb(_ target: String, _ name: String) throws -> [UInt8] {
        try Corpus.readBytes(Corpus.packageRoot + "/Tests/FuzzRegressions/\(target)/\(name)")
    }

    /// Each bomb whose header alone must be refused by the default limits, with the stage and format.
    static let overLimit: [(String, String, ImageFormat)] = [
        ("png", "bomb-ihdr-100000x100000.png", .png),
        ("jpeg", "bomb-sof-65500x65500.jpg", .jpeg),
        ("webp", "bomb-vp8l-16384x16384.webp", .webp),
    ]

    @Test(arguments: overLimit)
    func hugeHeaderIsALimitError(_ target: String, _ name: String, _ format: ImageFormat) throws {
        let bytes = try Self.bomb(target, name)
        let infoError = #expect(throws: LimitError.self) { try ImageDecoder.info(bytes, name: name) }
        #expect(infoError?.format == format)
        for lenient in [false, true] {
            #expect(throws: LimitError.self) {
                try ImageDecoder.decode(bytes, name: name, options: DecodeOptions(strictness: lenient ? .lenient : .standard))
            }
        }
    }

    @Test func webpCanvasOf16777216IsRefusedAtTheHeader() throws {
        // libwebp itself refuses a VP8X canvas larger than its 2^32 pixel product before we see dimensions.
        let bytes = try Self.bomb("webp", "bomb-vp8x-canvas-16777216.webp")
        #expect(throws: HeaderError.self) { try ImageDecoder.info(bytes, name: "canvas.webp") }
        #expect(throws: HeaderError.self) { try ImageDecoder.decode(bytes, name: "canvas.webp") }
    }

    @Test func truncatedMaximalWebPIsADecodeErrorEvenWhenLenient() throws {
        // 16383x16383 is exactly the default pixel limit, so the header passes; 68 bytes cannot hold the frame.
        let bytes = try Self.bomb("webp", "bomb-vp8-16383x16383.webp")
        let info = try ImageDecoder.info(bytes, name: "max.webp")
        #expect(info.width == 16383 && info.height == 16383)
        for lenient in [false, true] {
            #expect(throws: DecodeError.self) {
                try ImageDecoder.decode(bytes, name: "max.webp", options: DecodeOptions(strictness: lenient ? .lenient : .standard))
            }
        }
    }

    @Test func idatInflatingFarBeyondTheImageDecodesOnlyTheDeclaredRows() throws {
        // 1000x1000 gray declared, 64 MiB of zeros in the zlib stream: the declared rows are decoded; libpng inflates
        // the excess in 1 KiB pieces and discards it (a "too much image data" warning at most), never buffering it.
        let bytes = try Self.bomb("png", "bomb-idat-64MiB.png")
        let decoded = try ImageDecoder.decode(bytes, name: "idat.png", options: DecodeOptions(strictness: .lenient))
        #expect(decoded.image.width == 1000 && decoded.image.height == 1000)
        #expect(decoded.image.pixels.allSatisfy { $0 == 0 })
    }

    @Test(arguments: ["oom-huge-sCAL-chunk.png", "oom-huge-pCAL-chunk.png"])
    func ancillaryChunkDeclaring1GiBIsAHeaderErrorWithoutAllocating(_ name: String) throws {
        // Found by the png/normalize fuzz targets: libpng 1.6 mallocs sCAL/pCAL at their declared length (1 GiB
        // here, in a 57-byte file). The shim's capped allocator refuses it; the chunk then runs past the end.
        let bytes = try Self.bomb("png", name)
        #expect(throws: HeaderError.self) { try ImageDecoder.info(bytes, name: name) }
        #expect(throws: HeaderError.self) { try ImageDecoder.decode(bytes, name: name, options: DecodeOptions(strictness: .lenient)) }
    }

    @Test(arguments: ["oom-grid-canvas-73c819302a42.heic", "oom-grid-canvas-bd8d914b31a5.heic", "oom-grid-canvas-87a9342168c9.avif"])
    func heifGridWhoseCanvasOutgrowsItsHeaderIsALimitError(_ name: String) throws {
        // Found by `scripts/fuzz-shims.sh heif`: 1,572-byte files whose grid items say 64x64 in `ispe` but ask for
        // a 26992x29795 (20020x26725) canvas in the grid descriptor; libheif allocated it (1.6 GB) inside
        // heif_decode_image. Its side limit (√maxPixels + 1) now refuses the canvas before allocating. The AVIF
        // (a 26161x28009 canvas, 733 MB) came from a later run whose harness had not yet set that limit.
        let bytes = try Self.bomb("heif", name)
        let info = try ImageDecoder.info(bytes, name: name)
        #expect(info.width * info.height <= 64 * 64)
        let error = #expect(throws: LimitError.self) { try ImageDecoder.decode(bytes, name: name) }
        #expect(error?.format == (name.hasSuffix(".avif") ? .avif : .heif))
        #expect(error?.details?.contains("exceeds the maximum image size") == true, "\(String(describing: error))")
    }

    @Test func compressedTextChunksAreNotInflated() throws {
        // zTXt + iTXt that each inflate to 128 MiB; text is skipped unread, so both calls see a plain 8x8 gray.
        let bytes = try Self.bomb("png", "bomb-ztxt-itxt-128MiB.png")
        let info = try ImageDecoder.info(bytes, name: "text.png")
        #expect(info.width == 8 && info.height == 8 && info.layout == .gray)
        let decoded = try ImageDecoder.decode(bytes, name: "text.png")
        #expect(decoded.image.pixels == [UInt8](repeating: 0, count: 64))
        #expect(decoded.warnings.isEmpty)
    }

    @Test func endlessProgressiveScans() throws {
        // 20,000 repeated scans of a 16x16 progressive JPEG. Strict: the repeated scan's bad progression is
        // corrupt data (a DecodeError at the second copy); by default and leniently that damage is only a
        // warning, and the scan limit (500) refuses the file as a LimitError.
        let bytes = try Self.bomb("jpeg", "bomb-scans-20000.jpg")
        #expect(try ImageDecoder.info(bytes, name: "scans.jpg").width == 16)
        #expect(throws: DecodeError.self) {
            try ImageDecoder.decode(bytes, name: "scans.jpg", options: DecodeOptions(strictness: .strict))
        }
        for strictness in [DecodeStrictness.standard, .lenient] {
            let error = #expect(throws: LimitError.self) {
                try ImageDecoder.decode(bytes, name: "scans.jpg", options: DecodeOptions(strictness: strictness))
            }
            let text = "\(error?.message ?? "") \(error?.details ?? "")"
            #expect(text.contains("more than 500 scans"))
        }
    }
}
