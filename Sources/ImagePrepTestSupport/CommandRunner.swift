import Foundation

/// Runs the built `imageprep` executable as a subprocess, the way a person or CI would.
public enum CommandRunner {
    /// The result of one run.
    public struct Result: Sendable {
        public var status: Int32
        public var stdout: String
        public var stderr: String
        public var stdoutBytes: [UInt8]
    }

    /// The built `imageprep` is not where the tests look: the test targets depend on the executable, so this
    /// is a broken build, reported as a failure.
    public struct MissingExecutable: Error, CustomStringConvertible {
        public var path: String
        public var description: String { "imageprep is not built at \(path) (the test target must depend on ImagePrepCLI)" }
    }

    /// The `imageprep` binary beside the running test bundle (`.build/<config>/imageprep`).
    public static var executablePath: String { path(of: "imageprep") }

    /// The built executable `name` (a product of this package) beside the running test bundle.
    public static func path(of name: String) -> String {
        let exe = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        var dir = URL(fileURLWithPath: exe).deletingLastPathComponent()
        // Inside an .xctest bundle on Darwin the binary sits three levels down.
        while dir.path.contains(".xctest") { dir = dir.deletingLastPathComponent() }
        return dir.appendingPathComponent(name).path
    }

    /// Runs `imageprep` (or another built `executable`) with `arguments`, optional standard input and extra
    /// environment variables.
    public static func run(_ arguments: [String], stdin: [UInt8]? = nil, environment: [String: String] = [:],
                           currentDirectory: String? = nil, executable: String = "imageprep") throws -> Result {
        let executablePath = path(of: executable)
        guard FileManager.default.isExecutableFile(atPath: executablePath) else {
            throw MissingExecutable(path: executablePath)
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executablePath)
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        for (k, v) in environment { env[k] = v }
        process.environment = env
        if let currentDirectory { process.currentDirectoryURL = URL(fileURLWithPath: currentDirectory) }
        let out = Pipe(), err = Pipe(), input = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = input
        try process.run()
        // Read both pipes concurrently so a chatty child never blocks on a full pipe.
        let group = DispatchGroup()
        nonisolated(unsafe) var outData = Data(), errData = Data()
        DispatchQueue.global().async(group: group) { outData = out.fileHandleForReading.readDataToEndOfFile() }
        DispatchQueue.global().async(group: group) { errData = err.fileHandleForReading.readDataToEndOfFile() }
        if let stdin { input.fileHandleForWriting.write(Data(stdin)) }
        try? input.fileHandleForWriting.close()
        group.wait()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                      stderr: String(decoding: errData, as: UTF8.self), stdoutBytes: [UInt8](outData))
    }

    /// `run`, waited for on a Dispatch thread instead of a Swift concurrency one: a test whose child talks to
    /// an in-process server (the sandbox) must not hold one of the few cooperative threads that server needs.
    public static func result(of arguments: [String], stdin: [UInt8]? = nil, environment: [String: String] = [:],
                              currentDirectory: String? = nil, executable: String = "imageprep") async throws -> Result {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(with: Swift.Result {
                    try run(arguments, stdin: stdin, environment: environment, currentDirectory: currentDirectory,
                            executable: executable)
                })
            }
        }
    }

    /// A new empty temporary folder.
    public static func temporaryDirectory() throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("imageprep-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url.path
    }
}
