import BattDSL
import Testing

@testable import BattPipeline

/// How `batt submit` turns a task's ranked solvers into two attempts per test input.
@Suite struct AttemptPickerTests {
    let picker = AttemptPicker(timeLimitSeconds: 1)

    @Test func attemptsAreTheOutputsOfTheBestTwoSolversThatDiffer() throws {
        let task = try SubmissionFixtures.task()
        let solvers = [
            try SubmissionFixtures.solver("flip", demoCorrect: 1),
            try SubmissionFixtures.solver("mirror"),
        ]
        let attempts = picker.attempts(for: task, solvers: solvers)

        #expect(attempts.tests.count == 2)
        let first = try #require(attempts.tests.first)
        #expect(first.attempt1 == (try SubmissionFixtures.grid([[8, 7], [1, 9]])))
        #expect(first.attempt2 == (try SubmissionFixtures.grid([[9, 1], [7, 8]])))
        #expect(first.solvers == ["mirror", "flip"])
        #expect(attempts.distinctAttempts == 2)
    }

    @Test func identicalOutputsCollapseToOneAttemptAndTheNextDifferentSolverGivesTheSecond() throws {
        let task = try SubmissionFixtures.task()
        let solvers = [
            try SubmissionFixtures.solver("mirror_twice_over"),
            try SubmissionFixtures.solver("mirror"),
            try SubmissionFixtures.solver("flip", demoCorrect: 1),
        ]
        let attempts = picker.attempts(for: task, solvers: solvers)
        let first = try #require(attempts.tests.first)
        #expect(
            first.solvers == ["mirror", "flip"], "mirror_twice_over gives mirror's output: it is no second attempt")
        #expect(first.attempt1 != first.attempt2)
    }

    @Test func onlyIdenticalOutputsLeaveOneAttemptAndTheTestInputAsTheSecond() throws {
        let task = try SubmissionFixtures.task()
        let solvers = [try SubmissionFixtures.solver("mirror"), try SubmissionFixtures.solver("mirror_twice_over")]
        let attempts = picker.attempts(for: task, solvers: solvers)

        for (test, pair) in zip(attempts.tests, task.tests) {
            #expect(test.solvers == ["mirror"])
            #expect(test.attempt2 == pair.input)
        }
        #expect(attempts.distinctAttempts == 1)
        #expect(attempts.solversRun == 2)
    }

    @Test func aTaskWithoutSolversGetsItsTestInputsAsBothAttempts() throws {
        let task = try SubmissionFixtures.task()
        let attempts = picker.attempts(for: task, solvers: [])

        #expect(attempts.tests.count == task.tests.count)
        for (test, pair) in zip(attempts.tests, task.tests) {
            #expect(test.attempt1 == pair.input)
            #expect(test.attempt2 == pair.input)
            #expect(test.solvers.isEmpty)
        }
        #expect(attempts.distinctAttempts == 0)
        #expect(attempts.solverCount == 0)
    }

    @Test func aSolverThatRaisesGivesNoAttemptAndTheNextSolverDoes() throws {
        let task = try SubmissionFixtures.task()
        let solvers = [
            try SubmissionFixtures.solver("raises"), try SubmissionFixtures.solver("mirror", demoCorrect: 1),
        ]
        let attempts = picker.attempts(for: task, solvers: solvers)

        #expect(attempts.tests.allSatisfy { $0.solvers == ["mirror"] })
    }

    @Test func eachTestInputTakesItsAttemptsFromTheSolversThatWorkOnIt() throws {
        let task = try SubmissionFixtures.task()
        // Ranked first (every demonstration right), but it returns an int, not a grid, for the
        // one-row second test input.
        let squareOnly = try SubmissionFixtures.solver("mirror_square_only", md5: "0-square-only")
        let flip = try SubmissionFixtures.solver("flip", demoCorrect: 1)
        let attempts = picker.attempts(for: task, solvers: [flip, squareOnly])

        let first = try #require(attempts.tests.first)
        let second = try #require(attempts.tests.last)
        #expect(first.solvers == ["0-square-only", "flip"])
        #expect(second.solvers == ["flip"])
        #expect(second.attempt1 == (try SubmissionFixtures.grid([[1, 2, 3]])), "hmirror of one row is the row")
        #expect(second.attempt2 == task.tests[1].input)
        #expect(attempts.distinctAttempts == 1)
    }

    @Test func aSolverThatFailsOnOneTestInputLeavesOnlyThatInputToTheFallback() throws {
        let task = try SubmissionFixtures.task()
        let attempts = picker.attempts(for: task, solvers: [try SubmissionFixtures.solver("mirror_square_only")])

        #expect(attempts.tests[0].solvers == ["mirror_square_only"])
        #expect(attempts.tests[0].attempt1 == (try SubmissionFixtures.grid([[8, 7], [1, 9]])))
        #expect(attempts.tests[1].solvers.isEmpty)
        #expect(attempts.tests[1].attempt1 == task.tests[1].input)
        #expect(attempts.tests[1].attempt2 == task.tests[1].input)
        #expect(attempts.distinctAttempts == 0)
    }

    @Test func noMoreSolversRunThanTheLimit() throws {
        let task = try SubmissionFixtures.task()
        let solvers = try (0..<5).map { try SubmissionFixtures.solver("mirror", md5: "mirror-\($0)") }
        let attempts = AttemptPicker(timeLimitSeconds: 1, maximumSolvers: 3).attempts(for: task, solvers: solvers)
        #expect(attempts.solversRun == 3)
        #expect(attempts.solverCount == 5)
    }

    @Test func byDefaultTheSimplerProgramWinsOverSolversThatAgree() throws {
        let task = try SubmissionFixtures.task()
        let attempts = picker.attempts(for: task, solvers: try Self.simpleAgainstAgreeing())
        #expect(attempts.tests[1].solvers == ["mirror", "agreeing-a"])
        #expect(attempts.tests[1].attempt1 == (try SubmissionFixtures.grid([[3, 2, 1]])))
    }

    @Test func preferringAgreementPutsTheOutputMoreFullyRightSolversGiveFirst() throws {
        let task = try SubmissionFixtures.task()
        let agreeing = AttemptPicker(timeLimitSeconds: 1, preferAgreement: true)
        let attempts = agreeing.attempts(for: task, solvers: try Self.simpleAgainstAgreeing())

        #expect(attempts.tests[1].solvers == ["agreeing-a", "mirror"], "two solvers agree on the second test input")
        #expect(attempts.tests[1].attempt1 == task.tests[1].input)
        #expect(attempts.tests[1].attempt2 == (try SubmissionFixtures.grid([[3, 2, 1]])))
        // On the first test input all three agree: one output, then the fallback.
        #expect(attempts.tests[0].solvers == ["mirror"])
        #expect(attempts.solversRun == 3)
    }

    /// `mirror` (1 node) and two bigger solvers that agree with each other, not with it, on the
    /// one-row test input; all get every demonstration right.
    static func simpleAgainstAgreeing() throws -> [SubmissionSolver] {
        [
            try SubmissionFixtures.solver("mirror_square_else_same", md5: "agreeing-a"),
            try SubmissionFixtures.solver("mirror_square_else_same", md5: "agreeing-b"),
            try SubmissionFixtures.solver("mirror"),
        ]
    }
}
