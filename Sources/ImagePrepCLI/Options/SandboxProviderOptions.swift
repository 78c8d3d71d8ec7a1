import ArgumentParser
import Dispatch
import Foundation
import ImageSandbox
#if canImport(Glibc)
import Glibc
#endif

/// `imageprep sandbox` options that make one sandbox one provider among several: its price and the
/// provider-level faults (docs/CLIENT.md, "Providers").
struct SandboxProviderOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Credits reserved per requested image and charged per produced image.", valueName: "CREDITS"))
    var price: Double = 1.5

    @Flag(help: "Refuse connections after start: print the URLs, then close the port (a provider that is down).")
    var down = false

    @Option(name: .customLong("fail-creates"), help: ArgumentHelp("Answer every create with this HTTP status (e.g. 503, 402, 400); no task, no charge.", valueName: "STATUS"))
    var failCreates: Int?

    @Flag(name: .customLong("accept-then-drop"), help: "Create the task, then cut the connection before the answer is complete (a replay of the same idempotency key answers normally).")
    var acceptThenDrop = false

    func validate() throws {
        guard price >= 0, price.isFinite else { throw ValidationError("--price must be a non-negative number of credits") }
        if let failCreates, !(400...599).contains(failCreates) { throw ValidationError("--fail-creates must be an HTTP error status 400…599") }
    }

    var faults: SandboxConfiguration.ProviderFaults {
        SandboxConfiguration.ProviderFaults(failCreates: failCreates, acceptThenDrop: acceptThenDrop)
    }

    /// Closes the port (connections are refused from now on) and waits for SIGINT or SIGTERM.
    static func goDown(_ running: RunningSandbox) async throws {
        try await running.shutdown()
        FileHandle.standardOutput.write(Data("sandbox down: connections to port \(running.port) are refused until it is stopped\n".utf8))
        let signals = [SIGINT, SIGTERM]
        for signal in signals { _ = Glibc.signal(signal, SIG_IGN) }
        let sources = signals.map { DispatchSource.makeSignalSource(signal: $0, queue: .global()) }
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let once = OnceFlag()
            for source in sources {
                source.setEventHandler { if once.claim() { continuation.resume() } }
                source.resume()
            }
        }
        for source in sources { source.cancel() }
    }

    /// A flag that can be claimed once across threads.
    final class OnceFlag: @unchecked Sendable {
        private let lock = NSLock()
        private var claimed = false

        func claim() -> Bool {
            lock.lock()
            defer { lock.unlock() }
            if claimed { return false }
            claimed = true
            return true
        }
    }
}
