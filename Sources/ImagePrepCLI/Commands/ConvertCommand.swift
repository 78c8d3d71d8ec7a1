public import ArgumentParser
public import ImageCodecs
import ImageCore

extension ImagePrepCommand {
    /// `imageprep convert IN OUT [--format png|jpeg|webp] [--quality Q]`: decode, orient, encode, write atomically.
    struct Convert: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "convert",
            abstract: "Convert an image to PNG, JPEG or WebP, turned upright by its EXIF orientation.",
            discussion: """
                The output is written to a temporary file and renamed into place: on failure no output file exists. \
                - reads standard input or writes standard output. Metadata is not copied. Alpha is flattened onto \
                white for JPEG.
                """)

        @Argument(help: "Input image (JPEG, PNG, WebP, HEIC/HEIF, AVIF, GIF or TIFF), or - for standard input.")
        var input: String

        @Argument(help: "Output file, or - for standard output.")
        var output: String

        @Option(help: "Output format: png, jpeg or webp (default: from the output's extension).")
        var format: ImageFormat?

        @Option(help: "JPEG/WebP quality 1–100 (default: JPEG \(JPEGEncodeOptions.defaultQuality), WebP \(WebPEncodeOptions.defaultQuality)).")
        var quality: Int?

        @OptionGroup var decoding: DecodeOptionGroup

        func validate() throws {
            if let quality, !(1...100).contains(quality) { throw ValidationError("--quality must be 1–100") }
            if format == nil, ImageFormat(path: output)?.isWritable != true {
                throw ValidationError("cannot tell the output format from '\(output)'; pass --format png|jpeg|webp")
            }
        }

        func run() async throws {
            let target = format ?? ImageFormat(path: output)!
            do {
                let bytes = try ImageFile.read(input, maxBytes: decoding.limits.maxInputBytes)
                let decoded = try ImageDecoder.decode(bytes, name: input, options: decoding.decodeOptions())
                for warning in decoded.warnings { Terminal.error("\(input): \(warning)") }
                var image = decoded.image.oriented(decoded.info.orientation)
                if image.layout == .cmyk { image = image.converted(to: .rgb) }
                let encoded = try ImageEncoder.encode(image, as: EncodeFormat(target, quality: quality))
                try ImageFile.writeAtomically(encoded, to: output)
            } catch {
                Terminal.report(error)
                throw ExitCode.fileFailed
            }
        }
    }
}

extension ImageFormat: ExpressibleByArgument {
    public init?(argument: String) {
        guard let format = ImageFormat(fileExtension: argument), format.isWritable else { return nil }
        self = format
    }
}
