import BattDSL
import Testing

@testable import BattTasks

@Suite struct ARCTaskTests {
    let solvedDemo = TaskPair(input: Grid(rows: [[1, 0]])!, output: Grid(rows: [[0, 1]]))
    let solvedTest = TaskPair(input: Grid(rows: [[2, 0]])!, output: Grid(rows: [[0, 2]]))
    let openTest = TaskPair(input: Grid(rows: [[3, 0]])!, output: nil)

    @Test func allPairsListsDemonstrationsThenTests() {
        let task = ARCTask(id: "t", demonstrations: [solvedDemo], tests: [openTest, solvedTest])
        #expect(task.allPairs == [solvedDemo, openTest, solvedTest])
    }

    @Test func knownPairsSkipTestsWithoutOutputs() {
        let task = ARCTask(id: "t", demonstrations: [solvedDemo], tests: [openTest, solvedTest])
        #expect(task.knownPairs.map(\.input) == [solvedDemo.input, solvedTest.input])
        #expect(task.knownPairs.map(\.output) == [solvedDemo.output!, solvedTest.output!])
        #expect(task.knownTestCount == 1)
        #expect(!task.testOutputsKnown)
    }

    @Test func demonstrationValueIsTheTupleOfInputOutputPairs() {
        let task = ARCTask(id: "t", demonstrations: [solvedDemo, solvedDemo], tests: [openTest])
        let pair = Value.otherTuple([.grid(solvedDemo.input), .grid(solvedDemo.output!)])
        #expect(task.demonstrationValue == .otherTuple([pair, pair]))
    }

    @Test func tasksWithTheSamePairsShareAFingerprintWhateverTheirId() {
        let first = ARCTask(id: "a", demonstrations: [solvedDemo], tests: [openTest], source: "a.json")
        let second = ARCTask(id: "b", demonstrations: [solvedDemo], tests: [openTest], source: "b.json")
        #expect(first.fingerprint == second.fingerprint)
    }
}
