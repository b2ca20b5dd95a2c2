import Foundation
import Testing

@testable import BattCommands
@testable import BattPipeline

/// What `batt run` prints: the table for a few tasks, a summary a person reads at a glance for
/// many, and progress with its rate and the time left.
@Suite struct RunScreenSummaryTests {
    static func summary(tasks count: Int) -> RunSummary {
        var summary = RunSummary(solverVersion: "v", cachePath: "c.sqlite", cacheMode: "read-write")
        summary.tasks = (0..<count).map { n in
            var row = TaskSummary(task: String(format: "t%03d", n))
            row.candidates = 3
            row.uniqueSolvers = 3
            row.validated = 3
            row.correct = n % 3 == 0 ? 1 : 0
            row.invalid = n == 1 ? 3 : 0
            return row
        }
        summary.inlineHits = 30
        summary.inlineMisses = 10
        summary.verdictHits = 1
        summary.verdictMisses = 3
        summary.newlySolved = (0..<count).filter { $0 % 3 == 0 }.map { String(format: "t%03d", $0) }
        summary.lost = ["t002"]
        summary.slowest = [
            SlowSolver(
                task: "t004", function: "solve_t004_2", file: "w.py", line: 17, solverMD5: "ab", outcome: "timeout",
                elapsedSeconds: 1.25, cached: false)
        ]
        return summary
    }

    @Test func upToFortyTasksTheTableIsPrinted() {
        let text = RunReport.text(Self.summary(tasks: 40), results: [], quiet: false)
        #expect(text.contains("cands  bodies  solvers"))
        #expect(text.contains("t039"))
        #expect(!text.contains("newly solved"))
    }

    @Test func beyondFortyTasksASummaryReplacesTheTable() {
        let text = RunReport.text(Self.summary(tasks: 41), results: [], quiet: false)
        #expect(!text.contains("cands  bodies  solvers"))
        #expect(!text.contains("t040"), "no task beyond the first few is named")
        #expect(text.contains("41 tasks: 14 solved, 26 unsolved, 1 with no candidate that can run"))
        #expect(
            text.contains(
                "newly solved (the cache had no correct solver before): 14: t000, t003, t006, t009, t012, t015, t018, t021, t024, t027, t030, t033 and 2 more"
            ))
        #expect(text.contains("lost (the cache has a correct solver this run lacks): 1: t002"))
        #expect(text.contains("hit rates: inline 75.0% (30 of 40), verdicts 25.0% (1 of 4)"))
        #expect(text.contains("1.250s  t004  solve_t004_2  timeout  w.py:17"))
        #expect(text.contains("--table"))
        #expect(text.split(separator: "\n").count < 25, "fits a screen:\n\(text)")
    }

    @Test func theTableOptionPrintsEveryTaskAnyway() {
        let text = RunReport.text(Self.summary(tasks: 41), results: [], quiet: false, fullTable: true)
        #expect(text.contains("cands  bodies  solvers"))
        #expect(text.contains("t040"))
    }

    @Test func jsonCarriesTheFullTableAndTheComparison() throws {
        let json = try RunReport.json(Self.summary(tasks: 41))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect((object["tasks"] as? [Any])?.count == 41)
        #expect((object["lost"] as? [String]) == ["t002"])
        #expect((object["newly_solved"] as? [String])?.count == 14)
        #expect((object["slowest"] as? [[String: Any]])?.first?["solver_md5"] as? String == "ab")
    }

    @Test(arguments: [
        (64, 1000, 2.0, ", 32/s, 30s left"), (500, 1000, 100.0, ", 5.0/s, 1m40s left"),
        (10, 100_000, 1.0, ", 10/s, 2h46m left"), (1000, 1000, 4.0, ", 250/s"), (0, 10, 1.0, ""),
    ])
    func progressSaysTheRateAndTheTimeLeft(done: Int, total: Int, seconds: Double, expected: String) {
        #expect(ProgressPrinter.pace(done: done, total: total, seconds: seconds) == expected)
    }
}
