import ArgumentParser
import Foundation
import ImageAPI
import ImageStudio

extension ImagePrepCommand {
    /// `imageprep studio`: the local web page to upload, draw the mask, check, submit and follow tasks.
    struct StudioCommand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "studio",
            abstract: "Open a local web page to upload a photo, draw the mask, check, submit and follow tasks.",
            discussion: """
                Prints one line, `studio: http://127.0.0.1:PORT/?token=TOKEN`, and opens it in the browser when a \
                desktop is there (not with --no-open). Every request needs the token (a cookie after the first load). \
                Tasks go to the sandbox with --sandbox or when no API key is configured, else to the API; the history \
                is the one `imageprep tasks` reads. Runs until interrupted. See docs/STUDIO.md.
                """)

        @Option(help: "Port to bind; 0 picks a free one.")
        var port = 0

        @Option(help: "Interface to bind (default loopback only; another address exposes the page to the network).")
        var host = "127.0.0.1"

        @Option(help: ArgumentHelp("Folder for uploads, the mask and every task's files and results.",
                                   discussion: "Default $XDG_DATA_HOME/imageprep/studio.", valueName: "DIR"))
        var data: String?

        @Flag(name: .customLong("no-open"), help: "Do not open the browser.")
        var noOpen = false

        @Option(help: "The model selected at start.")
        var model = "gpt-4o-image"

        @OptionGroup var api: APIOptionGroup

        func run() async throws {
            guard (0...65535).contains(port) else { throw ValidationError("--port must be 0…65535") }
            if !["127.0.0.1", "localhost", "::1"].contains(host) {
                Terminal.error("imageprep: warning: binding \(host) exposes the studio beyond this machine (it still needs the token)")
            }
            var api = api
            if !api.sandbox && (try? APIConfiguration.load(environment: api.environment)) == nil {
                Terminal.error("imageprep: no API key configured; tasks go to the local sandbox")
                api.sandbox = true
            }
            let folder = data ?? Self.defaultData(api.environment)
            let checker = BundleRulesChecker(allowInsecureCallbacks: api.sandbox)
            let target = api.sandbox ? "sandbox" : "api"
            do {
                try await api.withRunner(checker: checker) { runner in
                    let running = try await Studio.start(
                        StudioConfiguration(dataDirectory: folder, runner: runner, checker: checker, host: host, port: port,
                                            model: model, target: target, prices: prices(for: runner, api: api)),
                        stopOnSignals: true)
                    FileHandle.standardOutput.write(Data("studio: \(running.url)\n".utf8))
                    if !noOpen { Self.openBrowser(running.url, environment: api.environment) }
                    try await running.wait()
                }
            } catch {
                Terminal.report(error)
                throw ExitCode.usage
            }
        }

        /// The prices of the provider `runner` talks to: its `providers` entry when the configuration has one
        /// for the same host, else the default provider's (the product page's price).
        func prices(for runner: TaskRunner, api: APIOptionGroup) -> [String: ModelPrice] {
            let configuration = runner.client.configuration
            let configured = api.sandbox ? nil : (try? api.providerSet())?.providers.first { $0.configuration?.baseURL == configuration.baseURL }
            return (configured ?? ProviderSet.defaultOnly(configuration).providers[0]).models
        }

        static func defaultData(_ env: [String: String]) -> String {
            let base = env["XDG_DATA_HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? ((env["HOME"] ?? ".") + "/.local/share")
            return base + "/imageprep/studio"
        }

        /// Opens `url` with the desktop's opener when there is a desktop; silently does nothing otherwise.
        static func openBrowser(_ url: String, environment: [String: String]) {
            #if os(macOS)
            let opener = "/usr/bin/open"
            #else
            guard environment["DISPLAY"] != nil || environment["WAYLAND_DISPLAY"] != nil else { return }
            let opener = "/usr/bin/xdg-open"
            #endif
            guard FileManager.default.isExecutableFile(atPath: opener) else { return }
            let process = Process()
            process.executableURL = URL(fileURLWithPath: opener)
            process.arguments = [url]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try? process.run()
        }
    }
}
