import BattDSL
import Testing

@testable import BattTasks

@Suite struct TaskFingerprintTests {
    private func task(_ name: String) throws -> ARCTask {
        try #require(try TaskLoader.load(path: Fixtures.path("Fingerprint/\(name).json")).sortedTasks.first)
    }

    @Test func fingerprintIsLowercaseHexMD5() throws {
        let hex = try task("original").fingerprint.hex
        #expect(hex.count == 32)
        #expect(hex.allSatisfy { "0123456789abcdef".contains($0) })
    }

    @Test func fingerprintIgnoresWhitespaceKeyOrderAndFileName() throws {
        let original = try task("original")
        let reformatted = try task("reformatted")
        #expect(original.id != reformatted.id)
        #expect(original.fingerprint == reformatted.fingerprint)
    }

    @Test(arguments: ["one-cell-changed", "output-unknown", "pair-moved-to-test"])
    func fingerprintChangesWithTheContent(variant: String) throws {
        #expect(try task(variant).fingerprint != task("original").fingerprint)
    }

    @Test func fingerprintHashesTheDocumentedCanonicalText() throws {
        let pair = TaskPair(input: Grid(rows: [[0, 7], [7, 0]])!, output: Grid(rows: [[1]]))
        let test = TaskPair(input: Grid(rows: [[3, 4, 5]])!, output: nil)
        let text = TaskFingerprint.canonicalText(demonstrations: [pair], tests: [test])
        #expect(
            String(decoding: text, as: UTF8.self) == "batt-task/1\ntrain 1\n2x2:0,7,7,0\n1x1:1\ntest 1\n1x3:3,4,5\n?\n")
        // md5 of that text, as computed by `md5sum`.
        #expect(
            TaskFingerprint(demonstrations: [pair], tests: [test]).hex == "aa556654d5cd9965cf26acf7532f23db")
    }

    @Test func gridShapeIsPartOfTheFingerprint() {
        let wide = TaskPair(input: Grid(rows: [[1, 2, 3, 4]])!, output: Grid(rows: [[1]]))
        let square = TaskPair(input: Grid(rows: [[1, 2], [3, 4]])!, output: Grid(rows: [[1]]))
        #expect(
            TaskFingerprint(demonstrations: [wide], tests: []) != TaskFingerprint(demonstrations: [square], tests: []))
    }
}
