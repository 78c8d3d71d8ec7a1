import Foundation
import ImageAPI

/// Shows a task's progress on standard error: a redrawn bar on a terminal, nothing otherwise.
struct TaskProgress: Sendable {
    let enabled: Bool

    init(enabled: Bool = Terminal.stderrIsTTY) {
        self.enabled = enabled
    }

    /// Draws the bar for `task` (`[########------------]  40% processing task-…`).
    func update(_ task: TaskObject) {
        guard enabled else { return }
        let width = 24
        let filled = min(width, max(0, task.progress * width / 100))
        let bar = String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled)
        let percent = String(task.progress).leftPadded(to: 3)
        FileHandle.standardError.write(Data(("\r\u{1B}[2K[\(bar)] \(percent)% \(task.status) \(task.id)" + (task.status.isTerminal ? "\n" : "")).utf8))
    }
}

extension String {
    func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: " ", count: width - count) + self
    }
}
