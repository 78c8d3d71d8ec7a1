#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Memory pages given back to the system while the buffer holding them lives on: for input that has been read
/// front to back and will not be read again, so that it stops counting in the process's resident memory.
public enum MemoryPages {
    /// The system's page size, in bytes.
    public static let size = max(1, Int(sysconf(Int32(_SC_PAGESIZE))))

    /// Gives back the whole pages between `start` and `end` (`madvise(MADV_DONTNEED)`). They stay mapped: reading
    /// them is safe and gives zeros on Linux (undefined contents elsewhere). The partial pages at either end are
    /// kept. Returns where the last page given back ends (`start`
    /// rounded up to a page when there was none), the `start` of the next call.
    ///
    /// - Precondition: `start...end` lies in one writable allocation the caller owns and no one reads again.
    @discardableResult
    public static func discard(from start: UnsafeRawPointer, to end: UnsafeRawPointer) -> UnsafeRawPointer {
        let mask = UInt(size - 1)
        let first = (UInt(bitPattern: start) + mask) & ~mask
        let last = UInt(bitPattern: end) & ~mask
        guard last > first, let from = UnsafeMutableRawPointer(bitPattern: first) else {
            return UnsafeRawPointer(bitPattern: first) ?? start
        }
        _ = madvise(from, Int(last - first), Int32(MADV_DONTNEED))  // advice: a refusal leaves the pages resident
        return UnsafeRawPointer(from + Int(last - first))
    }
}
