/// What `FidelityRun` does with each result besides measuring it.
public struct FidelityOptions: Sendable, Hashable {
    /// ΔE00 above which a kept pixel counts as changed. Default 5.
    public var threshold: Double
    /// Write the base composited back over the kept region beside the result (`<name>-kept.png`). Default false.
    public var keepOutsideMask: Bool
    /// Also carry the edit back onto the original photo at its full size and orientation
    /// (`<name>-kept-full.jpg`, or `.png` when the original is not a JPEG). Needs the original and the
    /// transform in the source. Default false.
    public var fullResolution: Bool
    /// Match the result's global colour cast inside the mask to the kept surroundings before pasting back
    /// (`ColorMatch`). Default false.
    public var matchColor: Bool

    public init(threshold: Double = FidelityMeter.defaultThreshold, keepOutsideMask: Bool = false,
                fullResolution: Bool = false, matchColor: Bool = false) {
        self.threshold = threshold
        self.keepOutsideMask = keepOutsideMask || fullResolution
        self.fullResolution = fullResolution
        self.matchColor = matchColor
    }
}
