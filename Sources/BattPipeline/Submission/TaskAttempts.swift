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
    /// Solvers actually run on the test inputs.
    public var solversRun: Int

    public init(taskID: String, tests: [TestAttempts], solverCount: Int, solversRun: Int) {
        self.taskID = taskID
        self.tests = tests
        self.solverCount = solverCount
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

    public static let defaultMaximumSolvers = 64

    public init(
        timeLimitSeconds: Double, budget: Int = Validator.defaultBudget,
        maximumSolvers: Int = AttemptPicker.defaultMaximumSolvers
    ) {
        self.timeLimitSeconds = timeLimitSeconds
        self.budget = budget
        self.maximumSolvers = maximumSolvers
    }

    /// Attempt 1 of a test input is the output of the best solver that gives a grid for it,
    /// attempt 2 the output of the next solver whose grid differs; a missing attempt is the test
    /// input itself, so every test input always has two.
    public func attempts(for task: ARCTask, solvers: [SubmissionSolver]) -> TaskAttempts {
        let ranked = SolverRanking.ranked(solvers)
        var outputs: [[(grid: Grid, solver: String)]] = Array(repeating: [], count: task.tests.count)
        var run = 0
        for solver in ranked.prefix(maximumSolvers) {
            if outputs.allSatisfy({ $0.count >= 2 }) { break }
            run += 1
            for (index, test) in task.tests.enumerated() where outputs[index].count < 2 {
                guard let grid = output(of: solver, on: test.input, task: task) else { continue }
                if !outputs[index].contains(where: { $0.grid == grid }) {
                    outputs[index].append((grid, solver.solverMD5))
                }
            }
        }
        let tests = zip(task.tests, outputs).map { test, found in
            TestAttempts(
                attempt1: found.first?.grid ?? test.input,
                attempt2: found.count > 1 ? found[1].grid : test.input,
                solvers: found.map(\.solver))
        }
        return TaskAttempts(taskID: task.id, tests: tests, solverCount: solvers.count, solversRun: run)
    }

    /// The solver's output grid for `input`, or nil when it raises, runs out of time or budget,
    /// or returns something that is not a grid with at least one column.
    func output(of solver: SubmissionSolver, on input: Grid, task: ARCTask) -> Grid? {
        let demonstrations: Value = .tuple(
            task.demonstrations.map { .tuple([.grid($0.input), $0.output.map(Value.grid) ?? .none]) })
        let arguments = solver.program.parameterNames.map { name -> Value in
            switch name {
            case "I": return .grid(input)
            case "S": return demonstrations
            default: return .none
            }
        }
        let context = EvaluationContext(timeLimit: timeLimitSeconds, budget: budget)
        guard case .grid(let grid)? = try? solver.program.evaluate(arguments, context), grid.width > 0 else {
            return nil
        }
        return grid
    }
}
