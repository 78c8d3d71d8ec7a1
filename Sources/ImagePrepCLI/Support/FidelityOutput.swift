import Foundation
import ImageAPI
import ImageCodecs
import ImageFidelity
import ImagePrep
import ImageRules

/// How a masked task's fidelity figures are printed in text (the JSON is `ResultFidelity`'s own coding).
enum FidelityOutput {
    /// One line per result with its figures, then one per composite written.
    static func lines(_ results: [ResultFidelity]) -> [String] {
        results.flatMap { entry -> [String] in
            var lines = ["fidelity \(entry.index): \(entry.report.summary)"]
            if let match = entry.colorMatch {
                let gains = match.gains.map { String(format: "%.3f", $0) }.joined(separator: ", ")
                lines.append(String(format: "fidelity \(entry.index): colour cast ΔE00 %.2f, matched with gains (\(gains)), residual %.2f",
                                    match.castDeltaE, match.residualDeltaE))
            }
            if let kept = entry.keptPath { lines.append("kept outside mask: \(kept)") }
            if let full = entry.fullResolutionPath { lines.append("full resolution:   \(full)") }
            return lines
        }
    }
}

extension FidelityOutput {
    /// For a bundle with a local base and mask: records what its task's results are measured against, then
    /// measures the saved results and writes the composites `options` ask for. A failure here is reported on
    /// standard error and leaves the results saved. Returns the figures (nil for an unmasked bundle) and
    /// whether it succeeded.
    static func measure(_ bundle: BundleManifest, _ record: TaskRecord, history: TaskHistory,
                        options: FidelityOptions, decoding: DecodeOptions = .init()) -> (figures: [ResultFidelity]?, ok: Bool) {
        guard let source = FidelitySource(manifest: bundle) else { return (nil, true) }
        do {
            try FidelityPass.record(source, for: record, in: history)
            return (try FidelityPass(options: options, decoding: decoding).apply(to: record, history: history), true)
        } catch {
            Terminal.report(error)
            return (nil, false)
        }
    }
}
