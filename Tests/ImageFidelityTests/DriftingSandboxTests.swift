import Foundation
import ImagePrep
import ImagePrepTestSupport
import Testing

/// The measure and the paste-back against the sandbox's drifting mode (`SandboxConfiguration.drift`), through
/// the one-call edit: what a real model does to the kept region is reported, then undone.
@Suite struct DriftingSandboxTests {
    static let polling = PollingOptions(firstDelay: .milliseconds(50), minInterval: .milliseconds(50),
                                        maxInterval: .milliseconds(100), timeout: .seconds(120))

    /// A textured 512x512 PNG photo.
    static func photo() throws -> String {
        let path = try CommandRunner.temporaryDirectory() + "/photo.png"
        try ImageFile.writeAtomically(try ImageEncoder.encode(Fixtures.texture(512, 512, seed: 4), as: .png()), to: path)
        return path
    }

    /// Edits the photo's middle (a 200x200 square, feather σ 3 px) at 1024x1024 against a sandbox with `drift`.
    static func edit(drift: ResultDrift?, fidelity: FidelityOptions) async throws -> (ImageEditor.Result, TaskHistory, String) {
        var configuration = SandboxConfiguration(taskDuration: 0.1)
        configuration.drift = drift
        let sandbox = try await Sandbox.start(configuration)
        let history = try TaskHistory(inMemory: 20)
        do {
            var editor = ImageEditor(runner: try sandbox.taskRunner(history: history, polling: polling),
                                     options: PrepareOptions(normalize: NormalizeOptions(size: TargetSize(parsing: "1024x1024")!),
                                                             mask: Mask.RenderOptions(feather: 3)))
            editor.fidelity = fidelity
            let dir = try CommandRunner.temporaryDirectory()
            let result = try await editor.edit(image: try photo(), mask: ["rect:156,156,200,200"], prompt: "a red hat", into: dir)
            try await sandbox.shutdown()
            return (result, history, dir)
        } catch {
            try? await sandbox.shutdown()
            throw error
        }
    }

    static func decodeRGB(_ path: String) throws -> Image {
        FidelityMeter.rgb8(try ImageDecoder.decode(try ImageFile.read(path)).image)
    }

    @Test func anExactEditMeasuresNoChangeOutsideTheMask() async throws {
        let (result, history, _) = try await Self.edit(drift: nil, fidelity: FidelityOptions())
        let figures = try #require(result.fidelity.first)
        #expect(result.fidelity.count == 1)
        #expect(figures.report.meanDeltaE == 0 && figures.report.changedShare == 0 && figures.report.shiftLength < 0.2, "\(figures.report)")
        #expect(figures.keptPath == nil)
        #expect(try history.fidelity(for: result.record.localID!)?.results == result.fidelity)
    }

    @Test func theDriftIsMeasuredAndPastingBackUndoesIt() async throws {
        let (result, history, dir) = try await Self.edit(drift: ResultDrift(), fidelity: FidelityOptions(keepOutsideMask: true))
        let figures = try #require(result.fidelity.first)
        let report = figures.report
        // The sandbox moved the frame 2 px right, warmed it and added noise.
        #expect(abs(report.shiftX - 2) < 0.3 && abs(report.shiftY) < 0.3, "\(report.summary)")
        #expect(report.meanDeltaE > 2 && report.p99DeltaE > report.meanDeltaE && report.changedShare > 0.1, "\(report.summary)")
        #expect(report.keptPixels > 800_000 && report.keptPixels < 1024 * 1024)
        // Stored with the task.
        let stored = try #require(try history.fidelity(for: result.record.localID!))
        #expect(stored.results == result.fidelity && stored.source.base == dir + "/base.png" && stored.source.mask == dir + "/mask.png")

        // Both files are kept; the composite is the base outside the mask and the model's output inside.
        let keptPath = try #require(figures.keptPath)
        #expect(keptPath == String(figures.path.dropLast(4)) + "-kept.png")
        let base = try Self.decodeRGB(dir + "/base.png"), raw = try Self.decodeRGB(figures.path), kept = try Self.decodeRGB(keptPath)
        let weights = EditWeights(mask: try ImageDecoder.decode(try ImageFile.read(dir + "/mask.png")).image)
        var keptSame = 0, keptCount = 0, editSame = 0, editCount = 0
        for i in 0..<weights.values.count {
            let same = { (img: Image) in (0..<3).allSatisfy { kept.pixels[3 * i + $0] == img.pixels[3 * i + $0] } }
            switch weights.values[i] {
            case 0: keptCount += 1; if same(base) { keptSame += 1 }
            case 255: editCount += 1; if same(raw) { editSame += 1 }
            default: break
            }
        }
        #expect(keptCount > 0 && keptSame == keptCount)
        #expect(editCount > 150 * 150 && editSame == editCount)
        let after = try FidelityMeter().measure(result: kept, base: base, weights: weights)
        #expect(after.meanDeltaE == 0 && after.changedShare == 0 && after.shiftLength < 0.2)
        try Self.expectSmoothSeam(kept: kept, base: base, raw: raw, weights: weights, sigma: 3)
    }

    /// Across the feather band, no step between neighbouring pixels (in linear light) is larger than the
    /// steps of the base and the result there plus the change of weight times their difference; and the
    /// weight itself changes no faster than a Gaussian of σ allows (1/(σ√2π) per pixel, plus quantization).
    static func expectSmoothSeam(kept: Image, base: Image, raw: Image, weights: EditWeights, sigma: Double) throws {
        let lin = LinearLight.decode.map(Double.init)
        let w = weights.width
        var checked = 0, worstExcess = 0.0, steepest = 0.0
        for y in 0..<weights.height {
            for x in 0..<(w - 1) {
                let i = y * w + x, j = i + 1
                let a0 = Double(weights.values[i]) / 255, a1 = Double(weights.values[j]) / 255
                guard (a0 > 0 && a0 < 1) || (a1 > 0 && a1 < 1) else { continue }
                steepest = max(steepest, abs(a1 - a0))
                for c in 0..<3 {
                    func v(_ img: Image, _ k: Int) -> Double { lin[Int(img.pixels[3 * k + c])] }
                    let step = abs(v(kept, j) - v(kept, i))
                    let allowed = max(abs(v(raw, j) - v(raw, i)), abs(v(base, j) - v(base, i))) + abs(a1 - a0) * abs(v(raw, i) - v(base, i))
                    worstExcess = max(worstExcess, step - allowed)
                    checked += 1
                }
            }
        }
        #expect(checked > 1000)
        #expect(worstExcess < 0.01, "a seam step exceeds what the feather implies by \(worstExcess) (linear light)")
        #expect(steepest <= 1 / (sigma * (2 * Double.pi).squareRoot()) + 2.0 / 255, "weight changes \(steepest) per pixel")
    }
}
