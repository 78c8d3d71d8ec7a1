import Foundation

/// How far a result strayed from the base where the mask says to keep it: the figures of `FidelityMeter`.
///
/// Colour differences are CIEDE2000 (ΔE00) between the base and the result (brought to the base's size)
/// at every wholly kept pixel (edit weight 0). The shift is the translation that best aligns the result
/// with the base over those pixels (`ShiftEstimator`).
public struct FidelityReport: Sendable, Hashable, Codable {
    /// Mean ΔE00 over the kept pixels.
    public var meanDeltaE: Double
    /// 99th-percentile ΔE00 over the kept pixels (to 0.01).
    public var p99DeltaE: Double
    /// Share of kept pixels whose ΔE00 exceeds `threshold`, 0…1.
    public var changedShare: Double
    /// The ΔE00 above which a kept pixel counts as changed. Default 5.
    public var threshold: Double
    /// Wholly kept pixels measured (edit weight 0).
    public var keptPixels: Int
    /// Estimated global shift of the result against the base, in base pixels (x right, y down): the result's
    /// content sits this far from where the base has it.
    public var shiftX: Double
    public var shiftY: Double
    /// The result's own size when it differed from the base's (it was resized to the base's size), else nil.
    public var resultWidth: Int?
    public var resultHeight: Int?

    enum CodingKeys: String, CodingKey {
        case meanDeltaE = "mean_delta_e", p99DeltaE = "p99_delta_e", changedShare = "changed_share", threshold
        case keptPixels = "kept_pixels", shiftX = "shift_x", shiftY = "shift_y"
        case resultWidth = "result_width", resultHeight = "result_height"
    }

    /// The shift's length in pixels.
    public var shiftLength: Double { (shiftX * shiftX + shiftY * shiftY).squareRoot() }

    /// One line for people: `kept region: mean ΔE00 1.23, p99 4.56, 12.3 % changed (ΔE00 > 5.0), shift (+2.0, -0.1) px`.
    public var summary: String {
        String(format: "kept region: mean ΔE00 %.2f, p99 %.2f, %.1f %% changed (ΔE00 > %.1f), shift (%+.1f, %+.1f) px",
               meanDeltaE, p99DeltaE, changedShare * 100, threshold, shiftX, shiftY)
    }
}
