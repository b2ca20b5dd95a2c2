import BattDSL
import Foundation
import Testing

@testable import BattTasks

@Suite struct TaskLoaderFormatTests {
    static let exampleIDs = [
        "3c9b0459", "67a3c6ac", "68b16354", "6fa7a44f", "74dd1130", "a416b8f3", "c59eb873", "c8f0f002",
    ]

    @Test func folderOfTaskFilesLoadsEveryFileNamedByItsId() throws {
        let set = try TaskLoader.load(path: Fixtures.examples)
        #expect(set.ids == Self.exampleIDs)
        #expect(set.diagnostics.isEmpty)
        let task = try #require(set["3c9b0459"])
        #expect(task.demonstrations.count == 4)
        #expect(task.tests.count == 1)
        #expect(task.demonstrations[0].input == Grid(rows: [[2, 2, 1], [2, 1, 2], [2, 8, 1]]))
        #expect(task.demonstrations[0].output == Grid(rows: [[1, 8, 2], [2, 1, 2], [1, 2, 2]]))
        #expect(task.tests[0].output == Grid(rows: [[7, 6, 4], [4, 6, 6], [4, 4, 6]]))
        #expect(task.source == Fixtures.examples + "/3c9b0459.json")
        #expect(task.testOutputsKnown)
    }

    @Test func folderPathWithTrailingSlashGivesTheSameSources() throws {
        let set = try TaskLoader.load(path: Fixtures.examples + "/")
        #expect(set["c8f0f002"]?.source == Fixtures.examples + "/c8f0f002.json")
    }

    @Test func singleTaskFileIsNamedByItsFileName() throws {
        let path = Fixtures.path("Malformed/6150a2bd.json")
        let set = try TaskLoader.load(path: path)
        #expect(set.ids == ["6150a2bd"])
        #expect(set.diagnostics.isEmpty)
        #expect(set["6150a2bd"]?.source == path)
    }

    @Test func testOutputMissingFromATaskFileIsUnknown() throws {
        let task = try #require(try TaskLoader.load(path: Fixtures.path("Malformed/tiny.json"))["tiny"])
        #expect(task.tests == [TaskPair(input: Grid(rows: [[2, 0]])!, output: nil)])
        #expect(!task.testOutputsKnown)
        #expect(task.knownPairs.count == 1)
    }

    @Test(arguments: ["Kaggle", "Kaggle/arc-agi_sample_challenges.json", "Kaggle/arc-agi_sample_solutions.json"])
    func kagglePairLoadsTestOutputsFromTheSolutions(relativePath: String) throws {
        let set = try TaskLoader.load(path: Fixtures.path(relativePath))
        #expect(set.ids == ["0000beef", "6150a2bd"])
        #expect(set.diagnostics.isEmpty)
        let twoTests = try #require(set["0000beef"])
        #expect(twoTests.tests.map(\.output) == [Grid(rows: [[8, 7], [6, 5]]), Grid(rows: [[9]])])
        #expect(twoTests.source == Fixtures.path("Kaggle/arc-agi_sample_challenges.json"))
        #expect(set["6150a2bd"]?.fingerprint == (try fingerprint(of: "Fingerprint/original.json")))
    }

    @Test func kaggleChallengesWithoutSolutionsLoadWithTestOutputsUnknown() throws {
        let set = try TaskLoader.load(path: Fixtures.path("KaggleUnsolved"))
        #expect(set.ids == ["0000beef", "6150a2bd"])
        #expect(set.diagnostics.isEmpty)
        for task in set.sortedTasks {
            #expect(task.tests.allSatisfy { $0.output == nil })
            #expect(task.demonstrations.allSatisfy { $0.output != nil })
        }
        #expect(set["6150a2bd"]?.fingerprint == (try fingerprint(of: "Fingerprint/output-unknown.json")))
    }

    @Test func combinedFileLoadsTasksByIdWithOptionalTestOutputs() throws {
        let path = Fixtures.path("combined.json")
        let set = try TaskLoader.load(path: path)
        #expect(set.ids == ["6150a2bd", "tiny"])
        #expect(set["tiny"]?.tests.first?.output == nil)
        #expect(set["6150a2bd"]?.testOutputsKnown == true)
        #expect(set["6150a2bd"]?.source == path)
        #expect(
            set.diagnostics == [
                TaskDiagnostic(
                    file: path, taskID: "broken", pair: "train[0].input",
                    message: "row 1, column 1 holds 12, outside the colours 0-9")
            ])
    }

    @Test func decodeTaskReadsJSONFromMemory() throws {
        let task = try TaskLoader.decodeTask(
            id: "memory",
            json: Array(#"{"train":[{"input":[[1]],"output":[[2]]}],"test":[{"input":[[3]],"output":null}]}"#.utf8))
        #expect(task.id == "memory")
        #expect(task.demonstrations == [TaskPair(input: Grid(rows: [[1]])!, output: Grid(rows: [[2]]))])
        #expect(task.tests == [TaskPair(input: Grid(rows: [[3]])!, output: nil)])
    }

    @Test func unknownKeysAreIgnored() throws {
        let json = #"{"name":"x","train":[{"input":[[1]],"output":[[2]],"note":1}],"test":[{"input":[[3]]}]}"#
        let task = try TaskLoader.decodeTask(id: "extra", json: Array(json.utf8))
        #expect(task.demonstrations.count == 1)
    }

    private func fingerprint(of relativePath: String) throws -> TaskFingerprint? {
        try TaskLoader.load(path: Fixtures.path(relativePath)).sortedTasks.first?.fingerprint
    }
}
