@testable import ImageMasks
import Testing

/// The XML reader behind the SVG and CVAT importers: well-formedness is checked, entities are never expanded.
@Suite struct XMLElementsTests {
    static func parse(_ text: String) throws(Mask.ImportError) -> [Mask.XMLElements.Element] {
        try Mask.XMLElements.parse(Array(text.utf8), format: .svg).elements
    }

    @Test func elementsAttributesTextAndAncestors() throws {
        let doc = """
            <?xml version="1.0"?>
            <!DOCTYPE svg [ <!ENTITY x "y"> ]>
            <!-- a comment with <tags> -->
            <svg:svg xmlns:svg="http://www.w3.org/2000/svg" width='10'>
              <g><svg:path d="M 0 0 L 1 1 &amp; &#x41;&#66;"/></g>
              <version> 1.1 <![CDATA[<raw>]]></version>
            </svg:svg>
            """
        let elements = try Self.parse(doc)
        #expect(elements.map(\.name) == ["svg", "g", "path", "version"])
        #expect(elements[0].attributes["width"] == "10")
        #expect(elements[2].attributes["d"] == "M 0 0 L 1 1 & AB")
        #expect(elements[2].ancestors == ["svg", "g"])
        #expect(elements[2].parent == 1)
        #expect(elements[3].text == "1.1 <raw>")
    }

    @Test(arguments: [
        "<a><b></a></b>",                      // crossed tags
        "<a>",                                  // never closed
        "<a/><b/>",                             // two roots
        "text<a/>",                             // text outside the root
        "<a x='1' x='2'/>",                     // repeated attribute
        "<a x=1/>",                             // unquoted value
        "<a>&lol;</a>",                         // entity not predefined (no bombs)
        "<a>&#0;</a>",                          // NUL reference
        "<!-- never ends",                      // unfinished comment
        "",                                     // no root
        "<?xm?><svg><path d=\"M0 0\"><g",       // the fuzz finding that crashed libxml2
    ])
    func malformedDocumentsAreRefused(text: String) {
        #expect(throws: Mask.ImportError.self) { try Self.parse(text) }
    }

    @Test func nestingIsBounded() {
        let deep = String(repeating: "<g>", count: 300) + String(repeating: "</g>", count: 300)
        #expect(throws: Mask.ImportError.self) { try Self.parse(deep) }
        let fine = String(repeating: "<g>", count: 200) + String(repeating: "</g>", count: 200)
        #expect(throws: Never.self) { try Self.parse(fine) }
    }
}
