import Testing
import ImageCore

@Suite struct FitGeometryTests {
    static let canvases = [Size(width: 1024, height: 1024), Size(width: 1024, height: 1536), Size(width: 1536, height: 1024)]
    static let sources = [Size(width: 6000, height: 4000), Size(width: 2725, height: 2225), Size(width: 333, height: 999),
                          Size(width: 1, height: 1), Size(width: 4001, height: 7)]

    @Test(arguments: FitMode.allCases)
    func geometryIsExactAndConsistent(fit: FitMode) {
        for canvas in Self.canvases {
            for source in Self.sources {
                for gravity in [Gravity.centre, .north, .southEast, .focus(x: 0.9, y: 0.1)] {
                    let g = FitGeometry(source: source, canvas: canvas, fit: fit, gravity: gravity)
                    #expect(g.canvas == canvas)
                    #expect(g.contentSize.width <= canvas.width && g.contentSize.height <= canvas.height)
                    #expect(g.contentSize.width >= 1 && g.contentSize.height >= 1)
                    #expect(g.contentOrigin.x + g.contentSize.width <= canvas.width)
                    #expect(g.contentOrigin.y + g.contentSize.height <= canvas.height)
                    // The window lies inside the source.
                    #expect(g.sourceRect.x >= -1e-9 && g.sourceRect.y >= -1e-9)
                    #expect(g.sourceRect.maxX <= Double(source.width) + 1e-9 && g.sourceRect.maxY <= Double(source.height) + 1e-9)
                    // The transform maps the window's corners onto the content box.
                    let tl = g.transform.apply(Point(x: g.sourceRect.x, y: g.sourceRect.y))
                    let br = g.transform.apply(Point(x: g.sourceRect.maxX, y: g.sourceRect.maxY))
                    #expect(abs(tl.x - Double(g.contentOrigin.x)) < 1e-6 && abs(tl.y - Double(g.contentOrigin.y)) < 1e-6)
                    #expect(abs(br.x - Double(g.contentOrigin.x + g.contentSize.width)) < 1e-6)
                    #expect(abs(br.y - Double(g.contentOrigin.y + g.contentSize.height)) < 1e-6)
                    if fit == .cover { #expect(g.contentSize == canvas) }
                }
            }
        }
    }

    @Test func coverCropsTheOverflowByGravity() {
        let source = Size(width: 3000, height: 1000)
        let centre = FitGeometry(source: source, canvas: Size(width: 1000, height: 1000), fit: .cover, gravity: .centre)
        #expect(centre.sourceRect == Rect(x: 1000, y: 0, width: 1000, height: 1000))
        let west = FitGeometry(source: source, canvas: Size(width: 1000, height: 1000), fit: .cover, gravity: .west)
        #expect(west.sourceRect.x == 0)
        let east = FitGeometry(source: source, canvas: Size(width: 1000, height: 1000), fit: .cover, gravity: .east)
        #expect(east.sourceRect.x == 2000)
        let focus = FitGeometry(source: source, canvas: Size(width: 1000, height: 1000), fit: .cover, gravity: .focus(x: 0.25, y: 0.5))
        #expect(focus.sourceRect.x == 250)
        let edge = FitGeometry(source: source, canvas: Size(width: 1000, height: 1000), fit: .cover, gravity: .focus(x: 0.99, y: 0.5))
        #expect(edge.sourceRect.x == 2000)
        #expect(!centre.isUpscaling)
    }

    @Test func containPadsByGravity() {
        let g = FitGeometry(source: Size(width: 2048, height: 1536), canvas: Size(width: 1024, height: 1024), fit: .contain)
        #expect(g.contentSize == Size(width: 1024, height: 768))
        #expect(g.contentOrigin.x == 0 && g.contentOrigin.y == 128)
        let n = FitGeometry(source: Size(width: 2048, height: 1536), canvas: Size(width: 1024, height: 1024), fit: .contain, gravity: .north)
        #expect(n.contentOrigin.y == 0)
        let small = FitGeometry(source: Size(width: 100, height: 50), canvas: Size(width: 1024, height: 1024), fit: .contain)
        #expect(small.isUpscaling)
        #expect(small.contentSize == Size(width: 1024, height: 512))
    }

    @Test func gravityNames() {
        #expect(Gravity(name: "centre") == .centre)
        #expect(Gravity(name: "Center") == .centre)
        #expect(Gravity(name: "north-east") == .northEast)
        #expect(Gravity(name: "sw") == .southWest)
        #expect(Gravity(name: "middle") == nil)
    }
}

@Suite struct CropExtendTests {
    @Test func cropCopiesTheRectangle() {
        let image = Image(width: 4, height: 3, layout: .gray, pixels: Array(0..<12))
        let c = image.cropped(x: 1, y: 1, width: 2, height: 2)
        #expect(c.pixels == [5, 6, 9, 10])
    }

    @Test func extendPadsWithBackgroundOrTransparency() {
        let image = Image(width: 2, height: 1, layout: .rgb, pixels: [1, 2, 3, 4, 5, 6])
        let white = image.extended(to: Size(width: 3, height: 2), x: 1, y: 1, background: .white)
        #expect(white.layout == .rgb)
        #expect(white.pixels == [255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 1, 2, 3, 4, 5, 6])
        let clear = image.extended(to: Size(width: 2, height: 2), x: 0, y: 0, background: .transparent)
        #expect(clear.layout == .rgba)
        #expect(clear.pixels == [1, 2, 3, 255, 4, 5, 6, 255, 0, 0, 0, 0, 0, 0, 0, 0])
        let sixteen = Image(width: 1, height: 1, layout: .gray, depth: .sixteen, pixels: [0, 0])
        let padded = sixteen.extended(to: Size(width: 2, height: 1), x: 0, y: 0, background: .white)
        #expect(padded.sample(x: 1, y: 0, channel: 0) == 65535)
    }
}
