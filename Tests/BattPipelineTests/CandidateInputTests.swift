import Foundation
import Testing

@testable import BattPipeline

/// Bad candidates are reported one by one, with their file and line, and the run goes on.
@Suite struct CandidateInputTests {
    @Test func syntaxErrorInTheMiddleOfAFileIsReportedWithItsLineAndTheOtherFunctionsStillRun() async throws {
        let path = Fixtures.bad("syntax_in_middle.py")
        let outcome = try await run(.fixture(candidates: path, cache: nil))

        #expect(outcome.summary.unreadable == 1)
        #expect(outcome.results.map(\.function) == ["solve_a1a1a1a1", "solve_b2b2b2b2"])
        #expect(outcome.results.map(\.outcome) == ["correct", "correct"])
        #expect(outcome.results.map(\.line) == [1, 11])
        let diagnostic = try #require(outcome.summary.diagnostics.first { $0.hasPrefix("\(path):8:") })
        #expect(diagnostic.contains("solve_a1a1a1a1_1"))
        #expect(diagnostic.contains("')'"))
    }

    struct InvalidCase: Sendable, CustomTestStringConvertible {
        var function: String
        var line: Int
        var messageFragment: String
        var testDescription: String { "\(function): \(messageFragment)" }
    }

    static let undefinedNames: [InvalidCase] = [
        InvalidCase(function: "solve_a1a1a1a1", line: 1, messageFragment: "undefined name 'mirror_everything'"),
        InvalidCase(function: "solve_a1a1a1a1_1", line: 6, messageFragment: "undefined name 'x0'"),
        InvalidCase(
            function: "solve_a1a1a1a1_2", line: 11,
            messageFragment: "'x1' is used on line 12 in its own first definition"),
        InvalidCase(
            function: "solve_a1a1a1a1_3", line: 16,
            messageFragment: "'x2' is used on line 17 before its first definition on line 18"),
    ]

    @Test(arguments: undefinedNames)
    func unknownNamesAndUsesBeforeDefinitionMakeTheCandidateInvalidWithItsFileAndLine(_ example: InvalidCase)
        async throws
    {
        let path = Fixtures.bad("undefined_names.py")
        let outcome = try await run(.fixture(candidates: path, cache: nil))
        let result = try #require(outcome.result(example.function))
        #expect(result.outcome == "invalid")
        #expect(result.file == path)
        #expect(result.line == example.line)
        #expect(result.task == "a1a1a1a1")
        #expect(result.message?.contains(example.messageFragment) == true, "\(result.message ?? "no message")")
        #expect(result.solverMD5 == nil)
    }

    @Test func invalidCandidatesAreCountedAndTheValidOnesStillRun() async throws {
        let outcome = try await run(.fixture(candidates: Fixtures.bad("undefined_names.py"), cache: nil))
        #expect(outcome.summary.candidates == 5)
        #expect(outcome.summary.invalid == 4)
        #expect(outcome.summary.unreadable == 0)
        #expect(outcome.summary.validated == 1)
        #expect(outcome.result("solve_a1a1a1a1_4")?.outcome == "correct")
        #expect(outcome.task("a1a1a1a1")?.invalid == 4)
        #expect(outcome.task("a1a1a1a1")?.correct == 1)
    }

    @Test func candidateForATaskNotInTheTaskSetIsInvalidAndNamesTheTask() async throws {
        let outcome = try await run(.fixture(candidates: Fixtures.bad("unknown_task.py"), cache: nil))
        let unknown = try #require(outcome.result("solve_deadbeef"))
        #expect(unknown.outcome == "invalid")
        #expect(unknown.task == "deadbeef")
        #expect(unknown.line == 1)
        #expect(unknown.message?.contains("'deadbeef'") == true)
        #expect(unknown.message?.contains("not in the task set") == true)
        #expect(outcome.result("solve_a1a1a1a1")?.outcome == "correct")
        #expect(outcome.summary.invalid == 1)
    }

    @Test func secondFunctionOfTheSameNameInAFileIsInvalidAndPointsAtTheFirst() async throws {
        let outcome = try await run(.fixture(candidates: Fixtures.bad("duplicate_names.py"), cache: nil))
        #expect(outcome.results.map(\.outcome) == ["correct", "invalid"])
        #expect(outcome.results.map(\.line) == [1, 6])
        let duplicate = outcome.results[1]
        #expect(duplicate.message?.contains("duplicate function name 'solve_a1a1a1a1'") == true)
        #expect(duplicate.message?.contains("line 1") == true)
    }

    @Test func solveWithoutATaskInItsNameOrFolderIsInvalidAndSaysHowToGiveOne() async throws {
        let outcome = try await run(.fixture(candidates: Fixtures.bad("no_task.py"), cache: nil))
        let result = try #require(outcome.results.first)
        #expect(outcome.results.count == 1)
        #expect(result.outcome == "invalid")
        #expect(result.task == nil)
        #expect(result.line == 2)
        #expect(result.message?.contains("--task") == true)
        #expect(outcome.summary.invalid == 1)
        #expect(outcome.summary.tasksWithCandidates == 0)
    }

    @Test func defaultTaskGivesTheTaskOfSolve() async throws {
        let outcome = try await run(.fixture(candidates: Fixtures.bad("no_task.py"), cache: nil, task: "a1a1a1a1"))
        #expect(outcome.results.map(\.task) == ["a1a1a1a1"])
        #expect(outcome.results.map(\.outcome) == ["correct"])
    }

    @Test func defaultTaskNotInTheTaskSetMakesSolveInvalid() async throws {
        let outcome = try await run(.fixture(candidates: Fixtures.bad("no_task.py"), cache: nil, task: "0badc0de"))
        #expect(outcome.results.map(\.outcome) == ["invalid"])
        #expect(outcome.results.first?.message?.contains("'0badc0de'") == true)
    }

    @Test func solveTaskFolderGivesTheTaskAndAFunctionNameOverridesIt() async throws {
        let outcome = try await run(.fixture(candidates: Fixtures.folders, cache: nil))
        let rows = outcome.results.map {
            [($0.file as NSString).lastPathComponent, $0.function, $0.task ?? "-", $0.outcome]
        }
        #expect(
            rows == [
                ["candidate_1.py", "solve", "a1a1a1a1", "correct"],
                ["candidate_2.py", "solve_b2b2b2b2_5", "b2b2b2b2", "correct"],
                ["candidate_1.py", "solve", "b2b2b2b2", "correct"],
            ])
        #expect(outcome.results.map(\.file).allSatisfy { $0.hasPrefix(Fixtures.folders) })
    }

    @Test func sameFunctionNameInTwoFilesIsNotADuplicate() async throws {
        let outcome = try await run(.fixture(candidates: Fixtures.folders, cache: nil))
        #expect(outcome.summary.invalid == 0)
    }

    @Test(arguments: ["tasks", "candidates"])
    func missingPathIsAnErrorThatSaysWhatToPass(_ which: String) async throws {
        let missing = "/nonexistent/batt-\(UUID().uuidString)"
        let options: RunOptions =
            which == "tasks"
            ? .fixture(tasks: missing, cache: nil) : .fixture(candidates: missing, cache: nil)
        let error = await #expect(throws: PipelineError.self) { try await run(options) }
        let message = error.map { "\($0)" } ?? ""
        #expect(message.contains(missing))
        #expect(message.contains("pass"))
    }

    @Test func taskFolderWithoutUsableTasksIsAnError() async throws {
        let folder = try TemporaryFolder()
        let error = await #expect(throws: PipelineError.self) {
            try await run(.fixture(tasks: folder.url.path, cache: nil))
        }
        #expect(error.map { "\($0)" }?.contains("no usable task") == true)
    }
}
