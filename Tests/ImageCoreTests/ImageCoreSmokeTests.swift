import Testing
@testable import ImageCore

@Suite struct ImageCoreSmokeTests {
    @Test func moduleLoads() { #expect(Bool(true)) }
}
