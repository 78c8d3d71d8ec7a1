import Foundation
import ImagePrepTestSupport
import Testing

/// `imageprep edit --sandbox-drift --keep-outside-mask`, then `tasks show --json`: the figures are printed,
/// stored with the task, and the composite is written beside the raw result.
@Suite struct FidelityCLITests {
    @Test func editPrintsAndStoresTheDriftAndWritesTheComposite() throws {
        let dir = try CommandRunner.temporaryDirectory()
        let samples = Corpus.samplesDirectory
        let store = dir + "/tasks.sqlite"
        let edit = try CommandRunner.run(
            ["edit", samples + "/photo-rotated.jpg", "--shapes", samples + "/edit-region.json", "--feather", "2",
             "--prompt", "Replace the sky", "-o", dir, "--sandbox", "--sandbox-drift", "--sandbox-task-duration", "0.5",
             "--keep-outside-mask", "--store", store],
            environment: ["IMAGEPREP_TIME_SCALE": "0.2"])
        #expect(edit.status == 0, "\(edit.stderr)")
        #expect(edit.stdout.contains("fidelity 0: kept region: mean ΔE00"), "\(edit.stdout)")
        let keptLine = try #require(edit.stdout.split(separator: "\n").first { $0.hasPrefix("kept outside mask: ") })
        let keptPath = String(keptLine.dropFirst("kept outside mask: ".count))
        #expect(keptPath.hasSuffix("-1-kept.png") && FileManager.default.fileExists(atPath: keptPath))

        let show = try CommandRunner.run(["tasks", "show", "1", "--json", "--store", store])
        #expect(show.status == 0, "\(show.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(show.stdout.utf8)) as? [String: Any])
        let fidelity = try #require((json["fidelity"] as? [[String: Any]])?.first)
        let report = try #require(fidelity["report"] as? [String: Any])
        #expect(abs((report["shift_x"] as? Double ?? 0) - 2) < 0.3, "\(report)")
        #expect((report["changed_share"] as? Double ?? 0) > 0.1 && (report["threshold"] as? Double) == 5)
        #expect(fidelity["kept_path"] as? String == keptPath)
        #expect(FileManager.default.fileExists(atPath: try #require(fidelity["path"] as? String)))
        let text = try CommandRunner.run(["tasks", "show", "1", "--store", store])
        #expect(text.stdout.contains("fidelity 0: kept region:") && text.stdout.contains(keptPath))
    }
}
