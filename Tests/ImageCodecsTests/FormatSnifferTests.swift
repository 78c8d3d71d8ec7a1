import ImageCodecs
import ImageCore
import Testing

@Suite struct FormatSnifferTests {
    @Test func supportedSignatures() {
        #expect(FormatSniffer.format(of: [0xFF, 0xD8, 0xFF, 0xE0]) == .jpeg)
        #expect(FormatSniffer.format(of: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0]) == .png)
        #expect(FormatSniffer.format(of: Array("RIFF\u{0}\u{0}\u{0}\u{0}WEBPVP8 ".utf8)) == .webp)
        #expect(FormatSniffer.format(of: Array("RIFF\u{0}\u{0}\u{0}\u{0}WAVEfmt ".utf8)) == nil)
    }

    @Test func unsupportedFormatsAreNamedInTheError() throws {
        let gif = Array("GIF89a".utf8) + [UInt8](repeating: 0, count: 10)
        let error = try #require(throws: SniffError.self) { try ImageDecoder.info(gif, name: "anim.gif") }
        #expect(error.file == "anim.gif")
        #expect(error.message.contains("GIF"))
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
