/// What became of one result URL: the saved path, or why it could not be saved.
public struct SavedResult: Sendable, Equatable {
    /// 1-based position in the task's `results`.
    public var index: Int
    public var url: String
    /// `DIR/<task-id>-<index>.<ext>` when saved.
    public var path: String?
    /// The error text when not saved.
    public var failure: String?

    public init(index: Int, url: String, path: String? = nil, failure: String? = nil) {
        self.index = index
        self.url = url
        self.path = path
        self.failure = failure
    }
}
