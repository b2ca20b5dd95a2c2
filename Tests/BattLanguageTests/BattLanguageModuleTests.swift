import Testing
@testable import BattLanguage

@Suite struct BattLanguageModuleTests {
    @Test func moduleLinks() {
        #expect(Bool(true))
    }
}
