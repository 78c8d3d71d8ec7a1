import Foundation
import ImageCore
import Testing
@testable import ImageMasks

@Suite struct RasterizerTests {
    /// 1/255 plus the Float accumulation allowance.
    static let tolerance = 1.0 / 255 + 1e-4

    func maxError(_ cov: Mask.Coverage, _ reference: (Int, Int) -> Double) -> Double {
        var worst = 0.0
        for y in 0..<cov.height {
            for x in 0..<cov.width {
                worst = max(worst, abs(Double(cov[x, y]) - reference(x, y)))
            }
        }
        return worst
    }

    @Test(arguments: 0..<12)
    func randomSimplePolygonsMatchAnalyticArea(seed: Int) {
        var rng = SplitMix(UInt64(seed) &+ 17)
        let ring = Reference.starPolygon(&rng, center: Point(x: 24 + rng.unit() * 8, y: 20 + rng.unit() * 8),
                                         minR: 3, maxR: 22, count: 5 + seed * 3)
        let cov = Mask.Rasterizer.coverage([Mask.Outline(rings: [ring])], width: 48, height: 44)
        let err = maxError(cov) { x, y in Reference.pixelArea(ring, px: x, py: y) }
        #expect(err <= Self.tolerance, "max error \(err)")
        // Reversed direction and even-odd give the same result for a simple ring.
        let rev = Mask.Rasterizer.coverage([Mask.Outline(rings: [ring.reversed()], fillRule: .evenodd)], width: 48, height: 44)
        #expect(maxError(rev) { x, y in Reference.pixelArea(ring, px: x, py: y) } <= Self.tolerance)
    }

    @Test(arguments: 0..<6)
    func exactPathMatchesAnalyticArea(seed: Int) {
        var rng = SplitMix(UInt64(seed) &+ 99)
        let ring = Reference.starPolygon(&rng, center: Point(x: 16, y: 16), minR: 2, maxR: 15, count: 9)
        let cov = Mask.Rasterizer.coverage([Mask.Outline(rings: [ring])], width: 32, height: 32, exactEverywhere: true)
        #expect(maxError(cov) { x, y in Reference.pixelArea(ring, px: x, py: y) } <= 1e-4)
    }

    @Test(arguments: [Mask.FillRule.nonzero, .evenodd], 0..<8)
    func selfIntersectingPolygonsMatchExactPath(rule: Mask.FillRule, seed: Int) {
        // Random vertices in any order: many crossings, windings up to ±3.
        var rng = SplitMix(UInt64(seed) &* 7 &+ 3)
        let ring = (0..<(6 + seed)).map { _ in Point(x: -4 + rng.unit() * 44, y: -4 + rng.unit() * 40) }
        let outlines = [Mask.Outline(rings: [ring], fillRule: rule)]
        let fast = Mask.Rasterizer.coverage(outlines, width: 36, height: 32)
        let exact = Mask.Rasterizer.coverage(outlines, width: 36, height: 32, exactEverywhere: true)
        #expect(maxError(fast) { x, y in Double(exact[x, y]) } <= 2e-4)
    }

    @Test func heavilySelfCrossingRowsAreSampledCloseToExact() {
        var rng = SplitMix(77)
        let ring = (0..<120).map { _ in Point(x: rng.unit() * 40, y: rng.unit() * 30) }
        let outlines = [Mask.Outline(rings: [ring], fillRule: .evenodd)]
        let exact = Mask.Rasterizer.coverageReport(outlines, width: 40, height: 30, exactEverywhere: false, exactWorkPerRow: .max)
        let sampled = Mask.Rasterizer.coverageReport(outlines, width: 40, height: 30, exactEverywhere: false, exactWorkPerRow: 0)
        #expect(exact.sampledPixels == 0 && sampled.sampledPixels > 100)
        let diffs = zip(exact.coverage.values, sampled.coverage.values).map { Double(abs($0 - $1)) }
        #expect(diffs.max()! < 0.25)
        #expect(diffs.reduce(0, +) / Double(diffs.count) < 0.02)
    }

    @Test func pentagramFillRules() {
        // Tips and inner vertices of a pentagram; the star path visits every second tip.
        let c = Point(x: 20.3, y: 21.1), R = 18.0
        let tips = (0..<5).map { k -> Point in
            let a = -Double.pi / 2 + Double(k) * 2 * Double.pi / 5
            return Point(x: c.x + R * cos(a), y: c.y + R * sin(a))
        }
        let star = [0, 2, 4, 1, 3].map { tips[$0] }
        let r = R * cos(2 * Double.pi / 5) / cos(Double.pi / 5)
        let inner = (0..<5).map { k -> Point in
            let a = -Double.pi / 2 + Double.pi / 5 + Double(k) * 2 * Double.pi / 5
            return Point(x: c.x + r * cos(a), y: c.y + r * sin(a))
        }
        var outline: [Point] = []
        for k in 0..<5 { outline.append(tips[k]); outline.append(inner[k]) }
        let nz = Mask.Rasterizer.coverage([Mask.Outline(rings: [star], fillRule: .nonzero)], width: 42, height: 42)
        let eo = Mask.Rasterizer.coverage([Mask.Outline(rings: [star], fillRule: .evenodd)], width: 42, height: 42)
        #expect(maxError(nz) { x, y in Reference.pixelArea(outline, px: x, py: y) } <= Self.tolerance)
        #expect(maxError(eo) { x, y in
            Reference.pixelArea(outline, px: x, py: y) - Reference.pixelArea(inner, px: x, py: y)
        } <= Self.tolerance)
        #expect(nz[20, 21] == 1)
        #expect(eo[20, 21] == 0)
    }

    @Test func holesAreCutWhateverTheirDirection() {
        var rng = SplitMix(5)
        let outer = Reference.starPolygon(&rng, center: Point(x: 20, y: 20), minR: 14, maxR: 19, count: 11)
        let hole = Reference.starPolygon(&rng, center: Point(x: 20.4, y: 19.7), minR: 4, maxR: 8, count: 7)
        let polygon = Mask.Polygon(exterior: outer, holes: [hole])
        for rule in Mask.FillRule.allCases {
            let outline = Mask.Outline(rings: Mask.orientedRings(polygon), fillRule: rule)
            let cov = Mask.Rasterizer.coverage([outline], width: 40, height: 40)
            let err = maxError(cov) { x, y in
                Reference.pixelArea(outer, px: x, py: y) - Reference.pixelArea(hole, px: x, py: y)
            }
            #expect(err <= Self.tolerance, "\(rule): \(err)")
        }
    }

    @Test(arguments: 0..<6)
    func subtractAndUnionOfOverlappingShapes(seed: Int) {
        var rng = SplitMix(UInt64(seed) &+ 1234)
        func tri() -> [Point] { (0..<3).map { _ in Point(x: 2 + rng.unit() * 30, y: 2 + rng.unit() * 30) } }
        let a = tri(), b = tri(), c = tri()
        // (a ∪ b) \ c, all convex: area(a) + area(b) − area(a∩b), minus the part of that inside c.
        let outlines = [Mask.Outline(rings: [a]), Mask.Outline(rings: [b.reversed()]),
                        Mask.Outline(rings: [c], operation: .subtract)]
        let cov = Mask.Rasterizer.coverage(outlines, width: 34, height: 34)
        let ab = Reference.intersect(a, convex: b)
        let ac = Reference.intersect(a, convex: c), bc = Reference.intersect(b, convex: c)
        let abc = Reference.intersect(ab, convex: c)
        let err = maxError(cov) { x, y in
            func A(_ r: [Point]) -> Double { r.count < 3 ? 0 : Reference.pixelArea(r, px: x, py: y) }
            let union = A(a) + A(b) - A(ab)
            let unionInC = A(ac) + A(bc) - A(abc)
            return union - unionInC
        }
        #expect(err <= Self.tolerance, "max error \(err)")
    }

    @Test func eightBitPathEqualsQuantizedCoverage() {
        var rng = SplitMix(42)
        let ring = (0..<40).map { _ in Point(x: -10 + rng.unit() * 120, y: -10 + rng.unit() * 90) }
        for rule in Mask.FillRule.allCases {
            let outlines = [Mask.Outline(rings: [ring], fillRule: rule),
                            Mask.Outline(rings: [Reference.starPolygon(&rng, center: Point(x: 50, y: 35), minR: 5, maxR: 20, count: 12)],
                                         operation: .subtract)]
            let cov = Mask.Rasterizer.coverage(outlines, width: 100, height: 70)
            #expect(Mask.Rasterizer.mask(outlines, width: 100, height: 70) == cov.bytes)
            // One outline takes the direct path (no combining buffer); it must agree with the general one,
            // which a second outline that adds nothing forces.
            let single = [outlines[0]]
            let forcedGeneral = single + [Mask.Outline(rings: [[Point(x: -5, y: -5), Point(x: -4, y: -5), Point(x: -4, y: -4)]])]
            let direct = Mask.Rasterizer.coverage(single, width: 100, height: 70)
            #expect(direct == Mask.Rasterizer.coverage(forcedGeneral, width: 100, height: 70))
            #expect(Mask.Rasterizer.mask(single, width: 100, height: 70) == direct.bytes)
        }
    }

    @Test func adjacentRectanglesLeaveNoSeam() {
        let left = [Point(x: 2, y: 2), Point(x: 10.5, y: 2), Point(x: 10.5, y: 12), Point(x: 2, y: 12)]
        let right = [Point(x: 10.5, y: 2), Point(x: 19, y: 2), Point(x: 19, y: 12), Point(x: 10.5, y: 12)]
        let cov = Mask.Rasterizer.coverage([Mask.Outline(rings: [left]), Mask.Outline(rings: [right])], width: 21, height: 14)
        for y in 2..<12 { for x in 2..<19 { #expect(cov[x, y] == 1) } }
        #expect(cov[1, 5] == 0 && cov[19, 5] == 0)
    }

    @Test func shapesBeyondTheEdgesAreClipped() {
        let ring = [Point(x: -50, y: -7), Point(x: 30.25, y: -7), Point(x: 30.25, y: 5.5), Point(x: -50, y: 5.5)]
        let cov = Mask.Rasterizer.coverage([Mask.Outline(rings: [ring])], width: 20, height: 10)
        for x in 0..<20 {
            for y in 0..<5 { #expect(cov[x, y] == 1) }
            #expect(abs(cov[x, 5] - 0.5) < 1e-6)
            #expect(cov[x, 6] == 0)
        }
    }
}
