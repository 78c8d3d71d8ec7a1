import Foundation
import ImageCodecs
import ImageCore
import ImageSandbox
import NIOHTTP1
import Testing

/// Result images end to end: upload, create, complete, download, decode.
@Suite("Sandbox result images")
struct ResultImageTests {
    /// A 1024×1024 RGB reference with structure everywhere.
    static let reference = Image(width: 1024, height: 1024, layout: .rgb) { buffer in
        var i = 0
        for y in 0..<1024 {
            for x in 0..<1024 {
                buffer[i] = UInt8(truncatingIfNeeded: x)
                buffer[i + 1] = UInt8(truncatingIfNeeded: y)
                buffer[i + 2] = UInt8(truncatingIfNeeded: (x / 8) ^ (y / 8))
                i += 3
            }
        }
    }

    /// An RGBA mask, transparent (edit) inside `hole`, opaque elsewhere.
    static func mask(width: Int = 1024, height: Int = 1024, hole: (x: Range<Int>, y: Range<Int>)) -> Image {
        Image(width: width, height: height, layout: .rgba) { buffer in
            var i = 0
            for y in 0..<height {
                for x in 0..<width {
                    buffer[i] = 255; buffer[i + 1] = 255; buffer[i + 2] = 255
                    buffer[i + 3] = hole.x.contains(x) && hole.y.contains(y) ? 0 : 255
                    i += 4
                }
            }
        }
    }

    static func upload(_ http: TestHTTP, _ image: Image, _ name: String, as format: EncodeFormat = .png()) async throws -> String {
        let reply = try await http.uploadStream(try ImageEncoder.encode(image, as: format), fileName: name)
        #expect(reply.status == 200)
        return try #require(reply.data["file_url"] as? String)
    }

    /// Creates a task, runs the clock past its end, returns the decoded results.
    static func run(_ http: TestHTTP, _ clock: ManualClock, _ body: [String: Any]) async throws -> [Image] {
        let created = try await http.create(body)
        #expect(created.status == 200, "\(String(decoding: created.body, as: UTF8.self))")
        let id = try #require(created.json["id"] as? String)
        clock.advance(by: 10)
        let task = try await http.get("/v1/tasks/\(id)")
        let urls = try #require(task.json["results"] as? [String])
        var images: [Image] = []
        for url in urls {
            let png = try await http.get(url, auth: false)
            #expect(png.status == 200)
            #expect(png.headers.first(name: "Content-Type") == "image/png")
            #expect(try ImageDecoder.sniff(png.body) == .png)
            images.append(try ImageDecoder.decode(png.body).image.to8Bit().converted(to: .rgb))
        }
        return images
    }

    @Test(arguments: [("2:3", 1024, 1536), ("3:2", 1536, 1024), ("1024x1024", 1024, 1024)])
    func textToImageHasTheRequestedSize(_ size: String, _ width: Int, _ height: Int) async throws {
        let clock = ManualClock()
        try await withSandbox(testConfiguration(clock: clock)) { _, http in
            var body = GenerationTests.valid
            body["size"] = size
            let images = try await Self.run(http, clock, body)
            #expect(images.map(\.size) == [Size(width: width, height: height)])
        }
    }

    @Test func textToImageIsDeterministicPerPromptAndIndex() async throws {
        let clock = ManualClock()
        try await withSandbox(testConfiguration(clock: clock)) { _, http in
            var body = GenerationTests.valid
            body["n"] = 2
            let first = try await Self.run(http, clock, body)
            #expect(first.count == 2)
            #expect(first[0] != first[1])
            #expect(try await Self.run(http, clock, body) == first)
            body["prompt"] = "a different prompt"
            #expect(try await Self.run(http, clock, body)[0] != first[0])
        }
    }

    @Test func editDiffersFromTheReferenceExactlyWhereTheMaskSays() async throws {
        let clock = ManualClock()
        try await withSandbox(testConfiguration(clock: clock)) { _, http in
            let hole = (x: 256..<640, y: 100..<300)
            var body = GenerationTests.valid
            body["image_urls"] = [try await Self.upload(http, Self.reference, "ref.png")]
            body["mask_url"] = try await Self.upload(http, Self.mask(hole: hole), "mask.png")
            let result = try #require(try await Self.run(http, clock, body).first)
            #expect(result.width == 1024 && result.height == 1024)
            var wrong = 0
            for y in 0..<1024 {
                for x in 0..<1024 {
                    let edited = hole.x.contains(x) && hole.y.contains(y)
                    for c in 0..<3 {
                        let original = Self.reference.sample(x: x, y: y, channel: c)
                        if result.sample(x: x, y: y, channel: c) != (edited ? 255 - original : original) { wrong += 1 }
                    }
                }
            }
            #expect(wrong == 0)
        }
    }

    @Test func editOfASmallerJPEGCoversTheOutputSize() async throws {
        let clock = ManualClock()
        try await withSandbox(testConfiguration(clock: clock)) { _, http in
            let small = Image(width: 300, height: 200, layout: .rgb, filledWith: 40)
            var body = GenerationTests.valid
            body["size"] = "2:3"
            body["image_urls"] = [try await Self.upload(http, small, "small.jpg", as: .jpeg())]
            let result = try #require(try await Self.run(http, clock, body).first)
            #expect(result.width == 1024 && result.height == 1536)
            // No mask: the whole (flat, ~40) reference is inverted.
            #expect(abs(result.sample(x: 500, y: 700, channel: 0) - 215) <= 3)
        }
    }

    @Test func masksMustBePNGWithAlphaOfTheReferenceSize() async throws {
        try await withSandbox(testConfiguration()) { _, http in
            let reference = try await Self.upload(http, Self.reference, "ref.png")
            let cases: [(String, String)] = [
                (try await Self.upload(http, Self.mask(hole: (0..<10, 0..<10)).flattened(onto: .white), "mask.jpg", as: .jpeg()), "PNG"),
                (try await Self.upload(http, Image(width: 1024, height: 1024, layout: .rgb, filledWith: 0), "rgb.png"), "alpha"),
                (try await Self.upload(http, Self.mask(width: 512, height: 512, hole: (0..<10, 0..<10)), "half.png"), "512x512"),
            ]
            for (url, mention) in cases {
                var body = GenerationTests.valid
                body["image_urls"] = [reference]
                body["mask_url"] = url
                let reply = try await http.create(body)
                #expect(reply.status == 400)
                #expect(reply.error["param"] as? String == "mask_url")
                #expect((reply.error["message"] as? String)?.contains(mention) == true, "\(reply.error)")
            }
            var body = GenerationTests.valid
            body["image_urls"] = [reference]
            body["mask_url"] = try await ReferenceInputTests.upload(
                http, Fixture.pngSignature + [UInt8](repeating: 2, count: 4 * 1024 * 1024), "huge-mask.png")
            let tooBig = try await http.create(body)
            #expect(tooBig.status == 413)
            #expect(tooBig.error["param"] as? String == "mask_url")
        }
    }
}
