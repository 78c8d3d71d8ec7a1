import Testing
@testable import ImagePrep

@Suite struct ImagePrepSmokeTests {
    @Test func moduleLoads() { #expect(Bool(true)) }
}
