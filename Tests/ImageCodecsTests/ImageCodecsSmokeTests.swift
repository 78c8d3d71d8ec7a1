import Testing
@testable import ImageCodecs

@Suite struct ImageCodecsSmokeTests {
    @Test func moduleLoads() { #expect(Bool(true)) }
}
