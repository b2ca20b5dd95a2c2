import Testing
@testable import BattCache

@Suite struct BattCacheModuleTests {
    @Test func moduleLinks() {
        #expect(Bool(true))
    }
}
