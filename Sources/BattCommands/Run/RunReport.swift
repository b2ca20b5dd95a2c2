import BattPipeline
import Foundation

/// The text `batt run` prints: the per-task table, totals and the phase timings.
enum RunReport {
    /// How many problems of one kind are listed before the rest are counted.
    static let listedProblems = 50

    /// With more tasks than this, the default output is the screen summary, not the table.
    static let tableTaskLimit = 40

    /// How many task ids a summary line names before counting the rest.
    static let listedTasks = 12

    /// The first invalid results to list, and how many there are; a run's results find them
    /// without building every result.
    static func invalidResults<Results: Collection<CandidateResult>>(_ results: Results) -> (
        listed: [CandidateResult], count: Int
    ) {
        if let compact = results as? CandidateResults { return compact.invalid(listing: listedProblems) }
        let invalid = results.filter { $0.outcome == "invalid" }
        return (Array(invalid.prefix(listedProblems)), invalid.count)
    }

    static func text<Results: Collection<CandidateResult>>(
        _ summary: RunSummary, results: Results, quiet: Bool, fullTable: Bool = false
    ) -> String {
        var lines: [String] = []
        if !quiet {
            for diagnostic in summary.diagnostics.prefix(listedProblems) { lines.append("warning: \(diagnostic)") }
            if summary.diagnostics.count > listedProblems {
                lines.append("warning: ... and \(summary.diagnostics.count - listedProblems) more diagnostics")
            }
            let invalid = invalidResults(results)
            for result in invalid.listed {
                lines.append(
                    "skipped: \(result.file):\(result.line): \(result.function): \(result.message ?? "cannot run")")
            }
            if invalid.count > listedProblems {
                lines.append("skipped: ... and \(invalid.count - listedProblems) more candidates (see --report)")
            }
            for warning in summary.warnings { lines.append("warning: \(warning)") }
            if fullTable || summary.tasks.count <= tableTaskLimit {
                lines.append(table(summary.tasks))
            } else {
                lines += screenSummary(summary)
            }
            lines.append("")
        }
        let outcomes = ["correct", "wrong", "error", "timeout", "budget"]
            .map { "\(summary.outcomes[$0] ?? 0) \($0)" }.joined(separator: ", ")
        lines.append(
            """
            \(summary.candidates) candidates (\(summary.invalid) invalid, \(summary.unreadable) unreadable) → \
            \(summary.uniqueBodies) unique bodies → \(summary.uniqueSolvers) unique solvers; \
            solved \(summary.tasksSolved) of \(summary.tasksWithCandidates) tasks
            """)
        lines.append(
            """
            cache \(summary.cachePath ?? "off") [\(summary.cacheMode)]: inline \(summary.inlineHits) hits / \
            \(summary.inlineMisses) misses, verdicts \(summary.verdictHits) hits / \(summary.verdictMisses) misses, \
            validated \(summary.validated) (\(outcomes))
            """)
        if let shard = summary.shard, summary.tasks.count <= tableTaskLimit || quiet {
            lines.append("shard \(shard): only the candidates of this shard's tasks were validated")
        }
        if summary.candidateFilesKnown {
            lines.append("the cache knew every candidate file: none was parsed again")
        }
        if summary.staleVerdicts > 0 {
            // `cache prune --stale` keeps the native version and every unchanged Python DSL's, so
            // it removes exactly what this count holds.
            lines.append(
                "the cache holds \(summary.staleVerdicts) stale verdicts of other solver versions (batt cache prune --stale)"
            )
        }
        if summary.dagHashedSolvers > 0 {
            lines.append(
                "\(summary.dagHashedSolvers) solvers were too large to inline as text and are identified by their DAG hash"
            )
        }
        if !quiet {
            let phases = summary.phases.map { String(format: "%@ %.3fs", $0.phase, $0.seconds) }.joined(separator: ", ")
            lines.append(String(format: "time %.3fs: ", summary.totalSeconds) + phases)
            lines.append("solver version \(summary.solverVersion)")
        }
        if let evaluator = summary.evaluator, evaluator.runtime != "native" {
            lines.append(
                "\(evaluator.runtime): "
                    + (evaluator.startedPython
                        ? "\(evaluator.workersStarted) Python worker(s) started"
                        : "no Python started (names and version from the cache)"))
        }
        return lines.joined(separator: "\n")
    }

    /// What a person reads at a glance instead of a long table: solved, newly solved and lost
    /// tasks, hit rates and the slowest solvers.
    static func screenSummary(_ summary: RunSummary) -> [String] {
        var lines: [String] = []
        let tasks = summary.tasks
        let solved = tasks.filter { $0.correct > 0 }.count
        lines.append(
            "\(tasks.count) tasks\(summary.shard.map { " (shard \($0))" } ?? ""): \(solved) solved, "
                + "\(tasks.filter { $0.correct == 0 && $0.candidates > $0.invalid }.count) unsolved, "
                + "\(tasks.filter { $0.candidates == $0.invalid }.count) with no candidate that can run")
        if let newly = summary.newlySolved, let lost = summary.lost {
            lines.append("newly solved (the cache had no correct solver before): " + listed(newly))
            lines.append("lost (the cache has a correct solver this run lacks): " + listed(lost))
        }
        func rate(_ hits: Int, _ misses: Int) -> String {
            hits + misses == 0
                ? "none looked up"
                : String(format: "%.1f%% (%d of %d)", 100 * Double(hits) / Double(hits + misses), hits, hits + misses)
        }
        lines.append(
            "hit rates: inline \(rate(summary.inlineHits, summary.inlineMisses)), verdicts \(rate(summary.verdictHits, summary.verdictMisses))"
        )
        if !summary.slowest.isEmpty {
            lines.append("slowest solvers:")
            for slow in summary.slowest {
                lines.append(
                    String(format: "  %8.3fs  ", slow.elapsedSeconds)
                        + "\(slow.task)  \(slow.function)  \(slow.outcome)\(slow.cached ? " (cached)" : "")  \(slow.file):\(slow.line)"
                )
            }
        }
        lines.append("(the per-task table of all \(tasks.count) tasks: --table, or --json)")
        return lines
    }

    /// `a, b, c and 9 more`, or `none`.
    static func listed(_ ids: [String]) -> String {
        guard !ids.isEmpty else { return "none" }
        let shown = ids.prefix(listedTasks).joined(separator: ", ")
        return "\(ids.count): " + shown + (ids.count > listedTasks ? " and \(ids.count - listedTasks) more" : "")
    }

    static func table(_ tasks: [TaskSummary]) -> String {
        let header = [
            "task", "cands", "bodies", "solvers", "inl.hit", "ver.hit", "valid.", "correct", "t/o", "errors", "invalid",
        ]
        var rows = tasks.map { t in
            [
                t.task, "\(t.candidates)", "\(t.uniqueBodies)", "\(t.uniqueSolvers)", "\(t.inlineHits)",
                "\(t.verdictHits)", "\(t.validated)", "\(t.correct)", "\(t.timeouts)", "\(t.errors)", "\(t.invalid)",
            ]
        }
        if tasks.count > 1 {
            func sum(_ key: KeyPath<TaskSummary, Int>) -> String { "\(tasks.reduce(0) { $0 + $1[keyPath: key] })" }
            rows.append([
                "total", sum(\.candidates), sum(\.uniqueBodies), sum(\.uniqueSolvers), sum(\.inlineHits),
                sum(\.verdictHits), sum(\.validated), sum(\.correct), sum(\.timeouts), sum(\.errors), sum(\.invalid),
            ])
        }
        let widths = header.indices.map { c in ([header] + rows).map { $0[c].count }.max() ?? 0 }
        func format(_ row: [String]) -> String {
            row.enumerated().map { c, cell in
                c == 0
                    ? cell.padding(toLength: widths[c], withPad: " ", startingAt: 0)
                    : String(repeating: " ", count: widths[c] - cell.count) + cell
            }.joined(separator: "  ")
        }
        return ([format(header)] + rows.map(format)).joined(separator: "\n")
    }

    static func json(_ summary: RunSummary) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(summary), as: UTF8.self)
    }
}
