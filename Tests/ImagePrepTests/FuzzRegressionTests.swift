import ImagePrepTestSupport
import Testing

/// Replays every saved fuzz reproducer and hostile input through its target: none may crash.
@Suite struct FuzzRegressionTests {
    static let root = Corpus.packageRoot + "/Tests/FuzzRegressions"

    /// Every reproducer: each folder of `Tests/FuzzRegressions` names a fuzz target. A folder that names no
    /// target, or a missing or empty tree, is an error (the replay must never pass by replaying nothing).
    static func cases() throws -> [(FuzzHarness.Target, String)] {
        try Corpus.listDirectory(root).sorted().filter { !$0.hasSuffix(".md") }.flatMap { folder in
            let target = try #require(FuzzHarness.Target(rawValue: folder), "\(folder) names no fuzz target")
            return try Corpus.listDirectory(root + "/" + folder).sorted().map { (target, $0) }
        }
    }

    @Test func everyReproducerRunsCleanly() throws {
        let cases = try Self.cases()
        for (target, name) in cases {
            FuzzHarness.run(target, try Corpus.readBytes("\(Self.root)/\(target.rawValue)/\(name)"))
        }
        // The harness returning at all is the assertion; the counts show the replay covered the tree.
        #expect(cases.count >= 25, "only \(cases.count) reproducers found under \(Self.root)")
        #expect(Set(cases.map(\.0)).count >= 9)
    }
}
