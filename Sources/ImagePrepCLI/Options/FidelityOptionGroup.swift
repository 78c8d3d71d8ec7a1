import ArgumentParser
import ImageFidelity

/// `--keep-outside-mask`, `--full-resolution`, `--match-color`, `--change-threshold`: what is done with a
/// masked task's results besides measuring them outside the mask (docs/FIDELITY.md).
struct FidelityOptionGroup: ParsableArguments {
    @Flag(name: .customLong("keep-outside-mask"),
          help: "Write <result>-kept.png beside each result: the base put back everywhere the mask keeps, blended over the mask's soft edge.")
    var keepOutsideMask = false

    @Flag(name: .customLong("full-resolution"),
          help: "Also write <result>-kept-full.jpg|png: the edit carried back onto the original photo at its full size and orientation (implies --keep-outside-mask).")
    var fullResolution = false

    @Flag(name: .customLong("match-color"), help: "Match the result's colour cast inside the mask to the kept surroundings before pasting back.")
    var matchColor = false

    @Option(name: .customLong("change-threshold"),
            help: ArgumentHelp("ΔE00 above which a kept pixel counts as changed.", valueName: "DELTA-E"))
    var changeThreshold = FidelityMeter.defaultThreshold

    func validate() throws {
        guard changeThreshold > 0, changeThreshold.isFinite else {
            throw ValidationError("expected a positive number for --change-threshold, got \(changeThreshold)")
        }
    }

    var options: FidelityOptions {
        FidelityOptions(threshold: changeThreshold, keepOutsideMask: keepOutsideMask, fullResolution: fullResolution, matchColor: matchColor)
    }
}
