#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import SystemIO

/// Why an item failed, which decides what a job engine should do: a bad input fails the same way on every
/// retry (do not retry the shard: exit 1); a transient failure is the machine's (disk full, I/O error, out of
/// memory, an output volume that is missing or read-only) and a retry elsewhere may pass (exit 75).
public enum FailureKind: String, Sendable, Hashable, Codable {
    case badInput = "bad-input"
    case transient

    /// The `errno` values that say "the machine, not the file": EIO, ENOSPC, EDQUOT, EFBIG (a file size limit
    /// or quota), ENOMEM, EAGAIN, EINTR, EBUSY, ETIMEDOUT, ESTALE (NFS), ENFILE, EMFILE, EROFS, ENOLCK and the
    /// network errors of a remote volume.
    public static let transientCodes: Set<Int32> = [
        EIO, ENOSPC, EDQUOT, EFBIG, ENOMEM, EAGAIN, EINTR, EBUSY, ETIMEDOUT, ESTALE, ENFILE, EMFILE, EROFS, ENOLCK,
        ENETDOWN, ENETUNREACH, ENETRESET, ECONNRESET, ECONNABORTED, EHOSTUNREACH,
    ]

    /// Classifies an error from working on the input at `input`: a file error with a transient `errno`, or
    /// any file error about another file than the input (the output, its folder), is transient; everything
    /// else (decode errors, limits, a missing or changed input) is bad input.
    public static func classify(_ error: any Error, input: String) -> FailureKind {
        if error is CancellationError { return .transient }
        guard let io = error as? FileIOError else { return .badInput }
        if let code = io.code, transientCodes.contains(code) { return .transient }
        if let file = io.file, file != input { return .transient }
        return .badInput
    }
}

/// The exit status a shard run ends with, for the engines' retry policies (docs/SCALE.md).
public enum BatchExitStatus: Int32, Sendable, Hashable, Codable {
    /// Every item is done (written now or before).
    case done = 0
    /// Some items are bad input; the rest are done. Retrying the shard cannot help.
    case badInput = 1
    /// Some items (or the report) failed for a transient reason: retry the shard; done work is skipped.
    case transient = 75

    /// The status for these failures: transient wins over bad input (a retry is needed, and the retry ends
    /// with 1 if only bad inputs remain).
    public static func of(_ failures: [FailureKind]) -> BatchExitStatus {
        if failures.contains(.transient) { return .transient }
        return failures.isEmpty ? .done : .badInput
    }
}
