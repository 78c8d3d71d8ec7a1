import Foundation
import ImagePrepTestSupport
import Testing

@Suite struct CLIBasicsTests {
    @Test func helpListsSubcommandsAndExitsZero() throws {
        let result = try CommandRunner.run(["--help"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("info"))
        #expect(result.stdout.contains("convert"))
    }

    @Test func usageErrorsExitTwo() throws {
        #expect(try CommandRunner.run(["convert", "in.png"]).status == 2)
        #expect(try CommandRunner.run(["info", "--no-such-flag", "x"]).status == 2)
        let noFormat = try CommandRunner.run(["convert", "a.png", "b"])
        #expect(noFormat.status == 2)
        #expect(noFormat.stderr.contains("--format"))
    }

    @Test func unreadableFilesExitOneAndNameTheFile() throws {
        let result = try CommandRunner.run(["info", "/nonexistent/photo.jpg"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("/nonexistent/photo.jpg"))
    }

    @Test func failedConvertLeavesNoOutput() throws {
        let dir = try CommandRunner.temporaryDirectory()
        let output = dir + "/out.png"
        let result = try CommandRunner.run(["convert", "-", output], stdin: [0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10])
        #expect(result.status == 1)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).isEmpty)
    }

    /// libheif is opened on first use: a JPEG never loads it (nor libde265, whose tables libheif's constructor
    /// builds), a HEIC does. Read from the dynamic loader's own log.
    @Test func libheifLoadsOnlyForHEIF() throws {
        func loaded(_ file: String) throws -> String {
            let result = try CommandRunner.run(["info", file], environment: ["LD_DEBUG": "files"])
            #expect(result.status == 0, "\(result.stderr.suffix(500))")
            return result.stderr
        }
        let jpeg = try loaded(Corpus.samplesDirectory + "/cmyk.jpg")
        #expect(jpeg.contains("libjpeg.so"), "LD_DEBUG=files logs the libraries the binary links")
        #expect(!jpeg.contains("libheif.so") && !jpeg.contains("libde265.so"))
        let heic = try loaded(Corpus.repositoryDirectory + "/heif-tests/zPug_3.heic")
        #expect(heic.contains("libheif.so.1") && heic.contains("libde265.so"))
    }
}
