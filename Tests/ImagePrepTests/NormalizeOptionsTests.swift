import Testing
import ImageCore
import ImagePrep
import ImageRules

@Suite struct NormalizeOptionsTests {
    @Test(arguments: [
        ("10000", 10_000), ("500KB", 500_000), ("500 kb", 500_000), ("4MB", 4_000_000), ("4M", 4_000_000),
        ("10MiB", 10_485_760), ("1.5MB", 1_500_000), ("2k", 2_000), ("1KiB", 1024), ("3GB", 3_000_000_000),
    ])
    func byteCounts(text: String, bytes: Int) {
        #expect(ByteCount.parse(text) == bytes)
    }

    @Test(arguments: ["", "MB", "-4MB", "4XB", "0", "abc", "4 M B"])
    func badByteCounts(text: String) {
        #expect(ByteCount.parse(text) == nil)
    }

    @Test func targetSizes() {
        #expect(TargetSize(parsing: "1:1") == .exact(Size(width: 1024, height: 1024)))
        #expect(TargetSize(parsing: "2:3") == .exact(Size(width: 1024, height: 1536)))
        #expect(TargetSize(parsing: "3:2") == .exact(Size(width: 1536, height: 1024)))
        #expect(TargetSize(parsing: "1536x1024") == .exact(Size(width: 1536, height: 1024)))
        #expect(TargetSize(parsing: "AUTO") == .auto)
        #expect(TargetSize(parsing: "1000x1000") == nil)
        #expect(TargetSize(parsing: "16:9") == nil)
        #expect(TargetSize.auto.resolve(for: Size(width: 6000, height: 4000)) == Size(width: 1536, height: 1024))
        #expect(TargetSize.auto.resolve(for: Size(width: 3000, height: 4000)) == Size(width: 1024, height: 1536))
        #expect(TargetSize.auto.resolve(for: Size(width: 1100, height: 1000)) == Size(width: 1024, height: 1024))
        #expect(TargetSize.auto.resolve(for: Size(width: 1920, height: 1080)) == Size(width: 1536, height: 1024))
    }

    @Test func outputFormats() {
        #expect(OutputFormat(parsing: "jpg") == .jpeg)
        #expect(OutputFormat(parsing: "auto") == .auto)
        #expect(OutputFormat(parsing: "gif") == nil)
    }
}

@Suite struct ByteBudgetTests {
    /// A fake encoder whose sizes follow a JPEG-like curve with some wobble: base · s(q)^-α.
    static func fakeSize(_ q: Int, base: Double, alpha: Double) -> Int {
        let s = max(q < 50 ? 5000 / Double(q) : 200 - 2 * Double(q), 1)
        let wobble = 1 + 0.03 * sin(Double(q) * 1.7)
        return Int(base * pow(s, -alpha) * wobble)
    }

    @Test(arguments: [0.45, 0.6, 0.9])
    func findsHighestFittingQualityInFewEncodes(alpha: Double) throws {
        for base in [2e6, 8e6, 3e7] {
            for cap in [200_000, 1_000_000, 4_000_000] {
                var smallest = 0
                var calls = 0
                let outcome = ByteBudget.search(cap: cap, ceiling: 95, smallest: &smallest) { q in
                    calls += 1
                    return [UInt8](repeating: 0, count: Self.fakeSize(q, base: base, alpha: alpha))
                }
                let fits = (1...95).filter { Self.fakeSize($0, base: base, alpha: alpha) <= cap }
                guard let bestPossible = fits.max() else {
                    #expect(outcome == nil)
                    continue
                }
                let o = try #require(outcome)
                #expect(o.bytes.count <= cap)
                #expect(o.encodes == calls && o.encodes <= 6, "alpha \(alpha) base \(base) cap \(cap): \(o.trials)")
                // Within 10 % of the cap, or the best possible quality (no quality between fits better).
                #expect(Double(o.bytes.count) >= 0.9 * Double(cap) || o.quality == bestPossible,
                        "alpha \(alpha) base \(base) cap \(cap): chose q\(o.quality) \(o.bytes.count) B, best q\(bestPossible); \(o.trials)")
            }
        }
    }

    @Test func fixedQualityThatFitsIsOneEncode() {
        var smallest = 0
        let o = ByteBudget.search(cap: 10_000_000, ceiling: 85, start: 85, exact: true, smallest: &smallest) { q in
            [UInt8](repeating: 0, count: Self.fakeSize(q, base: 3e6, alpha: 0.6))
        }
        #expect(o?.quality == 85)
        #expect(o?.encodes == 1)
    }

    @Test func fixedQualityOverTheCapIsLowered() throws {
        var smallest = 0
        let cap = Self.fakeSize(60, base: 3e6, alpha: 0.6)
        let o = try #require(ByteBudget.search(cap: cap, ceiling: 85, start: 85, exact: true, smallest: &smallest) { q in
            [UInt8](repeating: 0, count: Self.fakeSize(q, base: 3e6, alpha: 0.6))
        })
        #expect(o.quality < 85 && o.bytes.count <= cap)
    }

    @Test func nothingFitsReturnsNil() {
        var smallest = 0
        let o = ByteBudget.search(cap: 10, ceiling: 95, smallest: &smallest) { _ in [UInt8](repeating: 0, count: 1000) }
        #expect(o == nil)
        #expect(smallest == 1000)
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
