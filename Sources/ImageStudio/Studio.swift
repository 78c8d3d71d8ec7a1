import Foundation
import Hummingbird
import ImageSandbox
import Logging
import ServiceLifecycle
import UnixSignals
import SystemIO
public import ImageCore

/// ImagePrep Studio: a local web page to upload photos, draw the mask, check, submit and follow tasks, served
/// over the library (see docs/STUDIO.md).
public enum Studio {
    /// Why the studio could not start.
    public struct StartError: ImagePrepError {
        /// What went wrong ("could not listen on 127.0.0.1:8080: …").
        public var message: String

        public init(message: String) { self.message = message }
    }

    /// Starts the studio and returns once it is listening.
    ///
    /// - Parameters:
    ///   - configuration: address, data folder, runner and checker.
    ///   - stopOnSignals: shut down gracefully on SIGINT and SIGTERM (the CLI). Default false.
    /// - Throws: `StartError` when the port cannot be bound or the page's resources are missing;
    ///   `FileIOError` when the data folder cannot be made.
    public static func start(_ configuration: StudioConfiguration, stopOnSignals: Bool = false) async throws -> RunningStudio {
        try LocalFile.makeDirectories(configuration.dataDirectory)
        let assets: StudioAssets
        do { assets = try StudioAssets() } catch { throw StartError(message: "\(error)") }
        let token = StudioToken(configuration.token)
        let authorities = StudioAuthorities()
        let server = StudioServer(configuration: configuration,
                                  session: StudioSession(dataDirectory: configuration.dataDirectory, model: configuration.model),
                                  assets: assets)
        var logger = Logger(label: "imageprep.studio")
        logger.logLevel = .warning
        let listening: LocalServer
        do {
            listening = try await LocalServer.listen(router: server.makeRouter(token: token, authorities: authorities),
                                                     host: configuration.host, port: configuration.port,
                                                     serverName: "ImagePrep-Studio", stopOnSignals: stopOnSignals, logger: logger)
        } catch {
            throw StartError(message: "\(error)")
        }
        let port = listening.port
        authorities.bind(host: configuration.host, port: port)
        let origin = listening.origin(host: configuration.host)
        return RunningStudio(origin: origin, port: port, token: token.value, group: listening.group, runTask: listening.runTask, tasks: server.tasks)
    }
}
