public import ArgumentParser
import Foundation
public import ImageAPI
import ImagePrep
import ImageSandbox

/// Options shared by the commands that talk to the API or read the task history.
///
/// Environment: `IMAGEPREP_API_KEY` (or `api_key` in the config file), `IMAGEPREP_BASE_URL`,
/// `IMAGEPREP_FILES_URL`, `IMAGEPREP_CONFIG`, `XDG_DATA_HOME`, `XDG_CONFIG_HOME`, and
/// `IMAGEPREP_TIME_SCALE` (a factor on every wait: poll intervals, backoff, timeouts; for tests).
struct APIOptionGroup: ParsableArguments {
    @Option(help: ArgumentHelp("Task history database.", discussion: "Default $XDG_DATA_HOME/imageprep/tasks.sqlite (~/.local/share/...).", valueName: "PATH"))
    var store: String?

    @Option(help: "Keep the newest N tasks in the history (open tasks are never dropped).")
    var keep = 20

    @Option(help: ArgumentHelp("Stop waiting for a task after this many seconds (it keeps running; resume with `tasks wait`).", valueName: "SECONDS"))
    var timeout: Double = 300

    @Option(help: ArgumentHelp("How local files are uploaded: stream (multipart) or base64.", valueName: "VARIANT"))
    var upload: UploadVariant = .stream

    @Flag(name: .long, help: "Trace every request and response on standard error (the key is redacted).")
    var verbose = false

    @Flag(help: ArgumentHelp("Start the local sandbox in-process on a free loopback port and talk to it (offline; its tasks end with the command).",
                             discussion: "See docs/SANDBOX.md. No key is needed; IMAGEPREP_BASE_URL and IMAGEPREP_FILES_URL are ignored."))
    var sandbox = false

    @Option(name: .customLong("sandbox-task-duration"), help: ArgumentHelp("With --sandbox: seconds from create to completion.", valueName: "SECONDS"))
    var sandboxTaskDuration: Double = 3

    @Flag(name: .customLong("sandbox-drift"),
          help: "With --sandbox: edits also drift the kept region (2 px shift, colour cast, noise), as real models do.")
    var sandboxDrift = false

    func validate() throws {
        guard keep >= 1 else { throw ValidationError("expected a positive number for --keep, got \(keep)") }
        guard timeout > 0 else { throw ValidationError("expected a positive number of seconds for --timeout, got \(timeout)") }
    }

    var environment: [String: String] { ProcessInfo.processInfo.environment }

    /// The task history at `--store` or the default path.
    func history() throws -> TaskHistory {
        try TaskHistory(path: store ?? TaskHistory.defaultPath(environment: environment), keep: keep)
    }

    /// Runs `body` with a runner: configured from the environment, or, with `--sandbox`, talking to a
    /// sandbox started for the duration of `body` (shut down afterwards, whatever happens).
    func withRunner<T>(checker: any SubmissionChecker = BundleRulesChecker(),
                       _ body: (TaskRunner) async throws -> T) async throws -> T {
        guard sandbox else { return try await body(runner(checker: checker)) }
        var configuration = SandboxConfiguration(taskDuration: sandboxTaskDuration, allowInsecureCallbacks: true)
        configuration.drift = sandboxDrift ? ResultDrift() : nil
        let running = try await Sandbox.start(configuration)
        Terminal.error("imageprep: sandbox listening on \(running.baseURL)")
        do {
            let result = try await body(runner(configuration: running.apiConfiguration, checker: checker))
            try await running.shutdown()
            return result
        } catch {
            try? await running.shutdown()
            throw error
        }
    }

    /// A runner with the configuration from the environment (or `configuration`) and the history.
    func runner(configuration: APIConfiguration? = nil, checker: any SubmissionChecker = BundleRulesChecker()) throws -> TaskRunner {
        let configuration = try configuration ?? APIConfiguration.load(environment: environment)
        let scale = environment["IMAGEPREP_TIME_SCALE"].flatMap(Double.init) ?? 1
        var client = ImageAPIClient(configuration: configuration, sleeper: SystemSleeper(scale: scale))
        if verbose {
            client.trace = { line in Terminal.error("imageprep: \(line)") }
        }
        return TaskRunner(client: client, history: try history(), checker: checker,
                          polling: PollingOptions(timeout: .milliseconds(Int64(timeout * 1000))), uploadVariant: upload)
    }
}

extension UploadVariant: ExpressibleByArgument {}
