import Testing
@testable import ImageMasks

@Suite struct ImageMasksSmokeTests {
    @Test func moduleLoads() { #expect(Bool(true)) }
}
