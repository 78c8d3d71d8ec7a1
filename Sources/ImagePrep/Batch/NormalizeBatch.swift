import Foundation
import ImageCodecs
public import ImageCore
public import SystemIO

/// Many images normalized with one set of options: inputs (files and folders) expanded into a work list,
/// output names that never collide, and a scheduler that runs `jobs` images at once within the processors'
/// thread budget. `imageprep normalize` is a thin shell over this.
public struct NormalizeBatch: Sendable {
    /// One unit of work: an input and the file its output goes to (nil: named by `OutputNames` in the
    /// output folder).
    public struct Item: Sendable, Hashable {
        public var input: String
        public var outputFile: String?

        public init(input: String, outputFile: String? = nil) {
            self.input = input
            self.outputFile = outputFile
        }
    }

    /// What happened to one item.
    public enum Outcome: Sendable {
        /// Written; the report's `output` is the file.
        case success(NormalizeReport)
        /// Failed with a typed error (the codecs' errors, `NormalizeError`, `FileIOError`); nothing was written.
        case failure(input: String, error: any Error)

        /// The input this outcome is about.
        public var input: String {
            switch self {
            case .success(let r): r.input ?? "-"
            case .failure(let input, _): input
            }
        }
    }

    /// The work list.
    public var items: [Item]
    /// The folder outputs are written into, or nil when the batch is one input written to one file.
    public var outputFolder: String?

    public init(items: [Item], outputFolder: String?) {
        self.items = items
        self.outputFolder = outputFolder
    }

    /// Plans a batch from command-line style inputs: each input is a file (or `-`) or a folder, whose JPEG, PNG
    /// and WebP files (by extension, hidden files skipped) are taken in name order. `output` is a folder when
    /// a folder was given, there are several files, it exists as a folder or ends in `/`; otherwise one file.
    /// `formatGiven` says whether the caller fixed the output format (else the output file's extension must).
    ///
    /// - Throws: `NormalizeBatch.PlanError` (no images found, several inputs into a file name, no format).
    public init(inputs: [String], output: String, formatGiven: Bool) throws(PlanError) {
        var files: [String] = []
        var sawFolder = false
        for input in inputs {
            if input != "-", Self.isFolder(input) {
                sawFolder = true
                let names = (try? FileManager.default.contentsOfDirectory(atPath: input)) ?? []
                files += names.sorted().filter { !$0.hasPrefix(".") && ImageFormat(path: $0) != nil }
                    .map { input.hasSuffix("/") ? input + $0 : input + "/" + $0 }
            } else {
                files.append(input)
            }
        }
        guard !files.isEmpty else {
            throw PlanError(.noImages, message: "no image files (JPEG, PNG, WebP, HEIC/HEIF, AVIF, GIF, TIFF) found in \(inputs.joined(separator: ", "))")
        }
        let outputIsFolder = Self.isFolder(output)
        if sawFolder || files.count > 1 || outputIsFolder || output.hasSuffix("/") {
            if !outputIsFolder && ImageFormat(path: output) != nil {
                throw PlanError(.outputNotFolder, message: "several inputs need -o to be a folder, not '\(output)'")
            }
            self.init(items: files.map { Item(input: $0) }, outputFolder: output)
            return
        }
        if !formatGiven && ImageFormat(path: output)?.isWritable != true && output != "-" {
            throw PlanError(.unknownFormat, message: "cannot tell the output format from '\(output)'; pass --format or use a .jpg/.png/.webp name")
        }
        self.init(items: [Item(input: files[0], outputFile: output)], outputFolder: nil)
    }

    /// Normalizes every item with `options`, `jobs` at a time (default and most: one per processor, never
    /// more than there are items), calling `each` on the calling task as each one finishes (in finishing
    /// order). Several images at once keep to one thread each; one image at a time may use every core. The
    /// output folder is created first (mode 0755).
    ///
    /// - Returns: every outcome, in finishing order.
    /// - Throws: `FileIOError` when the output folder cannot be created (before any work).
    @discardableResult
    public func run(_ options: NormalizeOptions, jobs: Int? = nil,
                    each: (Outcome) -> Void = { _ in }) async throws(FileIOError) -> [Outcome] {
        if let outputFolder { try LocalFile.makeDirectories(outputFolder) }
        let processors = Resampler.processorCount
        let jobCount = max(1, min(jobs ?? processors, items.count))
        var options = options
        options.threadsPerImage = jobCount > 1 ? max(1, processors / jobCount) : nil
        let normalizer = Normalizer(options)
        let names = OutputNames()
        let folder = outputFolder
        let items = items
        var outcomes: [Outcome] = []
        await withTaskGroup(of: Outcome.self) { group in
            var next = 0
            func add() {
                guard next < items.count else { return }
                let item = items[next]
                next += 1
                group.addTask {
                    // Off the cooperative pool (which must stay free for the loop below), so `jobs` N means N at once.
                    await OffPool.run { Self.process(item, normalizer: normalizer, folder: folder, names: names) }
                }
            }
            for _ in 0..<jobCount { add() }
            for await outcome in group {
                outcomes.append(outcome)
                each(outcome)
                add()
            }
        }
        return outcomes
    }

    /// Reads, normalizes and writes one item (atomically).
    static func process(_ item: Item, normalizer: Normalizer, folder: String?, names: OutputNames) -> Outcome {
        do {
            let result = try normalizer.normalizeNow(file: item.input)
            let path = item.outputFile ?? names.claim(folder: folder ?? ".", input: item.input, format: result.format)
            try ImageFile.writeAtomically(result.bytes, to: path)
            var report = result.report
            report.output = path
            return .success(report)
        } catch {
            return .failure(input: item.input, error: error)
        }
    }

    static func isFolder(_ path: String) -> Bool {
        var isDir: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDir) && isDir.boolValue
    }
}

extension NormalizeBatch {
    /// A batch that cannot be planned from its inputs and output.
    public struct PlanError: ImagePrepError, Equatable {
        public enum Kind: String, Sendable, Hashable {
            /// No input named an image (folders held none).
            case noImages = "no-images"
            /// Several inputs, or a folder, with an output that names a file.
            case outputNotFolder = "output-not-folder"
            /// One input, no fixed format, and an output name without a known extension.
            case unknownFormat = "unknown-format"
        }

        public var kind: Kind
        public var message: String

        public init(_ kind: Kind, message: String) {
            self.kind = kind
            self.message = message
        }
    }
}
