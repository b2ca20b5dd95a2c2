import Testing
@testable import BattCommands

@Suite struct BattCommandsModuleTests {
    @Test func moduleLinks() {
        #expect(Bool(true))
    }
}
