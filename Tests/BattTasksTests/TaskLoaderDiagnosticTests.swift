import Foundation
import Testing

@testable import BattTasks

@Suite struct TaskLoaderDiagnosticTests {
    struct MalformedCase: CustomTestStringConvertible, Sendable {
        let file: String
        let pair: String?
        let message: String
        var testDescription: String { file }
    }

    static let malformedCases: [MalformedCase] = [
        .init(file: "ragged", pair: "train[1].input", message: "row 2 has 2 cells, row 0 has 3"),
        .init(
            file: "out-of-range", pair: "test[0].output", message: "row 1, column 1 holds 10, outside the colours 0-9"),
        .init(file: "negative", pair: "train[0].input", message: "row 0, column 2 holds -1, outside the colours 0-9"),
        .init(file: "non-integer", pair: "train[0].output", message: "row 2, column 0 holds 1.5, not an integer 0-9"),
        .init(file: "string-cell", pair: "train[1].output", message: "row 0, column 0 holds \"7\", not an integer 0-9"),
        .init(file: "missing-train", pair: nil, message: "missing key \"train\""),
        .init(file: "missing-test", pair: nil, message: "missing key \"test\""),
        .init(file: "missing-input", pair: "train[1]", message: "missing key \"input\""),
        .init(
            file: "missing-output", pair: "train[0]",
            message: "missing key \"output\"; demonstration outputs must be given"),
        .init(
            file: "oversized", pair: "train[0].input",
            message: "the grid is 31x3 (rows x columns); ARC grids are at most 30x30"),
        .init(file: "empty-grid", pair: "test[0].input", message: "the grid has no rows"),
        .init(file: "empty-row", pair: "train[0].output", message: "row 0 is empty"),
        .init(file: "empty-train", pair: "train", message: "has no pairs; a task needs at least one"),
        .init(file: "wrong-type", pair: "test", message: "expected an array of pairs, found an object"),
        .init(
            file: "row-not-array", pair: "train[1].output",
            message: "row 1 should be an array of cells, found the number 5"),
        .init(file: "invalid-json", pair: nil, message: "invalid JSON at line 2, column 1: unexpected end of document"),
    ]

    @Test(arguments: malformedCases)
    func malformedTaskFileIsRejectedWithADiagnosticNamingFileTaskAndPair(_ malformed: MalformedCase) throws {
        let folder = Fixtures.path("Malformed")
        let set = try TaskLoader.load(path: folder)
        let file = folder + "/" + malformed.file + ".json"
        let expected = TaskDiagnostic(
            file: file, taskID: malformed.file, pair: malformed.pair, message: malformed.message)
        #expect(set.diagnostics.filter { $0.file == file } == [expected])
        #expect(set[malformed.file] == nil)
    }

    @Test func malformedTasksLeaveTheOthersLoaded() throws {
        let set = try TaskLoader.load(path: Fixtures.path("Malformed"))
        #expect(set.ids == ["6150a2bd", "tiny"])
        #expect(set.diagnostics.count == Self.malformedCases.count)
        #expect(set.diagnostics.map(\.taskID) == Self.malformedCases.map(\.file).sorted())
    }

    @Test func diagnosticDescriptionReadsFileTaskPairMessage() {
        let diagnostic = TaskDiagnostic(
            file: "t/x.json", taskID: "x", pair: "train[2].output", message: "row 3 is empty")
        #expect(diagnostic.description == "t/x.json: task x, train[2].output: row 3 is empty")
        let fileOnly = TaskDiagnostic(file: "t/y.json", taskID: nil, pair: nil, message: "the file holds no tasks")
        #expect(fileOnly.description == "t/y.json: the file holds no tasks")
    }

    @Test func solutionsThatDoNotFitTheChallengesRejectOnlyTheirTasks() throws {
        let solutions = Fixtures.path("KaggleMismatch/arc-agi_broken_solutions.json")
        let set = try TaskLoader.load(path: Fixtures.path("KaggleMismatch"))
        #expect(set.ids == ["good"])
        #expect(set["good"]?.testOutputsKnown == true)
        #expect(
            set.diagnostics == [
                TaskDiagnostic(
                    file: solutions, taskID: "stray", pair: nil,
                    message: "solutions for a task that 'arc-agi_broken_challenges.json' does not hold"),
                TaskDiagnostic(
                    file: solutions, taskID: "count", pair: nil,
                    message: "the solutions give 2 test outputs, the task has 1 tests"),
                TaskDiagnostic(
                    file: solutions, taskID: "grid", pair: "test[0].output", message: "row 1 has 2 cells, row 0 has 3"),
            ])
    }

    @Test func pathThatDoesNotExistThrowsSayingWhatToPass() {
        let missing = Fixtures.path("no-such-tasks")
        #expect(throws: TaskLoadError.notFound(path: missing)) { try TaskLoader.load(path: missing) }
        let message = TaskLoadError.notFound(path: missing).description
        #expect(message.hasPrefix("no file or folder at '\(missing)'; pass a folder of <id>.json ARC task files"))
        #expect(message.contains("arc-agi_<split>_challenges.json"))
    }

    @Test func solutionsFileWithoutItsChallengesThrows() throws {
        try Fixtures.withTemporaryFolder { folder in
            let solutions = folder + "/arc-agi_x_solutions.json"
            try Data("{}".utf8).write(to: URL(fileURLWithPath: solutions))
            #expect(
                throws: TaskLoadError.solutionsWithoutChallenges(
                    solutions: solutions, expectedChallenges: folder + "/arc-agi_x_challenges.json")
            ) { try TaskLoader.load(path: solutions) }
        }
    }

    @Test func folderWithSeveralChallengeFilesThrowsAskingForOne() throws {
        try Fixtures.withTemporaryFolder { folder in
            for split in ["evaluation", "training"] {
                try Data("{}".utf8).write(to: URL(fileURLWithPath: folder + "/arc-agi_\(split)_challenges.json"))
            }
            let error = TaskLoadError.severalChallengeFiles(
                folder: folder, files: ["arc-agi_evaluation_challenges.json", "arc-agi_training_challenges.json"])
            #expect(throws: error) { try TaskLoader.load(path: folder) }
            #expect(error.description.hasSuffix("pass the path of the one to load"))
        }
    }

    @Test func unreadableFileInAFolderIsADiagnostic() throws {
        try Fixtures.withTemporaryFolder { folder in
            try FileManager.default.copyItem(
                atPath: Fixtures.path("Malformed/tiny.json"), toPath: folder + "/tiny.json")
            try FileManager.default.createSymbolicLink(
                atPath: folder + "/gone.json", withDestinationPath: folder + "/nowhere")
            let set = try TaskLoader.load(path: folder)
            #expect(set.ids == ["tiny"])
            #expect(
                set.diagnostics == [
                    TaskDiagnostic(
                        file: folder + "/gone.json", taskID: "gone", pair: nil,
                        message: "cannot read the file: No such file or directory")
                ])
        }
    }

    @Test func emptyFolderAndEmptyCombinedFileAreDiagnosed() throws {
        try Fixtures.withTemporaryFolder { folder in
            let set = try TaskLoader.load(path: folder)
            #expect(set.isEmpty)
            #expect(set.diagnostics.map(\.message) == ["the folder holds no .json task files"])
            let combined = folder + "/tasks.json"
            try Data("{ }".utf8).write(to: URL(fileURLWithPath: combined))
            #expect(try TaskLoader.load(path: combined).diagnostics.map(\.message) == ["the file holds no tasks"])
        }
    }

    @Test func fileThatIsNeitherATaskNorTasksByIdIsDiagnosed() throws {
        try Fixtures.withTemporaryFolder { folder in
            let path = folder + "/list.json"
            try Data("[1, 2]".utf8).write(to: URL(fileURLWithPath: path))
            let set = try TaskLoader.load(path: path)
            #expect(
                set.diagnostics == [
                    TaskDiagnostic(
                        file: path, taskID: nil, pair: nil,
                        message: "expected a task or an object of tasks keyed by id, found an array")
                ])
        }
    }

    @Test func demonstrationOutputNullIsRejected() {
        let json = #"{"train":[{"input":[[1]],"output":null}],"test":[{"input":[[3]]}]}"#
        #expect(
            throws: TaskDiagnostic(
                file: "", taskID: "t", pair: "train[0].output", message: "is null; demonstration outputs must be given")
        ) { try TaskLoader.decodeTask(id: "t", json: Array(json.utf8)) }
    }
}
