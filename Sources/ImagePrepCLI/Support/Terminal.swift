import ArgumentParser
import ImageCore
import SystemIO

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writing to standard error and knowing whether it is a terminal.
enum Terminal {
    /// Writes one line to standard error.
    static func error(_ line: String) {
        var text = line
        if !text.hasSuffix("\n") { text += "\n" }
        try? LocalFile.writeAll(STDERR_FILENO, Array(text.utf8), path: "-")
    }

    /// Writes a failure as `imageprep: <description>` to standard error.
    static func report(_ error: any Error) {
        Self.error("imageprep: \(error)")
    }

    /// Ends the process with `code`.
    static func exit(_ code: Int32) -> Never {
        #if canImport(Glibc)
        Glibc.exit(code)
        #else
        Darwin.exit(code)
        #endif
    }

    /// Whether standard error is a terminal (progress bars are drawn only then).
    static var stderrIsTTY: Bool { isatty(STDERR_FILENO) == 1 }

    /// Whether standard output is a terminal.
    static var stdoutIsTTY: Bool { isatty(STDOUT_FILENO) == 1 }
}

extension ExitCode {
    /// A file failed or a check found errors.
    static let fileFailed = ExitCode(1)
    /// Bad usage or an I/O failure before any work.
    static let usage = ExitCode(2)
    /// A transient failure (disk full, I/O error, unwritable output): retry; done work is skipped (EX_TEMPFAIL).
    static let tempFail = ExitCode(75)
}
