import ArgumentParser
import ImageCodecs
import ImageCore

extension ImagePrepCommand {
    /// `imageprep info FILE... [--json]`: what each file really is, read from its header.
    struct Info: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "info",
            abstract: "Print format, size, channels, depth, alpha, orientation, ICC profile and frames of image files.",
            discussion: "Reads headers only. The format is sniffed from the content, never from the name. Exit code 1 when any file fails.")

        @Argument(help: "Image files (JPEG, PNG, WebP, HEIC/HEIF, AVIF, GIF, TIFF); - reads standard input.")
        var files: [String]

        @Flag(help: "Print a JSON array, one object per file.")
        var json = false

        @OptionGroup var decoding: DecodeOptionGroup

        func run() async throws {
            var records: [InfoRecord] = []
            var failed = false
            for path in files {
                do {
                    let bytes = try ImageFile.read(path, maxBytes: decoding.limits.maxInputBytes)
                    let info = try ImageDecoder.info(bytes, name: path, limits: decoding.limits)
                    var record = InfoRecord(path: path, info: info)
                    if path != "-", let warning = ImageDecoder.extensionWarning(path: path, format: info.format) {
                        record.warnings.append(warning.message)
                    }
                    if !info.format.isWritable {
                        record.warnings.append("\(info.format.rawValue.uppercased()) is not accepted by the image API: run imageprep normalize \(path)")
                    }
                    records.append(record)
                    if !json { print(record.text) }
                } catch {
                    failed = true
                    Terminal.report(error)
                    if json { records.append(InfoRecord(path: path, error: error)) }
                }
            }
            if json { try JSONOutput.print(records) }
            if failed { throw ExitCode.fileFailed }
        }
    }
}

/// One file's header facts as `info` prints them.
struct InfoRecord: Encodable {
    var file: String
    var format: String?
    var width: Int?
    var height: Int?
    var uprightWidth: Int?
    var uprightHeight: Int?
    var channels: Int?
    var bitDepth: Int?
    var colorModel: String?
    var alpha: Bool?
    var progressive: Bool?
    var orientation: Int?
    var iccBytes: Int?
    var iccDescription: String?
    var frames: Int?
    /// Top-level images of a HEIF container (the primary is the one used).
    var images: Int?
    var animated: Bool?
    var bytes: Int?
    var warnings: [String] = []
    var error: String?

    init(path: String, info: ImageInfo) {
        file = path
        format = info.format.rawValue
        width = info.width
        height = info.height
        uprightWidth = info.uprightSize.width
        uprightHeight = info.uprightSize.height
        channels = info.channels
        bitDepth = info.bitDepth
        colorModel = info.colorModel
        alpha = info.hasAlpha
        progressive = info.isProgressive
        orientation = info.orientation.rawValue
        iccBytes = info.iccProfile?.count
        iccDescription = info.iccDescription
        frames = info.frameCount
        animated = info.isAnimated
        images = info.imageCount > 1 ? info.imageCount : nil
        bytes = info.byteCount
    }

    init(path: String, error: any Error) {
        file = path
        self.error = "\(error)"
    }

    /// The human-readable block.
    var text: String {
        var lines = ["\(file):"]
        lines.append("  format       \(format ?? "?")")
        var size = "\(width ?? 0)x\(height ?? 0)"
        if uprightWidth != width { size += " (upright \(uprightWidth ?? 0)x\(uprightHeight ?? 0))" }
        lines.append("  size         \(size)")
        lines.append("  channels     \(channels ?? 0) (\(colorModel ?? "?"), \(bitDepth ?? 0)-bit\(alpha == true ? ", alpha" : ""))")
        if let orientation { lines.append("  orientation  \(orientation)\(orientation == 1 ? " (upright)" : "")") }
        if let iccBytes {
            lines.append("  icc          \(iccBytes) bytes\(iccDescription.map { " \"\($0)\"" } ?? "")")
        } else {
            lines.append("  icc          none")
        }
        lines.append("  frames       \(frames ?? 1)\(animated == true ? " (animated)" : "")")
        if let images { lines.append("  images       \(images) (the primary image is used)") }
        if progressive == true { lines.append("  progressive  yes") }
        lines.append("  bytes        \(bytes ?? 0)")
        for warning in warnings { lines.append("  warning      \(warning)") }
        return lines.joined(separator: "\n")
    }
}
