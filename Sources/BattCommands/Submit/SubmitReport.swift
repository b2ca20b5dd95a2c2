import BattPipeline
import Foundation

/// What `batt submit` prints.
enum SubmitReport {
    /// How many task ids a line lists before counting the rest.
    static let listedTasks = 40

    static func text(_ summary: SubmissionSummary, run: RunSummary?) -> String {
        var lines: [String] = []
        if let run {
            lines.append(RunReport.text(run, results: [], quiet: true))
        }
        let counts = summary.tasksByDistinctAttempts
        lines.append("wrote \(summary.out): \(summary.tasks) tasks, \(summary.testInputs) test inputs")
        lines.append(
            "tasks by distinct attempts: 2 in \(counts["2"] ?? 0), 1 in \(counts["1"] ?? 0), 0 in \(counts["0"] ?? 0)"
        )
        if summary.tasksWithoutSolver.isEmpty {
            lines.append("every task had a solver")
        } else {
            lines.append(
                "no solver for \(summary.tasksWithoutSolver.count) task(s), their attempts are the test inputs: "
                    + list(summary.tasksWithoutSolver))
        }
        if !summary.tasksWithoutFullSolver.isEmpty {
            lines.append(
                "no solver gets every demonstration right in \(summary.tasksWithoutFullSolver.count) task(s), their attempts come from partial solvers: "
                    + list(summary.tasksWithoutFullSolver))
        }
        if !summary.tasksWithFallback.isEmpty {
            lines.append(
                "every solver failed on some test input of \(summary.tasksWithFallback.count) task(s), those attempts are the test input: "
                    + list(summary.tasksWithFallback))
        }
        if summary.unusableSolvers > 0 {
            lines.append(
                "\(summary.unusableSolvers) cached solver(s) could not be run: the cache holds no inlined text for them"
            )
        }
        lines.append("ran \(summary.solversRun) solver(s) on test inputs")
        return lines.joined(separator: "\n")
    }

    static func list(_ tasks: [String]) -> String {
        let shown = tasks.prefix(listedTasks).joined(separator: " ")
        return tasks.count > listedTasks ? shown + " ... and \(tasks.count - listedTasks) more" : shown
    }

    static func json(_ summary: SubmissionSummary, run: RunSummary?) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(Output(submission: summary, run: run)), as: UTF8.self)
    }

    /// The submission's counts, with the validation run's summary under `run` when there was one.
    struct Output: Encodable {
        var submission: SubmissionSummary
        var run: RunSummary?

        func encode(to encoder: Encoder) throws {
            try submission.encode(to: encoder)
            if let run {
                var container = encoder.container(keyedBy: RunKey.self)
                try container.encode(run, forKey: .run)
            }
        }

        enum RunKey: String, CodingKey { case run }
    }
}
