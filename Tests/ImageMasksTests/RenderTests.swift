import Foundation
import ImageCodecs
import ImageCore
import Testing
@testable import ImageMasks
import ImagePrep
import ImageRules

@Suite struct RenderTests {
    static let tolerance = 1.0 / 255 + 1e-4

    @Test(arguments: [(20.3, 17.8, 12.6, 7.3), (31.5, 30.5, 25.0, 25.0), (16.0, 16.0, 3.2, 11.9), (40.1, 22.2, 30.7, 18.4)])
    func ellipseCoverageMatchesAnalyticIntegral(cx: Double, cy: Double, rx: Double, ry: Double) throws {
        let size = Size(width: 64, height: 48)
        let r = try Mask.render(shapes: [.init(.ellipse(center: Point(x: cx, y: cy), radiusX: rx, radiusY: ry))], size: size)
        var worst = 0.0
        for y in 0..<size.height {
            for x in 0..<size.width {
                // Far from the boundary the answer is 0 or 1; integrate only near it.
                let dx = max(abs(Double(x) + 0.5 - cx) - 0.75, 0) / rx, dy = max(abs(Double(y) + 0.5 - cy) - 0.75, 0) / ry
                let ex = (abs(Double(x) + 0.5 - cx) + 0.75) / rx, ey = (abs(Double(y) + 0.5 - cy) + 0.75) / ry
                let ref: Double
                if dx * dx + dy * dy > 1 { ref = 0 } else if ex * ex + ey * ey < 1 { ref = 1 } else {
                    ref = Reference.ellipsePixel(cx: cx, cy: cy, rx: rx, ry: ry, px: x, py: y)
                }
                worst = max(worst, abs(Double(r.coverage[x, y]) - ref))
            }
        }
        #expect(worst <= Self.tolerance, "max error \(worst)")
    }

    @Test func unitsPixelsRelativeAndPercentAgree() throws {
        let size = Size(width: 200, height: 100)
        let px = try Mask.render(shapes: [.init(.rect(Rect(x: 20, y: 10, width: 50, height: 30)))], size: size)
        let rel = try Mask.render(shapes: [.init(.rect(Rect(x: 0.1, y: 0.1, width: 0.25, height: 0.3)), units: .rel)], size: size)
        let pct = try Mask.render(shapes: [.init(.rect(Rect(x: 10, y: 10, width: 25, height: 30)), units: .pct)], size: size)
        #expect(px.coverage == rel.coverage)
        #expect(px.coverage == pct.coverage)
        #expect(px.coverage[20, 10] == 1 && px.coverage[69, 39] == 1 && px.coverage[70, 39] == 0 && px.coverage[19, 10] == 0)
    }

    @Test func maskAlwaysHasTheBaseSize() throws {
        for (w, h) in [(1, 1), (1536, 1024), (1024, 1536), (7, 300)] {
            let size = Size(width: w, height: h)
            for polarity in Mask.Polarity.allCases {
                let r = try Mask.render(shapes: [.init(.ellipse(center: Point(x: 0.5, y: 0.5), radiusX: 0.3, radiusY: 0.3), units: .rel)],
                                        size: size, options: .init(polarity: polarity))
                #expect(r.image.width == w && r.image.height == h)
                #expect(r.coverage.width == w && r.coverage.height == h)
            }
        }
    }

    @Test func polarityPresetsHaveExactValues() throws {
        // Left half fully edited, one column at 25 %, rest kept.
        let size = Size(width: 8, height: 2)
        let shapes = [Mask.Shape(.rect(Rect(x: 0, y: 0, width: 4.25, height: 2)))]
        let t = try Mask.render(shapes: shapes, size: size, options: .init(polarity: .transparent)).image
        #expect(t.layout == .rgba)
        #expect(Array(t.pixels[0..<4]) == [255, 255, 255, 0])           // edit: transparent white
        #expect(Array(t.pixels[16..<20]) == [64, 64, 64, 191])          // 25 %: round(63.75) = 64
        #expect(Array(t.pixels[20..<24]) == [0, 0, 0, 255])             // keep: opaque black
        let w = try Mask.render(shapes: shapes, size: size, options: .init(polarity: .white)).image
        #expect(w.layout == .gray && Array(w.pixels[0..<8]) == [255, 255, 255, 255, 64, 0, 0, 0])
        let b = try Mask.render(shapes: shapes, size: size, options: .init(polarity: .black)).image
        #expect(b.layout == .gray && Array(b.pixels[0..<8]) == [0, 0, 0, 0, 191, 255, 255, 255])
        let inv = try Mask.render(shapes: shapes, size: size, options: .init(invert: true, polarity: .white)).image
        #expect(Array(inv.pixels[0..<8]) == [0, 0, 0, 0, 191, 255, 255, 255])
    }

    @Test func subtractCutsAHole() throws {
        let shapes: [Mask.Shape] = [.init(.rect(Rect(x: 2, y: 2, width: 20, height: 20))),
                                    .init(.rect(Rect(x: 8, y: 8, width: 4, height: 4)), operation: .subtract)]
        let r = try Mask.render(shapes: shapes, size: Size(width: 24, height: 24), options: .init(polarity: .white))
        #expect(r.coverage[5, 5] == 1 && r.coverage[9, 9] == 0 && r.coverage[12, 12] == 1)
        #expect(r.pixelCounts.edit == 400 - 16)
    }

    @Test func growAndShrinkMoveEdgesByExactDistances() throws {
        let size = Size(width: 60, height: 60)
        let square = [Mask.Shape(.rect(Rect(x: 20, y: 20, width: 20, height: 20)))]
        let g = try Mask.render(shapes: square, size: size, options: .init(grow: 5)).coverage
        #expect(g[15, 30] == 1 && g[14, 30] == 0 && g[44, 30] == 1 && g[45, 30] == 0)
        #expect(g[30, 15] == 1 && g[30, 14] == 0 && g[30, 44] == 1 && g[30, 45] == 0)
        // Corners round: coverage falls off with the Euclidean distance to the corner pixel (20, 20).
        for y in 10..<20 {
            for x in 10..<20 {
                let d = hypot(Double(20 - x), Double(20 - y))
                let expected = Float(min(max(5 + 1 - d, 0), 1))
                #expect(abs(g[x, y] - expected) < 1e-5, "corner pixel \(x),\(y)")
            }
        }
        let s = try Mask.render(shapes: square, size: size, options: .init(shrink: 5)).coverage
        #expect(s[25, 30] == 1 && s[24, 30] == 0 && s[34, 30] == 1 && s[35, 30] == 0)
        #expect(s.counts.full == 100)
        // Sub-pixel edges stay sub-pixel: an edge at x = 20.3 grown by 3 lands at 17.3.
        let frac = try Mask.render(shapes: [.init(.rect(Rect(x: 20.3, y: 10, width: 20, height: 40)))], size: size,
                                   options: .init(grow: 3)).coverage
        #expect(abs(frac[17, 30] - 0.7) < 1e-5 && frac[16, 30] == 0 && frac[18, 30] == 1)
    }

    @Test func featherIsSymmetricAndKeepsTheSum() throws {
        let size = Size(width: 80, height: 60)
        let shapes = [Mask.Shape(.rect(Rect(x: 30, y: 20, width: 20, height: 20)))]
        let hardEdged = try Mask.render(shapes: shapes, size: size).coverage
        let soft = try Mask.render(shapes: shapes, size: size, options: .init(feather: 2.5)).coverage
        let before = hardEdged.values.reduce(0, +), after = soft.values.reduce(0, +)
        #expect(abs(before - after) < 0.01)
        for d in 0..<10 {
            #expect(abs(soft[29 - d, 30] - soft[50 + d, 30]) < 1e-5)
            #expect(abs(soft[40, 19 - d] - soft[40, 40 + d]) < 1e-5)
        }
        #expect(abs(soft[29, 30] + soft[30, 30] - 1) < 1e-4)   // the edge at x = 30 sits at 50 %
        let kernel = Mask.Coverage.gaussianKernel(sigma: 1.7)
        #expect(abs(kernel.reduce(0, +) - 1) < 1e-6 && kernel.count == 2 * 6 + 1)
        #expect(kernel == Array(kernel.reversed()))
    }

    @Test func hardEdgesAreBinary() throws {
        let r = try Mask.render(shapes: [.init(.ellipse(center: Point(x: 10.3, y: 9.7), radiusX: 6.2, radiusY: 4.1))],
                                size: Size(width: 20, height: 20), options: .init(hard: true))
        #expect(r.coverage.values.allSatisfy { $0 == 0 || $0 == 1 })
        #expect(r.coverage[10, 9] == 1 && r.coverage[0, 0] == 0)
    }

    @Test func originalFrameShapesFollowTheTransform() throws {
        // Original 400×300 photo scaled by ½ and padded 10 px down onto a 200×170 base.
        let t = AffineTransform.scale(0.5, 0.5).then(.translation(0, 10))
        let opts = Mask.RenderOptions(originalToBase: t, originalSize: Size(width: 400, height: 300))
        let size = Size(width: 200, height: 170)
        let viaOriginal = try Mask.render(shapes: [.init(.rect(Rect(x: 100, y: 60, width: 80, height: 40)), frame: .original)],
                                          size: size, options: opts)
        let direct = try Mask.render(shapes: [.init(.rect(Rect(x: 50, y: 40, width: 40, height: 20)))], size: size)
        #expect(viaOriginal.coverage == direct.coverage)
        let rel = try Mask.render(shapes: [.init(.rect(Rect(x: 0.25, y: 0.2, width: 0.2, height: 40.0 / 300)), units: .rel, frame: .original)],
                                  size: size, options: opts)
        #expect(rel.coverage.values.enumerated().allSatisfy { abs($1 - direct.coverage.values[$0]) < 1e-5 })
        #expect(throws: Mask.ShapeError(.missingTransform, shape: "shape 1 (rect)",
                                        message: "the shape is in the original photo's frame but no original-to-base transform was given")) {
            try Mask.render(shapes: [.init(.rect(Rect(x: 1, y: 1, width: 2, height: 2)), frame: .original)], size: size)
        }
    }

    func reason(_ body: () throws -> Void) -> Mask.ShapeError.Reason? {
        do { try body(); return nil } catch let e as Mask.ShapeError { return e.reason } catch { return nil }
    }

    @Test func degenerateInputsGiveTypedErrors() {
        let size = Size(width: 32, height: 32)
        func render(_ shapes: [Mask.Shape], _ o: Mask.RenderOptions = .init()) -> Mask.ShapeError.Reason? {
            reason { _ = try Mask.render(shapes: shapes, size: size, options: o) }
        }
        let p = { (pts: [(Double, Double)]) in Mask.Shape(.polygon(.init(exterior: pts.map { Point(x: $0.0, y: $0.1) }))) }
        #expect(render([p([(1, 1), (5, 5)])]) == .tooFewPoints)
        #expect(render([p([(1, 1), (5, 5), (5, 5), (1, 1)])]) == .tooFewPoints)
        #expect(render([p([(1, 1), (5, 5), (9, 9)])]) == .zeroArea)
        #expect(render([p([(1, 1), (.nan, 5), (9, 2)])]) == .nonFinite)
        #expect(render([p([(1, 1), (.infinity, 5), (9, 2)])]) == .nonFinite)
        #expect(render([.init(.rect(Rect(x: 1, y: 1, width: 0, height: 4)))]) == .zeroArea)
        #expect(render([.init(.rect(Rect(x: 1, y: 1, width: -3, height: 4)))]) == .zeroArea)
        #expect(render([.init(.ellipse(center: Point(x: 5, y: 5), radiusX: 0, radiusY: 3))]) == .zeroArea)
        #expect(render([.init(.rect(Rect(x: 40, y: 1, width: 5, height: 4)))]) == .outside)
        #expect(render([.init(.rect(Rect(x: -10, y: -10, width: 10, height: 4)))]) == .outside)
        #expect(render([]) == .noShapes)
        #expect(render([.init(.rect(Rect(x: 1, y: 1, width: 5, height: 4)), operation: .subtract)]) == .emptyMask)
        #expect(render([.init(.rect(Rect(x: 10, y: 10, width: 0.001, height: 0.001)))]) == .emptyMask)
        #expect(render([.init(.rect(Rect(x: 10, y: 10, width: 4, height: 4)))], .init(shrink: 3)) == .emptyMask)
        #expect(render([.init(.rect(Rect(x: 10, y: 10, width: 4, height: 4)))], .init(grow: -1)) == .invalidOption)
        #expect(render([.init(.rect(Rect(x: 10, y: 10, width: 4, height: 4)))], .init(feather: .nan)) == .nonFinite)
    }

    @Test func extremeButFiniteNumbersNeverTrap() {
        let size = Size(width: 40, height: 30)
        let big = 1e300, tiny = 1e-300
        let cases: [[Mask.Shape]] = [
            [.init(.rect(Rect(x: -big, y: -big, width: big, height: big)))],
            [.init(.rect(Rect(x: -big / 2, y: 5, width: big, height: 10)))],
            [.init(.ellipse(center: Point(x: 20, y: 15), radiusX: big, radiusY: big))],
            [.init(.ellipse(center: Point(x: 20, y: 15), radiusX: tiny, radiusY: tiny))],
            [.init(.polygon(.init(exterior: [Point(x: -big, y: -big), Point(x: big, y: -big), Point(x: 0, y: big)])))],
            [.init(.polygon(.init(exterior: [Point(x: 0, y: 0), Point(x: big, y: tiny), Point(x: 3, y: 3), Point(x: -big, y: 7)])))],
            [.init(.rings([[Point(x: 1, y: 1), Point(x: big, y: 1e299), Point(x: 1, y: 20)]]))],
        ]
        for shapes in cases {
            // Any outcome but a trap: a mask, or a typed error.
            _ = try? Mask.render(shapes: shapes, size: size)
        }
        #expect(reason { _ = try Mask.render(shapes: [.init(.rect(Rect(x: 1, y: 1, width: 5, height: 5)))], size: size,
                                             options: .init(feather: 1e9)) } == .invalidOption)
        let huge = try? Mask.render(shapes: [.init(.rect(Rect(x: -big, y: -big, width: .greatestFiniteMagnitude, height: .greatestFiniteMagnitude)))], size: size)
        #expect(huge == nil || huge!.coverage.values.allSatisfy { $0 >= 0 && $0 <= 1 })
    }

    @Test func recoverableOddsAreWarnings() throws {
        let size = Size(width: 32, height: 32)
        let clipped = try Mask.render(shapes: [.init(.rect(Rect(x: 20, y: 20, width: 40, height: 4)))], size: size)
        #expect(clipped.warnings.map(\.code) == ["clipped"])
        #expect(clipped.coverage[31, 21] == 1)
        let bowtie = Mask.Shape(.polygon(.init(exterior: [Point(x: 2, y: 2), Point(x: 20, y: 20), Point(x: 20, y: 2), Point(x: 2, y: 20)])))
        let crossing = try Mask.render(shapes: [bowtie], size: size)
        #expect(crossing.warnings.map(\.code) == ["self-intersecting"])
        let full = try Mask.render(shapes: [.init(.rect(Rect(x: -1, y: -1, width: 40, height: 40)))], size: size)
        #expect(full.warnings.map(\.code) == ["clipped", "full-mask"])
        let outsideSub = try Mask.render(shapes: [.init(.rect(Rect(x: 2, y: 2, width: 4, height: 4))),
                                                  .init(.rect(Rect(x: 50, y: 2, width: 4, height: 4)), operation: .subtract)], size: size)
        #expect(outsideSub.warnings.map(\.code) == ["outside"])
    }
}

@Suite struct OutputTests {
    @Test func pngRoundTripsWithExactSizeAndAlpha() throws {
        let size = Size(width: 1536, height: 1024)
        let r = try Mask.render(shapes: [.init(.ellipse(center: Point(x: 700.3, y: 500.6), radiusX: 300, radiusY: 200))], size: size)
        let (bytes, warnings) = try r.pngBytes()
        #expect(warnings.isEmpty && bytes.count <= Mask.Rendering.maxPNGBytes)
        let decoded = try ImageDecoder.decode(bytes)
        #expect(decoded.image.width == 1536 && decoded.image.height == 1024)
        #expect(decoded.info.hasAlpha)
        let rgba = decoded.image.converted(to: .rgba)
        #expect(rgba.pixels == r.image.pixels)                           // lossless
        #expect(Array(rgba.pixels[(500 * 1536 + 700) * 4..<(500 * 1536 + 700) * 4 + 4]) == [255, 255, 255, 0])
        #expect(Array(rgba.pixels[0..<4]) == [0, 0, 0, 255])
    }

    @Test func pngStaysUnderTheCapForNoise() throws {
        // Noise-like soft coverage does not compress; a small cap forces every fallback step.
        var rng = SplitMix(9)
        let w = 256, h = 256
        let noise = Mask.Coverage(width: w, height: h, values: (0..<(w * h)).map { _ in Float(rng.unit()) })
        let r = Mask.Rendering(size: Size(width: w, height: h), coverage: noise, image: Mask.Polarity.transparent.image(for: noise),
                               polarity: .transparent, warnings: [])
        let (bytes, warnings) = try r.pngBytes(maxBytes: 40_000)
        #expect(bytes.count <= 40_000)
        #expect(warnings.map(\.code) == ["png-reduced"])
        let decoded = try ImageDecoder.decode(bytes)
        #expect(decoded.image.width == w && decoded.image.height == h)
        #expect(throws: Mask.OutputError.self) { try r.pngBytes(maxBytes: 100) }
    }

    @Test func previewTintsAndOutlines() throws {
        let base = Image(width: 20, height: 10, layout: .rgb, filledWith: 100)
        let r = try Mask.render(shapes: [.init(.rect(Rect(x: 5, y: 2, width: 10, height: 6)))], size: base.size)
        let p = try Mask.Preview.image(base: base, coverage: r.coverage)
        func px(_ x: Int, _ y: Int) -> [UInt8] { Array(p.pixels[(y * 20 + x) * 3..<(y * 20 + x) * 3 + 3]) }
        #expect(px(0, 0) == [100, 100, 100])                // untouched
        #expect(px(5, 2) == [255, 230, 0])                   // outline on the region's inside edge
        #expect(px(8, 5) == [178, 50, 105])                  // 50 % tint (255, 0, 110) over 100
        #expect(throws: Mask.OutputError.self) {
            try Mask.Preview.image(base: Image(width: 3, height: 3, layout: .gray, filledWith: 0), coverage: r.coverage)
        }
    }
}
