import BattDSL
import BattTasks

/// The two attempts of one test input.
public struct TestAttempts: Sendable, Equatable {
    public var attempt1: Grid
    public var attempt2: Grid
    /// The solvers whose outputs the attempts are, best first: 0, 1 or 2 of them (distinct
    /// outputs); an attempt no solver gave is the fallback, the test input itself.
    public var solvers: [String]

    public init(attempt1: Grid, attempt2: Grid, solvers: [String]) {
        self.attempt1 = attempt1
        self.attempt2 = attempt2
        self.solvers = solvers
    }

    /// How many attempts came from a solver (the rest are the fallback).
    public var distinctSolverAttempts: Int { solvers.count }
}

/// The attempts for every test input of one task, in the task's order.
public struct TaskAttempts: Sendable, Equatable {
    public var taskID: String
    public var tests: [TestAttempts]
    /// Usable solvers the cache had for the task.
    public var solverCount: Int
    /// Those of them that get every demonstration right.
    public var fullSolverCount: Int
    /// Solvers actually run on the test inputs.
    public var solversRun: Int

    public init(taskID: String, tests: [TestAttempts], solverCount: Int, fullSolverCount: Int, solversRun: Int) {
        self.taskID = taskID
        self.tests = tests
        self.solverCount = solverCount
        self.fullSolverCount = fullSolverCount
        self.solversRun = solversRun
    }

    /// The fewest distinct solver attempts of any of its test inputs (0, 1 or 2).
    public var distinctAttempts: Int { tests.map(\.distinctSolverAttempts).min() ?? 0 }
}

/// Runs a task's ranked solvers on its test inputs and picks two attempts per input.
public struct AttemptPicker: Sendable {
    /// Time limit per solver and test input, seconds.
    public var timeLimitSeconds: Double
    /// Elements one evaluation may create.
    public var budget: Int
    /// At most this many solvers are run per task, best first.
    public var maximumSolvers: Int
    /// Order the outputs of solvers with every demonstration right by how many of them agree,
    /// before the ranking (which prefers the simpler program) decides.
    public var preferAgreement: Bool

    public static let defaultMaximumSolvers = 64

    public init(
        timeLimitSeconds: Double, budget: Int = Validator.defaultBudget,
        maximumSolvers: Int = AttemptPicker.defaultMaximumSolvers, preferAgreement: Bool = false
    ) {
        self.timeLimitSeconds = timeLimitSeconds
        self.budget = budget
        self.maximumSolvers = maximumSolvers
        self.preferAgreement = preferAgreement
    }

    /// Attempt 1 of a test input is the output of the best solver that gives a grid for it,
    /// attempt 2 the output of the next solver whose grid differs; a missing attempt is the test
    /// input itself, so every test input always has two.
    ///
    /// With ``preferAgreement``, the outputs of solvers that get every demonstration right come
    /// first, the output more of them agree on before the others, then the ranking decides.
    public func attempts(for task: ARCTask, solvers: [SubmissionSolver]) -> TaskAttempts {
        let ranked = SolverRanking.ranked(solvers)
        // Per test input: its distinct outputs in order of first appearance, with the solvers
        // (rank order) that gave each.
        var outputs: [[Candidate]] = Array(repeating: [], count: task.tests.count)
        var run = 0
        for solver in ranked.prefix(maximumSolvers) {
            // Agreement needs every solver of the first tier; then, as without it, two outputs do.
            let countsAgreement = preferAgreement && solver.solvesEveryDemonstration
            if !countsAgreement && outputs.allSatisfy({ $0.count >= 2 }) { break }
            run += 1
            for (index, test) in task.tests.enumerated() where countsAgreement || outputs[index].count < 2 {
                guard let grid = output(of: solver, on: test.input, task: task) else { continue }
                if let known = outputs[index].firstIndex(where: { $0.grid == grid }) {
                    if solver.solvesEveryDemonstration { outputs[index][known].agreeing += 1 }
                } else {
                    outputs[index].append(
                        Candidate(
                            grid: grid, solver: solver.solverMD5, agreeing: solver.solvesEveryDemonstration ? 1 : 0))
                }
            }
        }
        let tests = zip(task.tests, outputs).map { test, found in
            // A stable sort keeps the ranking's order among outputs of equal agreement.
            let chosen = Array((preferAgreement ? Self.byAgreement(found) : found).prefix(2))
            return TestAttempts(
                attempt1: chosen.first?.grid ?? test.input,
                attempt2: chosen.count > 1 ? chosen[1].grid : test.input,
                solvers: chosen.map(\.solver))
        }
        return TaskAttempts(
            taskID: task.id, tests: tests, solverCount: solvers.count,
            fullSolverCount: solvers.count(where: \.solvesEveryDemonstration), solversRun: run)
    }

    /// One distinct output of a test input: the best solver that gave it, and how many solvers
    /// with every demonstration right gave it.
    struct Candidate {
        var grid: Grid
        var solver: String
        var agreeing: Int
    }

    /// Outputs by agreement, most first; equal agreement keeps the ranking's order.
    static func byAgreement(_ candidates: [Candidate]) -> [Candidate] {
        candidates.enumerated().sorted { a, b in
            a.element.agreeing != b.element.agreeing ? a.element.agreeing > b.element.agreeing : a.offset < b.offset
        }.map(\.element)
    }

    /// The solver's output grid for `input`, or nil when it raises, runs out of time or budget,
    /// or returns something that is not a grid with at least one column.
    func output(of solver: SubmissionSolver, on input: Grid, task: ARCTask) -> Grid? {
        let arguments = Validator.arguments(
            for: solver.program.parameterNames, input: .grid(input), demonstrations: Validator.demonstrations(of: task))
        let context = EvaluationContext(timeLimit: timeLimitSeconds, budget: budget)
        guard case .grid(let grid)? = try? solver.program.evaluate(arguments, context), grid.width > 0 else {
            return nil
        }
        return grid
    }
}
