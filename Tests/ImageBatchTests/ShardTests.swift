import Foundation
import ImageBatch
import ImagePrepTestSupport
import SystemIO
import Testing

@Suite struct ShardTests {
    static func hashes(_ n: Int) -> [String] { (0..<n).map { ContentHash.sha256("item \($0)") } }

    @Test func everyItemLandsInExactlyOneShardForManyCounts() throws {
        let items = Self.hashes(3_000).map {
            ManifestItem(path: "/in/\($0).jpg", bytes: 1, sha256: $0, relativePath: "\($0).jpg", options: JobOptions())
        }
        for count in [1, 2, 3, 7, 10, 64, 1000] {
            var owners = [Int](repeating: 0, count: items.count)
            var sizes: [Int] = []
            for index in 0..<count {
                let shard = try Shard(index: index, count: count)
                var size = 0
                for (i, item) in items.enumerated() where shard.contains(item) {
                    owners[i] += 1
                    size += 1
                }
                sizes.append(size)
            }
            #expect(owners.allSatisfy { $0 == 1 }, "count \(count)")
            // The split is even enough to be useful: no shard holds more than twice its share (plus slack).
            if count <= 10 { #expect(sizes.max()! <= 2 * items.count / count + 10, "count \(count): \(sizes)") }
        }
    }

    @Test func assignmentIsStableAndKnown() throws {
        // Fixed values: a change of the assignment would move every finished output to another shard.
        #expect(Shard.number(of: "0000000000000007ffff", count: 7) == 0)
        #expect(Shard.number(of: "000000000000000a", count: 7) == 3)
        #expect(Shard.number(of: ContentHash.sha256("abc"), count: 7) == Shard.number(of: ContentHash.sha256("abc"), count: 7))
        #expect(ContentHash.sha256("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(ContentHash.sha256([UInt8]()) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    }

    @Test func parsesFlagsAndEveryEnginesVariables() throws {
        #expect(try Shard(parsing: "2/7", environment: [:]) == Shard(index: 2, count: 7))
        #expect(try Shard(parsing: "auto", environment: ["JOB_COMPLETION_INDEX": "3", "IMAGEPREP_SHARDS": "5"]) == Shard(index: 3, count: 5))
        #expect(try Shard(parsing: "auto", environment: ["JOB_COMPLETION_INDEX": "3", "IMAGEPREP_SHARDS": "5"], count: 9) == Shard(index: 3, count: 9))
        #expect(try Shard(parsing: "auto", environment: ["AWS_BATCH_JOB_ARRAY_INDEX": "0", "AWS_BATCH_JOB_ARRAY_SIZE": "4"]) == Shard(index: 0, count: 4))
        #expect(try Shard(parsing: "auto", environment: ["SLURM_ARRAY_TASK_ID": "7", "SLURM_ARRAY_TASK_COUNT": "7", "SLURM_ARRAY_TASK_MIN": "1"])
                == Shard(index: 6, count: 7))
        #expect(try Shard(parsing: "auto", environment: ["SLURM_ARRAY_TASK_ID": "2", "SLURM_ARRAY_TASK_COUNT": "3"]) == Shard(index: 2, count: 3))
        for (text, env) in [("7/7", [:]), ("1/0", [:]), ("-1/3", [:]), ("x", [:]), ("auto", [:]),
                            ("auto", ["JOB_COMPLETION_INDEX": "1"]), ("auto", ["AWS_BATCH_JOB_ARRAY_INDEX": "one", "AWS_BATCH_JOB_ARRAY_SIZE": "2"])] as [(String, [String: String])] {
            #expect(throws: ShardError.self, "\(text) \(env)") { try Shard(parsing: text, environment: env) }
        }
        #expect(try Shard(index: 3, count: 7).reportName == "shard-0003-of-0007.json")
    }

    @Test func optionsHashIgnoresOrderAndSeesEveryValue() {
        let a = JobOptions(["size": "auto", "format": "jpeg"]), b = JobOptions(["format": "jpeg", "size": "auto"])
        #expect(a.hash == b.hash && a.hash.count == 16)
        #expect(a.hash != JobOptions(["size": "auto", "format": "png"]).hash)
        #expect(JobOptions(["hard": "true", "size": "1:1"]).arguments == ["--hard", "--size", "1:1"])
    }

    @Test func failuresAreClassifiedForTheEngines() {
        let input = "/in/a.jpg"
        #expect(FailureKind.classify(FileIOError(file: "/out/x.jpg", message: "write failed", code: ENOSPC), input: input) == .transient)
        #expect(FailureKind.classify(FileIOError(file: input, message: "read failed", code: EIO), input: input) == .transient)
        #expect(FailureKind.classify(FileIOError(file: "/out/x.jpg", message: "cannot create", code: EACCES), input: input) == .transient)
        #expect(FailureKind.classify(FileIOError(file: input, message: "cannot open", code: ENOENT), input: input) == .badInput)
        #expect(FailureKind.classify(ManifestError(file: input, message: "changed"), input: input) == .badInput)
        #expect(BatchExitStatus.of([]) == .done && BatchExitStatus.of([.badInput]) == .badInput)
        #expect(BatchExitStatus.of([.badInput, .transient]) == .transient)
    }

    @Test func outputNamesDependOnlyOnContentOptionsAndPath() {
        let item = ManifestItem(path: "/data/in/shoes/red.jpg", bytes: 10, sha256: ContentHash.sha256("red"), relativePath: "shoes/red.jpg",
                                options: JobOptions(["size": "auto"]))
        #expect(OutputLayout.hashed.stem(for: item) == "\(item.sha256.prefix(32))-\(item.options.hash)")
        #expect(OutputLayout.mirror.stem(for: item) == "shoes/red")
        var moved = item
        moved.path = "/elsewhere/red.jpg"
        #expect(OutputLayout.hashed.stem(for: moved) == OutputLayout.hashed.stem(for: item))
        var escaping = item
        escaping.relativePath = "../../etc/passwd"
        #expect(OutputLayout.mirror.stem(for: escaping) == "etc/passwd")
    }

    @Test func manifestRoundTripsAndNamesABadLine() throws {
        let items = Self.hashes(3).enumerated().map {
            ManifestItem(path: "/in/\($0.offset).png", bytes: $0.offset, sha256: $0.element, relativePath: "\($0.offset).png",
                         options: JobOptions(["size": "auto"]))
        }
        let text = Manifest.encode(items)
        #expect(try Manifest.decode(text, name: "plan.jsonl") == items)
        #expect(String(decoding: text, as: UTF8.self).split(separator: "\n").count == 3)
        #expect(throws: ManifestError(file: "plan.jsonl", line: 2, message: "not a manifest item (path, bytes, sha256, relativePath, options)")) {
            try Manifest.decode(Array("\(String(decoding: text, as: UTF8.self).split(separator: "\n")[0])\n{\"path\": 1}\n".utf8), name: "plan.jsonl")
        }
    }

    /// A folder of links (what `ln -s` makes of a selection) is planned like a folder of files; a link to a
    /// folder is not followed, and hidden entries stay out.
    @Test func plannerTakesLinkedFilesButNotLinkedFolders() throws {
        let dir = try CommandRunner.temporaryDirectory()
        let fm = FileManager.default
        try fm.createDirectory(atPath: dir + "/real/sub", withIntermediateDirectories: true)
        try fm.createDirectory(atPath: dir + "/in", withIntermediateDirectories: true)
        for name in ["a.png", "sub/b.png"] { try Data([UInt8](name.utf8)).write(to: URL(fileURLWithPath: dir + "/real/" + name)) }
        try fm.createSymbolicLink(atPath: dir + "/in/a.png", withDestinationPath: dir + "/real/a.png")
        try fm.createSymbolicLink(atPath: dir + "/in/linked-folder", withDestinationPath: dir + "/real/sub")
        try fm.createSymbolicLink(atPath: dir + "/in/.hidden.png", withDestinationPath: dir + "/real/a.png")
        try fm.createSymbolicLink(atPath: dir + "/in/dangling.png", withDestinationPath: dir + "/real/missing.png")
        try Data([1, 2, 3]).write(to: URL(fileURLWithPath: dir + "/in/c.png"))
        let items = try ManifestPlanner(options: JobOptions(), maxBytes: 1 << 20) { $0.hasSuffix(".png") }.plan([dir + "/in"])
        #expect(items.map(\.relativePath) == ["a.png", "c.png"])
        #expect(items[0].sha256 == ContentHash.sha256(Array("a.png".utf8)))
    }
}
