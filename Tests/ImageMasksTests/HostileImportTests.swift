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
}
