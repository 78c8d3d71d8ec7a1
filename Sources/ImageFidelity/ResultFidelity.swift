/// The fidelity of one downloaded result: its figures and the composited files written beside it.
public struct ResultFidelity: Sendable, Hashable, Codable {
    /// The result's index in the task.
    public var index: Int
    /// The raw result file (kept as downloaded).
    public var path: String
    /// The figures measured outside the mask.
    public var report: FidelityReport
    /// The colour cast and the gains applied inside the mask, when `matchColor` was asked.
    public var colorMatch: ColorMatch?
    /// The base composited over the kept region (`<name>-kept.png`), when written.
    public var keptPath: String?
    /// The edit carried onto the full-size original (`<name>-kept-full.jpg|png`), when written.
    public var fullResolutionPath: String?

    enum CodingKeys: String, CodingKey {
        case index, path, report, colorMatch = "color_match", keptPath = "kept_path", fullResolutionPath = "full_resolution_path"
    }

    public init(index: Int, path: String, report: FidelityReport, colorMatch: ColorMatch? = nil,
                keptPath: String? = nil, fullResolutionPath: String? = nil) {
        self.index = index
        self.path = path
        self.report = report
        self.colorMatch = colorMatch
        self.keptPath = keptPath
        self.fullResolutionPath = fullResolutionPath
    }
}
