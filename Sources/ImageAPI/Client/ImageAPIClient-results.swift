import SystemIO
import Foundation
import ImageCodecs

extension ImageAPIClient {
    /// Downloads every result of `task` into `directory` (created if missing), one after another: each is
    /// streamed to a hidden temporary file, inspected (`inspector`, default: signature + header), and renamed
    /// to `<directory>/<task-id>-<i>.<ext>` with `i` from 1 and the extension of the detected format.
    /// A failed or invalid download is tried up to `attempts` times in all (default 3) beyond the client's own
    /// transient retries, then reported in its `SavedResult`; nothing partial is left behind.
    public func saveResults(of task: TaskObject, to directory: String, attempts: Int = 3,
                            inspector: ResultInspector = .header) async -> [SavedResult] {
        do {
            try LocalFile.makeDirectories(directory)
        } catch {
            return task.results.enumerated().map { SavedResult(index: $0.offset + 1, url: $0.element, failure: "\(error)") }
        }
        var saved: [SavedResult] = []
        for (offset, url) in task.results.enumerated() {
            saved.append(await saveResult(url: url, index: offset + 1, taskID: task.id, directory: directory,
                                          attempts: max(1, attempts), inspector: inspector))
        }
        return saved
    }

    private func saveResult(url: String, index: Int, taskID: String, directory: String, attempts: Int,
                            inspector: ResultInspector) async -> SavedResult {
        let safeID = String(taskID.map { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" ? $0 : "_" })
        let temp = "\(directory)/.\(safeID)-\(index).part-\(UUID().uuidString.prefix(8))"
        var failure = ""
        for attempt in 1...attempts {
            defer { LocalFile.remove(temp) }
            do {
                try await download(url, to: temp)
                let bytes = try ImageFile.read(temp, maxBytes: Self.maxUploadBytes)
                let format = try inspector.inspect(bytes, "\(safeID)-\(index)")
                let final = "\(directory)/\(safeID)-\(index).\(format.fileExtension)"
                try LocalFile.rename(temp, to: final)
                return SavedResult(index: index, url: url, path: final)
            } catch is CancellationError {
                return SavedResult(index: index, url: url, failure: "cancelled")
            } catch let error as APIError where !error.isTransient {
                // 403/404 on a result link (expired, never existed): another try cannot help.
                return SavedResult(index: index, url: url, failure: configuration.apiKey.redact("\(error)"))
            } catch {
                failure = configuration.apiKey.redact("\(error)")
                log("× result \(index) attempt \(attempt): \(failure)")
                if attempt < attempts, let delay = retryPolicy.delay(beforeRetry: attempt, serverDelay: nil, random: random()) {
                    try? await sleeper.sleep(for: delay)
                }
            }
        }
        return SavedResult(index: index, url: url, failure: failure)
    }
}
