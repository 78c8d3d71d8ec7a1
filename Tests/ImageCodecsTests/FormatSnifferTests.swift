import ImageCodecs
import ImageCore
import Testing

@Suite struct FormatSnifferTests {
    @Test func supportedSignatures() {
        #expect(FormatSniffer.format(of: [0xFF, 0xD8, 0xFF, 0xE0]) == .jpeg)
        #expect(FormatSniffer.format(of: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0]) == .png)
        #expect(FormatSniffer.format(of: Array("RIFF\u{0}\u{0}\u{0}\u{0}WEBPVP8 ".utf8)) == .webp)
        #expect(FormatSniffer.format(of: Array("RIFF\u{0}\u{0}\u{0}\u{0}WAVEfmt ".utf8)) == nil)
        #expect(FormatSniffer.format(of: Array("GIF89a".utf8) + [0, 0]) == .gif)
        #expect(FormatSniffer.format(of: [0x4D, 0x4D, 0x00, 0x2A, 0, 0, 0, 8]) == .tiff)
        #expect(FormatSniffer.format(of: [0x49, 0x49, 0x2B, 0x00, 8, 0, 0, 0]) == .tiff)  // BigTIFF
        func ftyp(_ brands: String) -> [UInt8] { [0, 0, 0, UInt8(8 + brands.utf8.count)] + Array("ftyp".utf8) + Array(brands.utf8) }
        #expect(FormatSniffer.format(of: ftyp("heic\0\0\0\0mif1heic")) == .heif)
        #expect(FormatSniffer.format(of: ftyp("mif1\0\0\0\0mif1avif")) == .avif)  // AVIF by a compatible brand
        #expect(FormatSniffer.format(of: ftyp("isom\0\0\0\0isomiso2")) == nil)  // an MP4 video
    }

    @Test func unsupportedFormatsAreNamedInTheError() throws {
        let bmp = Array("BM".utf8) + [UInt8](repeating: 0, count: 30)
        let error = try #require(throws: SniffError.self) { try ImageDecoder.info(bmp, name: "scan.bmp") }
        #expect(error.file == "scan.bmp")
        #expect(error.message.contains("BMP"))
        #expect(throws: SniffError.self) { try ImageDecoder.decode([], name: "empty.png") }
        #expect(throws: SniffError.self) { try ImageDecoder.decode(Array("hello world, not an image".utf8)) }
    }

    @Test func extensionMismatchIsAWarningNotAGuess() {
        #expect(ImageDecoder.extensionWarning(path: "photo.png", format: .jpeg)?.code == "extension-mismatch")
        #expect(ImageDecoder.extensionWarning(path: "photo.JPEG", format: .jpeg) == nil)
        #expect(ImageDecoder.extensionWarning(path: "noext", format: .png) == nil)
    }

    @Test func formatFromPath() {
        #expect(ImageFormat(path: "/a.b/c.JPG") == .jpeg)
        #expect(ImageFormat(path: "x.webp") == .webp)
        #expect(ImageFormat(path: "/dir.png/file") == nil)
        #expect(ImageFormat(path: ".png") == nil)
    }
}
