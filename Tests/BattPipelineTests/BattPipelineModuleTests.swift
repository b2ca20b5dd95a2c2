import Testing
@testable import BattPipeline

@Suite struct BattPipelineModuleTests {
    @Test func moduleLinks() {
        #expect(Bool(true))
    }
}
