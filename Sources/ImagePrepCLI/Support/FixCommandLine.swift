import Foundation
import ImagePrep

/// The `imageprep` command that applies a rule's fix, as the CLI prints it after `hint:`
/// (`run: imageprep normalize --size 1536x1024 photo.jpg -o photo-normalized.jpg`). The library's hints
/// are words for people; only the CLI speaks in command lines.
enum FixCommandLine {
    /// `issue` with its hint phrased for the terminal: the fix in CLI terms, after the rule's own words when
    /// they say more than the fix's summary.
    static func phrased(_ issue: RuleIssue) -> RuleIssue {
        guard let fix = issue.fix else { return issue }
        var phrased = issue
        let cli = hint(for: fix)
        phrased.hint = issue.hint.flatMap { $0 == fix.summary ? nil : "\($0); \(cli)" } ?? cli
        return phrased
    }

    /// `run: ` and the command line for fixes that are a command, `use --flag value` for request options.
    static func hint(for fix: RuleIssue.Fix) -> String {
        switch fix {
        case .size, .n: "use " + line(for: fix)
        case .normalize, .drawMask: "run: " + line(for: fix)
        }
    }

    /// The command line of a `.normalize` or `.drawMask` fix; the flag and value of a `.size` or `.n` fix.
    static func line(for fix: RuleIssue.Fix) -> String {
        switch fix {
        case .normalize(let file, let size, let format, let maxBytes):
            var parts = ["imageprep normalize"]
            if let size { parts.append("--size \(size)") }
            if let format { parts.append("--format \(format.rawValue)") }
            if let maxBytes { parts.append("--max-bytes \(bytes(maxBytes))") }
            parts.append(quoted(file))
            parts.append("-o \(quoted(output(for: file, format: format)))")
            return parts.joined(separator: " ")
        case .size(let size):
            return "--size \(size)"
        case .n(let n):
            return "--n \(n)"
        case .drawMask(let base, let hardEdges, let inverted):
            var parts = ["imageprep mask --base \(base.map(quoted) ?? "IMAGE") … -o mask.png"]
            if hardEdges { parts.append("--hard") }
            if inverted { parts.append("--invert") }
            return parts.joined(separator: " ")
        }
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

    /// 10000000 → `10MB`, 4500000 → `4500KB`, 4500001 → `4500001`.
    static func bytes(_ n: Int) -> String {
        n % 1_000_000 == 0 ? "\(n / 1_000_000)MB" : n % 1000 == 0 ? "\(n / 1000)KB" : "\(n)"
    }

    /// Single-quotes a path for a POSIX shell when it holds anything but safe characters.
    static func quoted(_ path: String) -> String {
        let safe = path.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "/._-+,:@%=".contains($0)) }
        return safe ? path : "'" + path.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
