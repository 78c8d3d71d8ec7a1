public import ImageAPI
public import ImageCodecs
public import ImageFidelity

/// The library call behind `--keep-outside-mask`, `--full-resolution` and the printed figures: measures every
/// saved result of a masked task against the base it was sent with (outside the mask), optionally writes the
/// composites beside the raw results, and stores the figures with the task in the history.
///
/// ```swift
/// try FidelityPass.record(FidelitySource(manifest: bundle)!, for: record, in: runner.history)
/// let figures = try FidelityPass(options: FidelityOptions(keepOutsideMask: true)).apply(to: record, history: runner.history)
/// ```
public struct FidelityPass: Sendable {
    /// Threshold and which composites to write. Default: measure only.
    public var options: FidelityOptions
    /// How the base, mask, results and original are decoded. Default `DecodeOptions()`.
    public var decoding: DecodeOptions

    public init(options: FidelityOptions = .init(), decoding: DecodeOptions = .init()) {
        self.options = options
        self.decoding = decoding
    }

    /// Records what `record`'s results will be measured against (done at submit, so that `tasks download`
    /// can measure later). Figures stored before are dropped.
    ///
    /// - Throws: `ClientError` `.history`.
    public static func record(_ source: FidelitySource, for record: TaskRecord, in history: TaskHistory) throws(ClientError) {
        guard let localID = record.localID else { return }
        try history.saveFidelity(TaskFidelity(localID: localID, source: source))
    }

    /// Measures `record`'s saved results (`record.savedPaths`, result i at index i) and writes what `options`
    /// ask for; stores and returns the figures. Nil when no source was recorded for the task (not a masked
    /// task, or submitted without one).
    ///
    /// - Throws: codec and file errors naming the file; `FidelityError` naming the stage; `ClientError` `.history`.
    @discardableResult
    public func apply(to record: TaskRecord, history: TaskHistory) throws -> [ResultFidelity]? {
        guard let localID = record.localID, var entry = try history.fidelity(for: localID) else { return nil }
        let run = try FidelityRun(source: entry.source, options: options, decoding: decoding)
        entry.results = try record.savedPaths.enumerated().map { index, path in try run.process(index: index, path: path) }
        try history.saveFidelity(entry)
        return entry.results
    }
}
