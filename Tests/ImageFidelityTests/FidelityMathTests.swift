import ImageCore
import ImageFidelity
import Testing

/// The building blocks: ΔE00 against the published test data, the linear-light tables, the measure, the
/// shift estimate and the base-size paste-back on small synthetic images.
@Suite struct FidelityMathTests {
    /// Pairs from Sharma, Wu and Dalal (2005), Table 1, with their published ΔE00.
    @Test(arguments: [
        (CIELab(l: 50, a: 2.6772, b: -79.7751), CIELab(l: 50, a: 0, b: -82.7485), 2.0425),
        (CIELab(l: 50, a: 3.1571, b: -77.2803), CIELab(l: 50, a: 0, b: -82.7485), 2.8615),
        (CIELab(l: 50, a: 2.5, b: 0), CIELab(l: 56, a: -27, b: -3), 31.9030),
        (CIELab(l: 60.2574, a: -34.0099, b: 36.2677), CIELab(l: 60.4626, a: -34.1751, b: 39.4387), 1.2644),
        (CIELab(l: 90.8027, a: -2.0831, b: 1.4410), CIELab(l: 91.1528, a: -1.6435, b: 0.0447), 1.4441),
        (CIELab(l: 2.0776, a: 0.0795, b: -1.1350), CIELab(l: 0.9033, a: -0.0636, b: -0.5514), 0.9082),
    ])
    func deltaE2000MatchesThePublishedPairs(p: CIELab, q: CIELab, expected: Double) {
        #expect(abs(CIELab.deltaE2000(p, q) - expected) < 0.0001)
        #expect(abs(CIELab.deltaE2000(q, p) - expected) < 0.0001)
        #expect(CIELab.deltaE2000(p, p) == 0)
    }

    @Test func linearLightRoundTripsEveryCode() {
        LinearLight.encodeTable.withUnsafeBufferPointer { table in
            for code in 0..<256 { #expect(LinearLight.encode(LinearLight.decode[code], table: table) == UInt8(code)) }
        }
        // sRGB white is Lab (100, 0, 0); mid gray 118 is L* ≈ 50.
        let white = CIELab(linearR: 1, g: 1, b: 1)
        #expect(abs(white.l - 100) < 0.01 && abs(white.a) < 0.01 && abs(white.b) < 0.01)
        #expect(abs(CIELab(linearR: Double(LinearLight.decode[118]), g: Double(LinearLight.decode[118]), b: Double(LinearLight.decode[118])).l - 50) < 0.5)
    }

    @Test func identicalImagesMeasureZero() throws {
        let base = Fixtures.texture(160, 120, seed: 3)
        let report = try FidelityMeter().measure(result: base, base: base, weights: Fixtures.disc(160, 120, feather: 4))
        #expect(report.meanDeltaE == 0 && report.p99DeltaE == 0 && report.changedShare == 0)
        #expect(report.shiftLength < 0.2, "\(report.summary)")
        #expect(report.keptPixels > 160 * 120 / 2 && report.resultWidth == nil)
    }

    @Test(arguments: [(2, 0), (-3, 1), (0, -5)])
    func shiftIsFound(dx: Int, dy: Int) throws {
        let base = Fixtures.texture(200, 150, seed: 5)
        let moved = Fixtures.translated(base, dx: dx, dy: dy)
        let report = try FidelityMeter().measure(result: moved, base: base, weights: Fixtures.disc(200, 150, feather: 2))
        #expect(abs(report.shiftX - Double(dx)) < 0.25 && abs(report.shiftY - Double(dy)) < 0.25, "\(report.summary)")
        #expect(report.changedShare > 0.2 && report.meanDeltaE > 2, "\(report.summary)")
    }

    @Test func aColourCastIsMeasuredAndMatched() throws {
        let base = Fixtures.texture(120, 90, seed: 9)
        var warm = base
        for i in stride(from: 0, to: warm.pixels.count, by: 3) { warm.pixels[i] = UInt8(min(255, Int(warm.pixels[i]) + 20)) }
        let weights = Fixtures.disc(120, 90, feather: 0)
        let report = try FidelityMeter(threshold: 2).measure(result: warm, base: base, weights: weights)
        #expect(report.meanDeltaE > 2 && report.changedShare > 0.5 && report.shiftLength < 0.5, "\(report.summary)")
        let match = ColorMatch(result: warm, base: base, weights: weights)
        #expect(match.gains[0] < 0.95 && abs(match.gains[1] - 1) < 0.001 && abs(match.gains[2] - 1) < 0.001)
        #expect(match.castDeltaE > 2 && match.residualDeltaE < match.castDeltaE / 4, "\(match)")
    }

    @Test func aResultOfAnotherSizeIsResizedFirst() throws {
        let base = Fixtures.texture(120, 80, seed: 2)
        let bigger = base.resized(to: Size(width: 240, height: 160))
        let report = try FidelityMeter().measure(result: bigger, base: base, weights: Fixtures.disc(120, 80, feather: 0))
        #expect(report.resultWidth == 240 && report.resultHeight == 160)
        #expect(report.shiftLength < 0.5 && report.meanDeltaE < 3, "\(report.summary)")
    }

    @Test func aMaskOfAnotherSizeIsATypedError() {
        let base = Fixtures.texture(40, 30, seed: 1)
        #expect(throws: FidelityError.self) { try FidelityMeter().measure(result: base, base: base, weights: Fixtures.disc(30, 40, feather: 0)) }
        #expect(throws: FidelityError.self) { try PasteBack.composite(result: base, base: base, weights: Fixtures.disc(30, 40, feather: 0)) }
    }

    @Test func pasteBackKeepsTheBaseAndTheEditAndBlendsTheSeamInLinearLight() throws {
        let base = Fixtures.texture(160, 120, seed: 11), result = Fixtures.texture(160, 120, seed: 77)
        let weights = Fixtures.disc(160, 120, feather: 3)
        let out = try PasteBack.composite(result: result, base: base, weights: weights)
        var band = 0
        for i in 0..<weights.values.count {
            let w = weights.values[i]
            for c in 0..<3 {
                let o = out.pixels[3 * i + c], b = base.pixels[3 * i + c], r = result.pixels[3 * i + c]
                if w == 0 { #expect(o == b) } else if w == 255 { #expect(o == r) } else {
                    let a = Double(w) / 255
                    let expected = LinearLight.toSRGB(a * LinearLight.toLinear(Double(r) / 255) + (1 - a) * LinearLight.toLinear(Double(b) / 255)) * 255
                    #expect(abs(Double(o) - expected) <= 0.51)
                    band += 1
                }
            }
        }
        #expect(band > 100)
    }
}
