/// A task's status as the API reports it. Unknown values decode as themselves (a struct, not an enum).
public struct TaskStatus: RawRepresentable, Hashable, Sendable, Codable, CustomStringConvertible {
    public var rawValue: String

    public init(rawValue: String) { self.rawValue = rawValue.lowercased() }

    public static let pending = TaskStatus(rawValue: "pending")
    public static let processing = TaskStatus(rawValue: "processing")
    public static let completed = TaskStatus(rawValue: "completed")
    public static let failed = TaskStatus(rawValue: "failed")
    /// Not documented as a status, but callbacks fire on cancellation and clients filter by it.
    public static let cancelled = TaskStatus(rawValue: "cancelled")

    /// Whether the task will not change any more: completed, failed, cancelled (or `canceled`).
    public var isTerminal: Bool { [Self.completed, .failed, .cancelled, TaskStatus(rawValue: "canceled")].contains(self) }

    public var description: String { rawValue }

    public init(from decoder: any Decoder) throws {
        self.init(rawValue: try decoder.singleValueContainer().decode(String.self))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}
