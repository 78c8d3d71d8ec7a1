import ArgumentParser
import Foundation
import ImageSandbox

extension ImagePrepCommand {
    /// `imageprep sandbox`: runs the local image-API server until SIGINT/SIGTERM.
    struct SandboxCommand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "sandbox",
            abstract: "Run a local server that speaks the image API (tasks, uploads, credits, callbacks, faults).",
            discussion: """
                API and file service share one origin: point both IMAGEPREP_BASE_URL and IMAGEPREP_FILES_URL at the \
                printed URL. Runs until interrupted (SIGINT/SIGTERM) and shuts down cleanly. See docs/SANDBOX.md.
                """)

        @Option(help: "Interface to bind.")
        var host = "127.0.0.1"

        @Option(help: "Port to bind; 0 picks a free one.")
        var port = 0

        @Option(help: "The Bearer key clients must send (default: \(SandboxConfiguration.defaultKey)).")
        var key: String?

        @Option(help: "Directory for persistent state; in memory when absent.")
        var data: String?

        @Option(help: "Seconds (sandbox clock) from create to completed/failed.")
        var taskDuration: Double = 10

        @Option(help: "Sandbox clock speed: 3600 makes a 24 h result link expire after 24 real seconds.")
        var clockFactor: Double = 1

        @Option(help: "Credits on a fresh account.")
        var credits: Double = 1000

        @Option(help: "Most live uploaded files.")
        var maxFiles = 100

        @Flag(help: "Accept http:// and loopback/private callback URLs.")
        var allowInsecureCallbacks = false

        @Option(help: "Seed for every fault decision.")
        var seed: UInt64 = 0

        @Option(help: "Fraction 0…1 of API requests answered 500/502/503 (no side effect).")
        var failRate: Double = 0

        @Option(help: "With --fail-rate: answer every injected failure with this status (500, 502 or 503).")
        var failStatus: Int?

        @Option(help: ArgumentHelp("Bursts of 429 + Retry-After: of every PERIOD API requests (in arrival order), the first LENGTH are refused, e.g. 100:10.",
                                   valueName: "PERIOD:LENGTH"))
        var throttleBursts: String?

        @Option(help: "Requests per second before 429 + Retry-After, e.g. 5 or 5/s.")
        var rateLimit: String?

        @Option(help: "Extra delay per response in seconds: 0.2 or a range 0.1-0.5.")
        var latency: String?

        @Option(help: "Fraction 0…1 of API responses cut off mid-body (the request IS handled).")
        var dropRate: Double = 0

        @Option(help: "Make tasks fail with this error code, e.g. generation_timeout.")
        var taskFailure: String?

        @Option(help: "Fraction 0…1 of tasks that fail with --task-failure.")
        var taskFailureRate: Double = 1

        @OptionGroup var provider: SandboxProviderOptions
        @Flag(help: "Edits also drift the kept region as real models do: a 2 px shift, a slight colour cast and noise (docs/FIDELITY.md).")
        var drift = false

        func run() async throws {
            var faults: SandboxConfiguration.Faults
            do {
                faults = try SandboxConfiguration.Faults(
                    seed: seed, failRate: Self.fraction(failRate, "--fail-rate"),
                    rateLimit: rateLimit.map { try Self.parseRate($0) }, latency: latency.map { try Self.parseLatency($0) } ?? 0...0,
                    dropRate: Self.fraction(dropRate, "--drop-rate"), taskFailureCode: taskFailure,
                    taskFailureRate: Self.fraction(taskFailureRate, "--task-failure-rate"))
                faults.failStatus = try failStatus.map { try Self.parseFailStatus($0) }
                faults.throttleBursts = try throttleBursts.map { try Self.parseBursts($0) }
                guard port >= 0, port <= 65535 else { throw UsageError("--port must be 0…65535") }
                guard clockFactor > 0 else { throw UsageError("--clock-factor must be positive") }
                guard taskDuration >= 0 else { throw UsageError("--task-duration must not be negative") }
            } catch let error as UsageError {
                FileHandle.standardError.write(Data("imageprep sandbox: \(error.message)\n".utf8))
                throw ExitCode(2)
            }
            var configuration = SandboxConfiguration(
                host: host, port: port, apiKey: key ?? SandboxConfiguration.defaultKey, dataDirectory: data,
                taskDuration: taskDuration, allowInsecureCallbacks: allowInsecureCallbacks, faults: faults,
                clock: clockFactor == 1 ? .system : .scaled(by: clockFactor), initialCredits: credits,
                creditsPerImage: provider.price, maxFiles: maxFiles)
            configuration.providerFaults = provider.faults
            configuration.drift = drift ? ResultDrift() : nil
            let running: RunningSandbox
            do {
                running = try await Sandbox.start(configuration, stopOnSignals: true)
            } catch {
                FileHandle.standardError.write(Data("imageprep sandbox: \(error)\n".utf8))
                throw ExitCode(2)
            }
            // Unbuffered, so a parent process reading the pipe sees the URLs at once.
            let banner = """
                sandbox listening on \(running.baseURL)
                IMAGEPREP_BASE_URL=\(running.baseURL)
                IMAGEPREP_FILES_URL=\(running.baseURL)
                key: \(key == nil ? "the default sandbox key (see docs/SANDBOX.md)" : "as given with --key")

                """
            FileHandle.standardOutput.write(Data(banner.utf8))
            if provider.down { try await SandboxProviderOptions.goDown(running) }
            try await running.wait()
            FileHandle.standardOutput.write(Data("sandbox stopped\n".utf8))
        }

        struct UsageError: Error {
            var message: String
            init(_ message: String) { self.message = message }
        }

        static func fraction(_ value: Double, _ name: String) throws -> Double {
            guard (0...1).contains(value) else { throw UsageError("\(name) must be between 0 and 1") }
            return value
        }

        /// "5", "5/s".
        static func parseRate(_ text: String) throws -> Int {
            let number = text.hasSuffix("/s") ? String(text.dropLast(2)) : text
            guard let value = Int(number), value > 0 else { throw UsageError("--rate-limit must look like 5 or 5/s") }
            return value
        }

        /// 500, 502 or 503.
        static func parseFailStatus(_ status: Int) throws -> Int {
            guard [500, 502, 503].contains(status) else { throw UsageError("--fail-status must be 500, 502 or 503") }
            return status
        }

        /// "100:10": period 100, length 0…period.
        static func parseBursts(_ text: String) throws -> SandboxConfiguration.Faults.ThrottleBursts {
            let parts = text.split(separator: ":").map { Int($0) }
            guard parts.count == 2, let period = parts[0], let length = parts[1], period >= 1, (0...period).contains(length) else {
                throw UsageError("--throttle-bursts must look like 100:10 (PERIOD ≥ 1, 0 ≤ LENGTH ≤ PERIOD)")
            }
            return .init(period: period, length: length)
        }

        /// "0.2", "0.1-0.5", optionally with an "s" or "ms" unit.
        static func parseLatency(_ text: String) throws -> ClosedRange<Double> {
            func seconds(_ part: Substring) throws -> Double {
                let trimmed = part.trimmingCharacters(in: .whitespaces)
                let value: Double?
                if trimmed.hasSuffix("ms") { value = Double(trimmed.dropLast(2)).map { $0 / 1000 } }
                else if trimmed.hasSuffix("s") { value = Double(trimmed.dropLast()) }
                else { value = Double(trimmed) }
                guard let value, value >= 0 else { throw UsageError("--latency must look like 0.2, 200ms or 0.1-0.5") }
                return value
            }
            let parts = text.split(separator: "-", maxSplits: 1)
            let low = try seconds(parts[0])
            let high = parts.count > 1 ? try seconds(parts[1]) : low
            guard low <= high else { throw UsageError("--latency range must be low-high") }
            return low...high
        }
    }
}
