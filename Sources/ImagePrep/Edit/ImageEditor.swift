public import ImageAPI
import ImageCodecs
public import ImageFidelity
public import ImageMasks

/// The one-call edit, like openai-python's `images.edit(image=, mask=, prompt=)`: prepares the photo and
/// the mask (`Preparer`: normalize, rasterize the shapes on the photo, write `bundle.json`), checks the
/// bundle against the model's rules, uploads, creates the task once, waits and downloads the results
/// (`TaskRunner.run`). The parts stay available; this only strings them together.
public struct ImageEditor: Sendable {
    /// Talks to the API (or a sandbox: `RunningSandbox.taskRunner()`), keeping the task history.
    public var runner: TaskRunner
    /// How the photo and mask are prepared (model, n, normalize and mask options). The prompt is `edit`'s.
    public var options: PrepareOptions
    /// What is done with each result besides measuring it outside the mask (`FidelityPass`): paste the base
    /// back (`keepOutsideMask`), at the original's full size (`fullResolution`). Default: measure only.
    public var fidelity = FidelityOptions()

    public init(runner: TaskRunner, options: PrepareOptions = .init()) {
        self.runner = runner
        self.options = options
    }

    /// What one edit produced.
    public struct Result: Sendable {
        /// The prepared bundle (base, mask, preview, manifest) in the output folder.
        public var prepared: PrepareResult
        /// The task as recorded in the history.
        public var record: TaskRecord
        /// The downloaded images, `<folder>/<task-id>-<i>.<ext>`.
        public var saved: [SavedResult]
        /// Each saved result's figures outside the mask and its composites (`FidelityPass`).
        public var fidelity: [ResultFidelity]
    }

    /// Edits `image` where `mask` marks it as `prompt` says; the prepared files and the results go into
    /// `directory` (created if missing). Shapes in the `.original` frame are on the photo as viewers show it
    /// and follow the normalization's crop and scale; shapes in the `.base` frame are pixels of the base.
    ///
    /// - Throws: the preparation's errors (codecs, `NormalizeError`, `Mask.ShapeError`, `FileIOError`), then
    ///   `ClientError` (rules failed, API errors, timeout).
    public func edit(image: String, mask: [Mask.Shape], prompt: String, into directory: String) async throws -> Result {
        var options = options
        options.prompt = prompt
        let prepared = try await Preparer(options).prepare(photo: image, shapes: mask, into: directory)
        let (record, saved) = try await runner.run(prepared.manifest, outputDir: directory)
        var figures: [ResultFidelity] = []
        if let source = FidelitySource(manifest: prepared.manifest) {
            try FidelityPass.record(source, for: record, in: runner.history)
            figures = try FidelityPass(options: fidelity, decoding: DecodeOptions(limits: options.normalize.limits, strictness: options.normalize.strictness)).apply(to: record, history: runner.history) ?? []
        }
        return Result(prepared: prepared, record: record, saved: saved, fidelity: figures)
    }

    /// `edit` with the mask given as shape strings (`rect:x,y,w,h`, `ellipse:cx,cy,rx,ry[,rotation]`,
    /// `polygon:x,y x,y x,y`), in pixels of the photo as viewers show it.
    ///
    /// - Throws: `Mask.ShapeError` `.syntax` for a malformed string, then `edit`'s errors (the codecs',
    ///   `NormalizeError`, `ClientError`, `APIError`, `TransportError`).
    public func edit(image: String, mask: [String], prompt: String, into directory: String) async throws -> Result {
        let shapes = try mask.map { text throws(Mask.ShapeError) in try Mask.Shape(parsing: text, frame: .original) }
        return try await edit(image: image, mask: shapes, prompt: prompt, into: directory)
    }
}
