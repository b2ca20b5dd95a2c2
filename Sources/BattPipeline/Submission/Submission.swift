import BattCache
import BattDSL
import BattTasks
import Foundation

/// A Kaggle ARC Prize submission: two attempts for every test input of every task.
public struct Submission: Sendable {
    /// In task id order.
    public var tasks: [TaskAttempts]
    /// Cached solvers that could not be run (no inlined text, or text that does not parse).
    public var unusableSolvers: Int

    public init(tasks: [TaskAttempts], unusableSolvers: Int = 0) {
        self.tasks = tasks
        self.unusableSolvers = unusableSolvers
    }

    /// Ranks every task's cached solvers and picks its attempts.
    ///
    /// Solvers are the verdicts of the task's content under `solverVersion` that got at least one
    /// demonstration right. Tasks are worked on in parallel; the result does not depend on it.
    /// - Throws: ``SubmissionError`` when the task set left tasks out or is empty, or the cache fails.
    public static func make(
        taskSet: TaskSet, tasksPath: String, store: CacheStore, solverVersion: String, picker: AttemptPicker
    ) throws -> Submission {
        guard taskSet.diagnostics.isEmpty else {
            throw SubmissionError.malformedTasks(path: tasksPath, problems: taskSet.diagnostics.map(\.description))
        }
        guard !taskSet.isEmpty else { throw SubmissionError.noTasks(path: tasksPath) }
        let fingerprints = Dictionary(uniqueKeysWithValues: taskSet.sortedTasks.map { ($0.id, $0.fingerprint.hex) })
        let records = try store.submissionCandidates(fingerprints: fingerprints, solverVersion: solverVersion)
        let worked = ParallelLoop.map(taskSet.sortedTasks, chunkSize: 4) { task -> (TaskAttempts, Int) in
            var solvers: [SubmissionSolver] = []
            var unusable = 0
            for record in records[task.id] ?? [] {
                if let solver = try? SubmissionSolver(record: record) {
                    solvers.append(solver)
                } else {
                    unusable += 1
                }
            }
            return (picker.attempts(for: task, solvers: solvers), unusable)
        }
        return Submission(tasks: worked.map(\.0), unusableSolvers: worked.map(\.1).reduce(0, +))
    }

    /// The file Kaggle reads: `{"<task>": [{"attempt_1": grid, "attempt_2": grid}, ...], ...}`,
    /// one entry per test input in order, tasks in id order.
    public var json: String {
        var text = "{"
        for (taskIndex, task) in tasks.enumerated() {
            if taskIndex > 0 { text += "," }
            text += "\n\"\(task.taskID)\": ["
            text += task.tests.map {
                "{\"attempt_1\": \(Self.json($0.attempt1)), \"attempt_2\": \(Self.json($0.attempt2))}"
            }
            .joined(separator: ", ")
            text += "]"
        }
        return text + "\n}\n"
    }

    static func json(_ grid: Grid) -> String {
        "[" + grid.rows.map { "[" + $0.map(String.init).joined(separator: ",") + "]" }.joined(separator: ",") + "]"
    }

    /// Writes ``json`` to `path` in one step: a killed run leaves the old file or the new one.
    public func write(to path: String) throws(SubmissionError) {
        do {
            try Data(json.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw .cannotWrite(path: path, reason: (error as NSError).localizedDescription)
        }
    }

    /// What the run tells its user.
    public func summary(out path: String) -> SubmissionSummary {
        var counts = ["0": 0, "1": 0, "2": 0]
        for task in tasks { counts["\(task.distinctAttempts)", default: 0] += 1 }
        return SubmissionSummary(
            out: path, tasks: tasks.count, testInputs: tasks.map(\.tests.count).reduce(0, +),
            tasksByDistinctAttempts: counts,
            tasksWithoutSolver: tasks.filter { $0.solverCount == 0 }.map(\.taskID),
            tasksWithoutFullSolver: tasks.filter { $0.solverCount > 0 && $0.fullSolverCount == 0 }.map(\.taskID),
            tasksWithFallback: tasks.filter { $0.solverCount > 0 && $0.tests.contains { $0.solvers.isEmpty } }
                .map(\.taskID),
            solversRun: tasks.map(\.solversRun).reduce(0, +), unusableSolvers: unusableSolvers)
    }
}

/// The counts `batt submit` prints (`--json`: these keys).
public struct SubmissionSummary: Sendable, Codable, Equatable {
    public var out: String
    public var tasks: Int
    public var testInputs: Int
    /// Tasks by the fewest distinct solver attempts any of their test inputs has: "0", "1", "2".
    public var tasksByDistinctAttempts: [String: Int]
    /// Tasks the cache has no usable solver for: every attempt is the fallback.
    public var tasksWithoutSolver: [String]
    /// Tasks whose solvers all get some demonstration wrong.
    public var tasksWithoutFullSolver: [String]
    /// Tasks with solvers, all of which failed on some test input (that input got the fallback).
    public var tasksWithFallback: [String]
    public var solversRun: Int
    public var unusableSolvers: Int

    enum CodingKeys: String, CodingKey {
        case out, tasks
        case testInputs = "test_inputs"
        case tasksByDistinctAttempts = "tasks_by_distinct_attempts"
        case tasksWithoutSolver = "tasks_without_solver"
        case tasksWithoutFullSolver = "tasks_without_full_solver"
        case tasksWithFallback = "tasks_with_fallback"
        case solversRun = "solvers_run"
        case unusableSolvers = "unusable_solvers"
    }
}
