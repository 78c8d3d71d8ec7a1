import Foundation
import ImagePrepTestSupport
import Testing
@testable import ImagePrep
@testable import ImageRules

/// Runs `imageprep check …` as a subprocess (the built binary next to the test bundle; the test target
/// depends on the executable, so a missing binary is a failure, not a skip).
enum CLI {
    static func run(_ arguments: [String], in directory: String? = nil) throws -> CommandRunner.Result {
        try CommandRunner.run(["check"] + arguments, currentDirectory: directory)
    }
}

@Suite struct CheckCommandTests {
    static let clean = ["--prompt", "a hat", "--image", "https://cdn.example.com/a.png", "--size", "1024x1024", "--n", "1"]

    @Test func cleanBundleExitsZero() throws {
        let r = try CLI.run(Self.clean)
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        #expect(r.stdout.hasSuffix("ok for gpt-4o-image: 0 errors, 0 warnings\n"))
    }

    @Test func errorsExitOneAndJSONParses() throws {
        let r = try CLI.run(Self.clean + ["--n", "3", "--format", "json"])
        #expect(r.status == 1)
        let root = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        #expect(root["ok"] as? Bool == false)
        #expect((root["issues"] as? [[String: Any]])?.compactMap { $0["rule"] as? String } == ["n.allowed"])
    }

    @Test func warningsPassUnlessStrict() throws {
        let args = Self.clean + ["--callback-url", "https://build-server/cb", "--format", "github"]
        let loose = try CLI.run(args)
        #expect(loose.status == 0)
        #expect(loose.stdout.hasPrefix("::warning title=callback.internal-name::"))
        let strict = try CLI.run(args + ["--strict"])
        #expect(strict.status == 1)
        #expect(strict.stdout.hasPrefix("::error title=callback.internal-name::"))
    }

    @Test func usageAndIOErrorsExitTwo() throws {
        #expect(try CLI.run([]).status == 2)
        #expect(try CLI.run(Self.clean + ["--format", "xml"]).status == 2)
        #expect(try CLI.run(Self.clean + ["--n", "two"]).status == 2)
        let missing = try CLI.run(["/nonexistent/imageprep/bundle.json"])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("cannot read the bundle manifest"))
        #expect(try CLI.run(Self.clean + ["--rules", "/nonexistent/rules.json"]).status == 2)
        let unreadable = try CLI.run(["--prompt", "x", "--image", "/nonexistent/imageprep/a.png", "--format", "json"])
        #expect(unreadable.status == 2)
        #expect(unreadable.stdout.contains("image.unreadable"))
    }

    @Test func manifestWithRulesFileAndJUnit() throws {
        let dir = NSTemporaryDirectory() + "imageprep-cli-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        try Data(#"{"model": "my-proxy", "prompt": "hat", "images": ["https://cdn.example.com/a.png"], "n": 3}"#.utf8)
            .write(to: URL(fileURLWithPath: dir + "/bundle.json"))
        try Data(#"{"model": "my-proxy", "extends": "gpt-image-1"}"#.utf8).write(to: URL(fileURLWithPath: dir + "/rules.json"))
        let unknown = try CLI.run([dir + "/bundle.json", "--format", "json"])
        #expect(unknown.status == 1)
        #expect(unknown.stdout.contains("model.unknown"))
        let known = try CLI.run(["bundle.json", "--rules", "rules.json", "--format", "junit"], in: dir)
        #expect(known.status == 0, "\(known.stdout)\(known.stderr)")
        #expect(known.stdout.hasPrefix("<?xml"))
        #expect(known.stdout.contains("failures=\"0\""))
        // Options override the manifest.
        let overridden = try CLI.run(["bundle.json", "--rules", "rules.json", "--n", "11"], in: dir)
        #expect(overridden.status == 1)
        #expect(overridden.stdout.contains("n.allowed"))
    }

    @Test
    func realFilesAndStrictAndDeep() throws {
        let logo = Corpus.samplesDirectory + "/logo-alpha.png"
        let any = try CLI.run(["--image", logo, "--prompt", "x", "--model", "gpt-image-2", "--deep"])
        #expect(any.status == 0, "\(any.stdout)\(any.stderr)")
        #expect(any.stdout.hasPrefix("\(logo): ok\n"))
        // gpt-4o-image: not an edit size → a warning, which --strict turns into a failure.
        let loose = try CLI.run(["--image", logo, "--prompt", "x"])
        #expect(loose.status == 0)
        #expect(loose.stdout.contains("image.edit-size"))
        #expect(try CLI.run(["--image", logo, "--prompt", "x", "--strict"]).status == 1)
        // A truncated pixel stream passes the header check and fails --deep.
        let truncated = RulesFixtures.path("truncated.png")
        #expect(try CLI.run(["--image", truncated, "--prompt", "x", "--size", "1024x1024"]).status == 0)
        let deep = try CLI.run(["--image", truncated, "--prompt", "x", "--size", "1024x1024", "--deep", "--format", "github"])
        #expect(deep.status == 1)
        #expect(deep.stdout.hasPrefix("::error file=\(truncated),title=image.decode::"))
        // Mask checks through the CLI.
        let mask = try CLI.run(["--image", RulesFixtures.path("edit.png"), "--mask", RulesFixtures.path("mask-small.png"),
                                "--prompt", "x", "--size", "1024x1024", "--format", "json"])
        #expect(mask.status == 1)
        #expect(mask.stdout.contains("\"rule\" : \"mask.size-mismatch\""))
    }
}
