import ImagePrepTestSupport
import Testing

/// Replays every saved fuzz reproducer and hostile input through its target: none may crash.
@Suite struct FuzzRegressionTests {
    static let root = Corpus.packageRoot + "/Tests/FuzzRegressions"

    static var cases: [(FuzzHarness.Target, String)] {
        FuzzHarness.Target.allCases.flatMap { target in
            ((try? Corpus.listDirectory(root + "/" + target.rawValue)) ?? []).sorted().map { (target, $0) }
        }
    }

    @Test func everyReproducerRunsCleanly() throws {
        var count = 0
        for (target, name) in Self.cases {
            FuzzHarness.run(target, try Corpus.readBytes("\(Self.root)/\(target.rawValue)/\(name)"))
            count += 1
        }
        // The harness returning at all is the assertion; the count shows the replay happened.
        #expect(count == Self.cases.count)
    }
}
