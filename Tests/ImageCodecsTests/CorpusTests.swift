import ImageCodecs
import ImagePrepTestSupport
import Testing

/// The repository's own corpus (`Tests/Corpus`) is what every clone tests on; the shared corpora only extend it.
@Suite struct CorpusTests {
    @Test
    func repositoryCorpusIsCompleteAndCounted() throws {
        print(Corpus.summary)  // the count of corpus files the tests use, in every run's log
        let local = Corpus.entries().filter { $0.path.hasPrefix(Corpus.repositoryDirectory + "/") }
        if !Corpus.sharedIsAvailable { #expect(local.count == Corpus.entries().count) }
        // Every set the codec tests name, with its rows.
        let sets = Set(try Corpus.listDirectory(Corpus.repositoryDirectory))
        for set in ["pngsuite", "libpng-contrib", "image-rs-png", "libjpeg-turbo-testimages", "pillow-tests",
                    "sharp-fixtures", "libwebp-test-data", "image-rs-webp", "wide-gamut-tests", "exif-orientation-examples"] {
            #expect(sets.contains(set), "Tests/Corpus/\(set) is missing")
            #expect(try Corpus.listDirectory(Corpus.repositoryDirectory + "/" + set).contains("SOURCE.md"), "\(set) has no SOURCE.md")
        }
    }

    @Test
    func everyRepositoryManifestRowMatchesItsFile() throws {
        var rows = 0
        for set in try Corpus.listDirectory(Corpus.repositoryDirectory) {
            let root = Corpus.repositoryDirectory + "/" + set
            let text = try Corpus.readText(root + "/MANIFEST.tsv")
            for line in text.split(separator: "\n").dropFirst() {
                let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
                #expect(fields.count >= 6, "\(set): short row \(line)")
                guard fields.count >= 6 else { continue }
                let bytes = try ImageFile.read(root + "/" + fields[0])
                #expect(bytes.count == Int(fields[1]), "\(set)/\(fields[0]): \(bytes.count) bytes, manifest says \(fields[1])")
                #expect(["decode", "reject", "decode-with-warning"].contains(fields[5]), "\(set)/\(fields[0])")
                rows += 1
            }
        }
        #expect(rows >= 500)
    }
}
