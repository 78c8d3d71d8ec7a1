import Foundation
import Hummingbird
import ImageAPI
import ImageCore
import ImagePrep
import ImageRules
import Synchronization
import SystemIO

extension StudioServer {
    /// The request options the page sends with a check or a submit.
    struct RequestOptions: Decodable {
        var prompt: String?
        var n: Int?
        var callbackURL: String?
    }

    /// `POST /api/check`: the bundle rules of the selected model on the current bundle, warnings included.
    func check(_ request: Request) async throws -> Response {
        let options = try await JSONBody.decode(RequestOptions.self, from: request, limit: 64 * 1024)
        guard let manifest = await session.manifest(prompt: Self.nonEmpty(options.prompt), n: options.n, callbackURL: Self.nonEmpty(options.callbackURL)) else {
            return JSONReply.make(.ok, CheckReply(issues: [RuleIssue(rule: "studio.no-photo", severity: .error, message: "no photo uploaded yet", hint: "drop a JPEG, PNG or WebP on the page")]))
        }
        return JSONReply.make(.ok, CheckReply(issues: configuration.checker.ruleIssues(for: manifest)))
    }

    struct CheckReply: Encodable {
        var issues: [RuleIssue]
        var errors: Int
        init(issues: [RuleIssue]) {
            self.issues = issues.sorted { ($0.severity, $0.rule) < ($1.severity, $1.rule) }
            errors = issues.filter { $0.severity == .error }.count
        }
    }

    /// `POST /api/submit`: prepares the photo and the shapes into a fresh task folder with `Preparer` (the
    /// same base and mask the page shows), checks, uploads and creates the task with the runner, answers with
    /// the history record, and keeps polling in the background; the results are downloaded into the folder
    /// as soon as the task completes.
    func submit(_ request: Request) async throws -> Response {
        let options = try await JSONBody.decode(RequestOptions.self, from: request, limit: 64 * 1024)
        guard let photo = await session.uploads.first else { throw StudioError(.conflict, "upload a photo first") }
        let folder = configuration.dataDirectory + "/tasks/" + Self.folderName()
        let prepare = PrepareOptions(normalize: await session.normalizeOptions, mask: await session.renderOptions,
                                     model: await session.model, prompt: Self.nonEmpty(options.prompt), n: options.n)
        let prepared: PrepareResult
        do {
            prepared = try await Preparer(prepare).prepare(photo: photo.sourcePath, shapes: try await session.shapes(), into: folder)
        } catch {
            throw StudioError(.unprocessableContent, "\(error)")
        }
        var manifest = prepared.manifest
        manifest.images += await session.uploads.dropFirst().map { BundleInput.file($0.basePath) }
        manifest.callbackURL = Self.nonEmpty(options.callbackURL)
        let issues = configuration.checker.issues(for: manifest)
        guard issues.isEmpty else { throw StudioError(.unprocessableContent, issues.map(\.description).joined(separator: "\n")) }
        let runner = configuration.runner
        let record: TaskRecord
        do {
            record = try await runner.submit(manifest, outputDir: folder)
        } catch {
            throw StudioError(.badGateway, runner.client.configuration.apiKey.redact("\(error)"))
        }
        tasks.follow(record, runner: runner, folder: folder)
        return JSONReply.make(.ok, HistoryEntry(record))
    }

    /// `GET /api/history`: the newest 20 records of the task history and the summary line.
    func history() throws -> Response {
        let records = try configuration.runner.history.list(limit: 20)
        let running = records.filter(\.isOpen).count
        let completed = records.filter { $0.status == TaskStatus.completed.rawValue }.count
        return JSONReply.make(.ok, HistoryReply(summary: "\(running) running · \(completed) completed", running: running,
                                                completed: completed, entries: records.map(HistoryEntry.init)))
    }

    /// `GET /api/results/LOCAL/I`: the I-th saved result of history record LOCAL (looked up in the history,
    /// never a path from the browser).
    func result(local: Int64, index: Int) throws -> Response {
        guard let record = try configuration.runner.history.find("\(local)"), record.localID == local,
              record.savedPaths.indices.contains(index) else {
            throw StudioError(.notFound, "no saved result \(index) for task #\(local)")
        }
        let path = record.savedPaths[index]
        let bytes = try LocalFile.read(path, maxBytes: 64 << 20)
        let type = path.hasSuffix(".png") ? "image/png" : path.hasSuffix(".webp") ? "image/webp" : "image/jpeg"
        return JSONReply.bytes(.ok, bytes, type: type)
    }

    static func nonEmpty(_ text: String?) -> String? {
        guard let text, !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { return nil }
        return text
    }

    /// `YYYYMMDD-HHMMSS-xxxxxx`: sortable and unique.
    static func folderName() -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMdd-HHmmss"
        return formatter.string(from: Date()) + "-" + String(UUID().uuidString.prefix(6)).lowercased()
    }
}

/// The history summary and entries.
struct HistoryReply: Encodable {
    var summary: String
    var running: Int
    var completed: Int
    var entries: [HistoryEntry]
}

/// One history record as the page shows it: inputs by file name only, results as studio URLs.
struct HistoryEntry: Encodable {
    var localID: Int64
    var taskID: String?
    var model: String
    var prompt: String
    var status: String
    var progress: Int
    var size: String?
    var n: Int?
    var inputs: [String]
    var createdAt: Date
    var results: [String]
    var savedFiles: [String]
    var error: String?
    var errorCode: String?
    var open: Bool

    init(_ record: TaskRecord) {
        let local = record.localID ?? 0
        localID = local
        taskID = record.taskID
        model = record.model
        prompt = record.prompt
        status = record.status
        progress = record.progress
        size = record.request.size
        n = record.request.n
        inputs = record.inputs.map { input in
            let isMask = input.hasPrefix("mask:")
            let name = (input.split(separator: "/").last.map(String.init) ?? input)
            return isMask && !name.hasPrefix("mask:") ? "mask:" + name : name
        }
        createdAt = record.createdAt
        results = record.savedPaths.indices.map { "/api/results/\(local)/\($0)" }
        savedFiles = record.savedPaths.map { $0.split(separator: "/").last.map(String.init) ?? $0 }
        error = record.error
        errorCode = record.errorCode
        open = record.isOpen
    }
}

/// The background work that follows submitted tasks to their end and downloads their results.
final class StudioTasks: Sendable {
    private let running = Mutex<[Int64: Task<Void, Never>]>([:])

    /// Waits for `record` (recording every poll in the history) and downloads its results into `folder`.
    func follow(_ record: TaskRecord, runner: TaskRunner, folder: String) {
        guard let local = record.localID else { return }
        let task = Task { [weak self] in
            do {
                let done = try await runner.wait(record)
                _ = try await runner.download(done, to: folder)
            } catch {
                // The runner recorded the failure in the history, which is what the page shows.
            }
            _ = self?.running.withLock { $0.removeValue(forKey: local) }
        }
        running.withLock { $0[local] = task }
    }

    /// Stops following (the tasks keep running on the server; `imageprep tasks wait` resumes them).
    func cancelAll() {
        for task in running.withLock({ Array($0.values) }) { task.cancel() }
    }
}
