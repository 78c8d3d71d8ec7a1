import Foundation
import ImageCodecs

/// Fix hints that are runnable `imageprep normalize` command lines:
/// `run: imageprep normalize --size 1536x1024 photo.jpg -o photo-normalized.jpg`.
enum NormalizeHint {
    /// The command for `path` with the given options; the output sits beside the input, named
    /// `<stem>-normalized.<ext>` (`ext` from `format`, else the input's own).
    static func command(_ path: String, size: String? = nil, format: ImageFormat? = nil, maxBytes: Int? = nil) -> String {
        var parts = ["run: imageprep normalize"]
        if let size { parts.append("--size \(size)") }
        if let format { parts.append("--format \(format.rawValue)") }
        if let maxBytes { parts.append("--max-bytes \(bytes(maxBytes))") }
        parts.append(quoted(path))
        parts.append("-o \(quoted(output(for: path, format: format)))")
        return parts.joined(separator: " ")
    }

    /// `photo.jpg` → `photo-normalized.jpg` (or `.png` when `format` is PNG).
    static func output(for path: String, format: ImageFormat?) -> String {
        let slash = path.lastIndex(of: "/").map { path.index(after: $0) } ?? path.startIndex
        let name = path[slash...]
        let dot = name.lastIndex(of: ".").flatMap { $0 == name.startIndex ? nil : $0 }
        let stem = path[..<(dot ?? path.endIndex)]
        let ext = format?.fileExtension ?? dot.map { String(path[path.index(after: $0)...]) } ?? "png"
        return "\(stem)-normalized.\(ext)"
    }

    /// 10000000 → `10MB`, 4500000 → `4500000`.
    static func bytes(_ n: Int) -> String {
        n % 1_000_000 == 0 ? "\(n / 1_000_000)MB" : n % 1000 == 0 ? "\(n / 1000)KB" : "\(n)"
    }

    /// Single-quotes a path for a POSIX shell when it holds anything but safe characters.
    static func quoted(_ path: String) -> String {
        let safe = path.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "/._-+,:@%=".contains($0)) }
        return safe ? path : "'" + path.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
