import Testing
@testable import BattTasks

@Suite struct BattTasksModuleTests {
    @Test func moduleLinks() {
        #expect(Bool(true))
    }
}
