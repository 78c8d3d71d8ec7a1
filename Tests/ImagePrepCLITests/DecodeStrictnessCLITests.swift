import Foundation
import ImagePrepTestSupport
import Testing

/// Photos every viewer opens are not refused: recoverable damage converts and normalizes with a warning by
/// default; a truncated file needs --lenient; --strict refuses any warning; `check --deep` names the warning.
@Suite struct DecodeStrictnessCLITests {
    static func corpus(_ file: String) throws -> String {
        try #require(Corpus.path("pillow-tests", file))
    }

    @Test func recoverableDamageConvertsWithAWarningUnlessStrict() throws {
        let dir = try CommandRunner.temporaryDirectory()
        let input = try Self.corpus("hopper_bad_exif.jpg")  // 1214 junk bytes before a restart marker
        let standard = try CommandRunner.run(["convert", input, dir + "/out.png"])
        #expect(standard.status == 0, "\(standard.stderr)")
        #expect(standard.stderr.contains("warning [corrupt-data]"))
        #expect(FileManager.default.fileExists(atPath: dir + "/out.png"))

        let strict = try CommandRunner.run(["convert", "--strict", input, dir + "/strict.png"])
        #expect(strict.status == 1)
        #expect(strict.stderr.contains("strict mode") && strict.stderr.contains("hopper_bad_exif.jpg"))
        #expect(!FileManager.default.fileExists(atPath: dir + "/strict.png"))

        let normalized = try CommandRunner.run(["normalize", input, "-o", dir + "/normalized.jpg"])
        #expect(normalized.status == 0, "\(normalized.stderr)")
        #expect(FileManager.default.fileExists(atPath: dir + "/normalized.jpg"))
    }

    @Test func truncatedFileNeedsLenient() throws {
        let dir = try CommandRunner.temporaryDirectory()
        let input = try Self.corpus("truncated_jpeg.jpg")
        let standard = try CommandRunner.run(["convert", input, dir + "/out.png"])
        #expect(standard.status == 1)
        #expect(standard.stderr.contains("truncated"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).isEmpty)
        let lenient = try CommandRunner.run(["convert", "--lenient", input, dir + "/out.png"])
        #expect(lenient.status == 0, "\(lenient.stderr)")
        #expect(lenient.stderr.contains("warning [truncated]"))
        #expect(try CommandRunner.run(["convert", "--lenient", "--strict", input, dir + "/x.png"]).status == 2)
    }

    @Test func checkReportsTheWarningWithItsRuleAndStrictFailsOnIt() throws {
        let input = try Self.corpus("hopper_bad_exif.jpg")
        let args = ["check", "--deep", "--image", input, "--prompt", "x", "--format", "json"]
        let report = try CommandRunner.run(args)
        #expect(report.status == 0, "\(report.stderr)")
        #expect(report.stdout.contains("\"image.decode-warning\""))
        #expect(try CommandRunner.run(args + ["--strict"]).status == 1)
    }
}
