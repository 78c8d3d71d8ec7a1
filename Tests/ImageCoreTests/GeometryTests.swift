import ImageCore
import Testing

@Suite struct GeometryTests {
    @Test func transformComposesAndInverts() throws {
        let t = AffineTransform.scale(2, 3).then(.translation(5, -1))
        let p = t.apply(Point(x: 1, y: 1))
        #expect(p == Point(x: 7, y: 2))
        let back = try #require(t.inverted).apply(p)
        #expect(abs(back.x - 1) < 1e-12 && abs(back.y - 1) < 1e-12)
        #expect(AffineTransform.scale(0, 1).inverted == nil)
    }

    @Test(arguments: [("1024x1536", Size(width: 1024, height: 1536)), ("1536×1024", Size(width: 1536, height: 1024)), ("7X9", Size(width: 7, height: 9))])
    func sizesParse(text: String, expected: Size) {
        #expect(Size(parsing: text) == expected)
        #expect(Size(parsing: "\(expected)") == expected)
    }

    @Test(arguments: ["", "1024", "0x5", "-3x4", "axb", "1x2x3"])
    func badSizesDoNotParse(text: String) {
        #expect(Size(parsing: text) == nil)
    }

    @Test func colorsParse() {
        #expect(Color(parsing: "#fff") == .white)
        #expect(Color(parsing: "00ff0080") == Color(red: 0, green: 255, blue: 0, alpha: 128))
        #expect(Color(parsing: "transparent")?.alpha == 0)
        #expect(Color(parsing: "#12345") == nil)
        #expect(Color(parsing: "zzzzzz") == nil)
    }
}
