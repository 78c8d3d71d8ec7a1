import ArgumentParser
import Foundation
import ImageAPI
import ImageFidelity
import ImagePrep
import ImageRules

/// How task records are printed (text and `--json`) and how client errors become exit codes.
enum TaskOutput {
    /// A record as JSON.
    struct RecordJSON: Encodable {
        var localID: Int64?
        var taskID: String?
        var status: String
        var progress: Int
        var model: String
        var prompt: String
        var size: String?
        var n: Int?
        var inputs: [String]
        var imageURLs: [String]
        var maskURL: String?
        var callbackURL: String?
        var resultURLs: [String]
        var savedPaths: [String]
        var outputDir: String?
        var error: String?
        var errorCode: String?
        var idempotencyKey: String
        var retryOf: Int64?
        var createdAt: String
        var updatedAt: String
        var saved: [SavedJSON]?
        /// The provider journal (`tasks show`), oldest first.
        var attempts: [AttemptJSON]?
        /// Each result's figures outside the mask and its composites (masked tasks).
        var fidelity: [ResultFidelity]?

        enum CodingKeys: String, CodingKey {
            case localID = "local_id", taskID = "task_id", status, progress, model, prompt, size, n, inputs
            case imageURLs = "image_urls", maskURL = "mask_url", callbackURL = "callback_url", resultURLs = "result_urls"
            case savedPaths = "saved_paths", outputDir = "output_dir", error, errorCode = "error_code"
            case idempotencyKey = "idempotency_key", retryOf = "retry_of", createdAt = "created_at", updatedAt = "updated_at", saved
            case attempts
            case fidelity
        }

        init(_ r: TaskRecord, saved: [SavedResult]? = nil, fidelity: [ResultFidelity]? = nil) {
            self.fidelity = fidelity
            localID = r.localID
            taskID = r.taskID
            status = r.status
            progress = r.progress
            model = r.model
            prompt = r.prompt
            size = r.request.size
            n = r.request.n
            inputs = r.inputs
            imageURLs = r.request.imageURLs ?? []
            maskURL = r.request.maskURL
            callbackURL = r.request.callbackURL
            resultURLs = r.resultURLs
            savedPaths = r.savedPaths
            outputDir = r.outputDir
            error = r.error
            errorCode = r.errorCode
            idempotencyKey = r.idempotencyKey
            retryOf = r.retryOf
            createdAt = TaskOutput.timestamp(r.createdAt)
            updatedAt = TaskOutput.timestamp(r.updatedAt)
            self.saved = saved.map { $0.map(SavedJSON.init) }
        }
    }

    struct SavedJSON: Encodable {
        var index: Int
        var url: String
        var path: String?
        var error: String?

        init(_ s: SavedResult) {
            index = s.index
            url = s.url
            path = s.path
            error = s.failure
        }
    }

    static func timestamp(_ date: Date) -> String {
        ISO8601DateFormatter().string(from: date)
    }

    /// The multi-line text of `tasks show`.
    static func details(_ r: TaskRecord) -> String {
        var lines = [
            "local id:   #\(r.localID ?? 0)",
            "task id:    \(r.taskID ?? "(none yet)")",
            "status:     \(r.status)\(r.status == TaskRecord.unknown ? " (the create may have reached the server; `tasks wait \(r.localID ?? 0)` reconciles it)" : "")",
            "progress:   \(r.progress)%",
            "model:      \(r.model)",
            "prompt:     \(r.prompt)",
        ]
        if let size = r.request.size { lines.append("size:       \(size)") }
        if let n = r.request.n { lines.append("n:          \(n)") }
        for input in r.inputs { lines.append("input:      \(input)") }
        if let callback = r.request.callbackURL { lines.append("callback:   \(callback)") }
        lines.append("created:    \(timestamp(r.createdAt))")
        lines.append("updated:    \(timestamp(r.updatedAt))")
        for url in r.resultURLs { lines.append("result:     \(url)") }
        for path in r.savedPaths { lines.append("saved:      \(path)") }
        if let error = r.error { lines.append("error:      \([r.errorCode, error].compactMap { $0 }.joined(separator: ": "))") }
        if let retryOf = r.retryOf { lines.append("retry of:   #\(retryOf)") }
        return lines.joined(separator: "\n")
    }

    /// Prints what a finished download produced: saved paths on stdout, failures on stderr.
    /// Returns whether every result was saved.
    static func reportSaved(_ record: TaskRecord, _ saved: [SavedResult], json: Bool, fidelity: [ResultFidelity]? = nil) throws -> Bool {
        if json {
            try JSONOutput.print(RecordJSON(record, saved: saved, fidelity: fidelity))
        } else {
            for result in saved {
                if let path = result.path { print(path) }
            }
            for line in FidelityOutput.lines(fidelity ?? []) { print(line) }
        }
        for result in saved where result.path == nil {
            Terminal.error("imageprep: result \(result.index) of \(record.displayID) not saved: \(result.failure ?? "unknown error")")
        }
        return saved.allSatisfy { $0.path != nil }
    }

    /// Reports `error` on stderr and returns the exit code: 2 for configuration, usage, unreadable bundle or
    /// rules files and network failures, 1 for everything else (rules, refused or failed tasks, downloads, unknown outcomes).
    static func exitCode(reporting error: any Error) -> ExitCode {
        if let exit = error as? ExitCode { return exit }
        Terminal.report(error)
        if let client = error as? ClientError {
            if client.kind == .rulesFailed {
                for issue in client.issues { Terminal.error("  - \(FixCommandLine.phrased(issue))") }
            }
            return [.configuration, .invalidInput, .history].contains(client.kind) ? .usage : .fileFailed
        }
        if error is TransportError || error is BundleError || error is RulesFileError { return .usage }
        return .fileFailed
    }
}
