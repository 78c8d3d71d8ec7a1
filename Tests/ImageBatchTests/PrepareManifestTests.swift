import Foundation
import ImageBatch
import ImageCodecs
import ImageCore
import ImagePrepTestSupport
import Testing

/// `prepare --manifest` (issue 15): every planned photo becomes a bundle folder of its own, named from its content
/// hash and the options (mask, prompt and n included); a rerun skips the folders that exist, other shapes make
/// other folders, and a shaping flag that differs from the plan's is refused.
@Suite struct PrepareManifestTests {
    @Test func everyPhotoBecomesABundleAndARerunSkipsThem() throws {
        let dir = try CommandRunner.temporaryDirectory()
        let planned = try ShardRunnerInputs.make(dir + "/in", count: 4)
        let plan = try CommandRunner.run(["plan", dir + "/in", "-o", dir + "/plan.jsonl", "--size", "1:1"])
        #expect(plan.status == 0, "\(plan.stderr)")
        let out = dir + "/out"
        let prepare = ["prepare", "--manifest", dir + "/plan.jsonl", "-o", out, "--prompt", "a red hat", "--n", "2", "--jobs", "2"]

        let first = try CommandRunner.run(prepare + ["--rect", "8,8,32,24"])
        #expect(first.status == 0, "\(first.stderr)")
        let folders = try Self.bundles(out)
        #expect(folders.count == planned.count)
        for folder in folders {
            let bundle = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: folder + "/bundle.json"))) as? [String: Any])
            #expect(bundle["prompt"] as? String == "a red hat")
            #expect(bundle["n"] as? Int == 2)
            let base = try ImageDecoder.decode(try ImageFile.read(folder + "/base.png")).image
            let mask = try ImageDecoder.decode(try ImageFile.read(folder + "/mask.png")).image
            #expect(base.size == mask.size && base.width == base.height)
            // The rectangle (x 8–40, y 8–32 of the 64 px photo) is transparent in the mask: the edit region.
            let channels = mask.layout.channels
            let alpha = { (x: Int, y: Int) in mask.pixels[(y * mask.width + x) * channels + channels - 1] }
            #expect(alpha(mask.width / 4, mask.height / 4) == 0 && alpha(0, 0) == 255)
        }
        #expect(try Self.report(out)["written"] == planned.count)

        let again = try CommandRunner.run(prepare + ["--rect", "8,8,32,24"])
        #expect(again.status == 0, "\(again.stderr)")
        #expect(try Self.report(out)["skipped"] == planned.count)
        #expect(try Self.bundles(out) == folders)

        let otherMask = try CommandRunner.run(prepare + ["--rect", "0,0,16,16"])
        #expect(otherMask.status == 0, "\(otherMask.stderr)")
        #expect(try Self.bundles(out).count == 2 * planned.count)

        let otherSize = try CommandRunner.run(prepare + ["--size", "2:3"])
        #expect(otherSize.status == 2)
        #expect(otherSize.stderr.contains("records the job's options"))
        let both = try CommandRunner.run(["prepare", planned[0].path, "--manifest", dir + "/plan.jsonl", "-o", out])
        #expect(both.status == 2)
    }

    /// The bundle folders under `out` (not the reports, not hidden temporaries), sorted.
    static func bundles(_ out: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: out).filter { !$0.hasPrefix(".") && $0 != "_reports" }.sorted().map { out + "/" + $0 }
    }

    /// The counts of the last run's report (the default report path of an unsharded run).
    static func report(_ out: String) throws -> [String: Int] {
        let object = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out + "/_reports/all.json"))) as? [String: Any]
        return object?["counts"] as? [String: Int] ?? [:]
    }
}
