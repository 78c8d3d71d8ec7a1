import ImageMasks
import ImagePrepTestSupport
import Testing

/// Importer inputs found by the mask fuzz targets (`Tests/FuzzRegressions/<target>/`).
@Suite struct HostileImportTests {
    static let root = Corpus.packageRoot + "/Tests/FuzzRegressions"

    static var invalidUTF8XML: [String] {
        ["maskjson", "coco", "labelme", "geojson", "svg", "cvat"].flatMap { target in
            ((try? Corpus.listDirectory(root + "/" + target)) ?? []).filter { $0.hasPrefix("xml-invalid-utf8-") }
                .map { target + "/" + $0 }
        }
    }

    @Test func xmlWithInvalidUTF8IsAnImportErrorNotATrap() throws {
        // FoundationXML traps on non-UTF-8 element names; the importer refuses such files first.
        #expect(Self.invalidUTF8XML.count == 6)
        for file in Self.invalidUTF8XML {
            let bytes = try Corpus.readBytes(Self.root + "/" + file)
            let error = #expect(throws: Mask.ImportError.self) { try Mask.Importer.load(bytes, name: file) }
            #expect(error?.details == "the file is not valid UTF-8")
        }
    }

    @Test func endlessOrOversizeFilesAreRefusedWhileReading() throws {
        // /dev/zero never ends: the read stops at the limit instead of allocating without bound.
        let limits = Mask.Importer.Options(maxBytes: 1 << 20)
        let endless = #expect(throws: Mask.ImportError.self) { try Mask.Importer.load(path: "/dev/zero", options: limits) }
        #expect(endless?.file == "/dev/zero")
        #expect(endless?.message.contains("exceeds the limit of 1048576 bytes") == true)
        // A regular file over the limit is refused from its size, before it is read.
        let tiny = Mask.Importer.Options(maxBytes: 8)
        let fixture = Corpus.packageRoot + "/Tests/ImageMasksTests/Fixtures/" + (try Corpus.listDirectory(
            Corpus.packageRoot + "/Tests/ImageMasksTests/Fixtures").first { $0.hasSuffix(".json") } ?? "")
        let oversize = #expect(throws: Mask.ImportError.self) { try Mask.Importer.load(path: fixture, options: tiny) }
        #expect(oversize?.message.contains("exceeds the limit of 8 bytes") == true)
        let missing = #expect(throws: Mask.ImportError.self) { try Mask.Importer.load(path: "/nonexistent/shapes.json") }
        #expect(missing?.message == "cannot read the file: cannot open")
    }

    @Test func pathDataCannotFlattenBeyondTheVertexBudget() throws {
        // Fuzzer finding: 4 KB of smooth quadratics ("T") with huge coordinates flattened to 38 M points (615 MB)
        // before the old per-ring cap of 50 M; the budget now counts every ring of every path in the file.
        let file = "svg/oom-path-vertices-d3a343ba699a"
        let bytes = try Corpus.readBytes(Self.root + "/" + file)
        let small = Mask.Importer.Options(maxVertices: 100_000)
        let error = #expect(throws: Mask.ImportError.self) { try Mask.Importer.load(bytes, name: file, options: small) }
        #expect(error?.message.hasPrefix("the path flattens to more than 100000 vertices") == true)

        // One circle of radius 1000 flattens to about 3,000 points at the default tolerance: one fits a budget
        // of 5,000, two <path> elements in one document do not.
        let circle = #"<path d="M 0 0 A 1000 1000 0 1 1 0 1 Z"/>"#
        let one = Array(#"<svg width="10" height="10">\#(circle)</svg>"#.utf8)
        let two = Array(#"<svg width="10" height="10">\#(circle)\#(circle)</svg>"#.utf8)
        let budget = Mask.Importer.Options(maxVertices: 5_000)
        let imported = try Mask.Importer.load(one, name: "one.svg", options: budget)
        #expect(imported.shapes.count == 1)
        let both = #expect(throws: Mask.ImportError.self) { try Mask.Importer.load(two, name: "two.svg", options: budget) }
        #expect(both?.message.contains("more than") == true)
    }
}
