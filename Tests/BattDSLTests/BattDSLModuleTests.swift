import Testing
@testable import BattDSL

@Suite struct BattDSLModuleTests {
    @Test func moduleLinks() {
        #expect(Bool(true))
    }
}
