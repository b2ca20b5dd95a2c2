import Foundation
import Testing

@testable import BattCache
@testable import BattCommands

@Suite struct CacheInspectCommandTests {
    /// Six verdicts of version `+a` (two correct) on tasks a and b, three of version `+b`, two runs.
    static func cache(in folder: CacheTestFolder) throws -> String {
        let path = folder.path("batt-cache.sqlite")
        let store = try CacheStore(path: path)
        try store.insert(verdicts: [
            CacheFixture.verdict(
                1, task: "a", version: "batt-dsl-2+a", outcome: .correct, pairs: "111", elapsed: 0.004),
            CacheFixture.verdict(
                2, task: "a", version: "batt-dsl-2+a", outcome: .correct, pairs: "111", elapsed: 0.001),
            CacheFixture.verdict(3, task: "a", version: "batt-dsl-2+a", outcome: .wrong, pairs: "110"),
            CacheFixture.verdict(4, task: "a", version: "batt-dsl-2+a", outcome: .error, pairs: "EEE"),
            CacheFixture.verdict(5, task: "a", version: "batt-dsl-2+a", outcome: .wrong, pairs: "100"),
            CacheFixture.verdict(1, task: "b", version: "batt-dsl-2+a", outcome: .timeout, pairs: "1--"),
            CacheFixture.verdict(1, task: "a", version: "batt-dsl-2+b", outcome: .correct, pairs: "111"),
            CacheFixture.verdict(6, task: "b", version: "batt-dsl-2+b", outcome: .wrong, pairs: "000"),
            CacheFixture.verdict(7, task: "b", version: "batt-dsl-2+b", outcome: .budget, pairs: "0--"),
        ])
        try store.insert(solvers: [CacheFixture.solver(1), CacheFixture.solver(2, text: nil)])
        _ = try store.record(run: CacheFixture.run(hits: 0, misses: 10))
        _ = try store.record(run: CacheFixture.run(hits: 30, misses: 10))
        return path
    }

    @Test func totalsCountOutcomesAndVersionsAndMarkTheCurrentVersion() throws {
        let folder = try CacheTestFolder()
        let path = try Self.cache(in: folder)
        let text = try CacheCommandLine.execute(["cache", "inspect", "--cache", path, "--solver-version", "a"]).text
        #expect(text.contains("verdicts  9: 3 correct, 3 wrong, 1 error, 1 timeout, 1 budget"), "\(text)")
        #expect(
            text.contains(
                "stale     3 verdicts of solver versions other than batt-dsl-2+a (batt cache prune --stale removes them)"
            ), "\(text)")
        let lines = text.split(separator: "\n")
        #expect(lines.contains { $0.hasPrefix("batt-dsl-2+a ") && $0.hasSuffix(" 6  current") }, "\(text)")
        #expect(lines.contains { $0.hasPrefix("batt-dsl-2+b ") && $0.hasSuffix(" 3  stale") }, "\(text)")
        #expect(text.contains("2 bodies inlined to 2 solvers"), "\(text)")

        let json = try CacheCommandLine.execute([
            "cache", "inspect", "--cache", path, "--solver-version", "b", "--json",
        ]).text
        let summary = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(summary["current_solver_version"] as? String == "batt-dsl-2+b")
        #expect(summary["stale_verdicts"] as? Int == 6)
        #expect(summary["verdicts"] as? Int == 9)
        let versions = summary["verdicts_by_version"] as? [[String: Any]] ?? []
        #expect(versions.map { $0["solver_version"] as? String } == ["batt-dsl-2+a", "batt-dsl-2+b"])
        #expect(versions.map { $0["current"] as? Bool } == [false, true])
        let tasks = summary["largest_tasks"] as? [[String: Any]] ?? []
        #expect(tasks.map { $0["task"] as? String } == ["a", "b"])
        #expect(tasks.map { $0["correct"] as? Int } == [3, 0])
    }

    @Test func hitRatesCoverTheMostRecentRuns() throws {
        let folder = try CacheTestFolder()
        let path = try Self.cache(in: folder)
        func rates(_ runs: Int) throws -> [String: Any] {
            let json = try CacheCommandLine.execute([
                "cache", "inspect", "--cache", path, "--runs", "\(runs)", "--json",
            ]).text
            return try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])["runs"]
                as? [String: Any] ?? [:]
        }
        // Both runs started at the same second; the later recorded one counts as the most recent.
        #expect(try rates(1)["verdict_hit_rate"] as? Double == 0.75)
        #expect(try rates(10)["verdict_hit_rate"] as? Double == 0.6)
        #expect(try rates(10)["recorded"] as? Int == 2)
    }

    @Test func aTaskListsItsVerdictsBestFirst() throws {
        let folder = try CacheTestFolder()
        let path = try Self.cache(in: folder)
        let json = try CacheCommandLine.execute([
            "cache", "inspect", "--cache", path, "--task", "a", "--json", "--solver-version", "a",
        ]).text
        let task = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let listed = task["listed"] as? [[String: Any]] ?? []
        // Correct ones first (the fastest first), then by pairs right; other versions are listed and marked.
        #expect(listed.map { $0["solver_md5"] as? String } == [2, 1, 1, 3, 5, 4].map(CacheFixture.md5))
        #expect(listed.map { $0["current"] as? Bool } == [true, false, true, true, true, true])
        #expect(task["verdicts"] as? Int == 6)

        let text = try CacheCommandLine.execute(["cache", "inspect", "--cache", path, "--task", "a", "--limit", "2"])
            .text
        let lines = text.split(separator: "\n")
        #expect(lines.first == "task a: 6 verdicts, 3 correct; best first")
        #expect(lines[2].hasPrefix(CacheFixture.md5(2) + "  correct  111"))
        #expect(lines.last == "(4 more; --limit 0 lists them all)")
    }

    @Test func aSolverShowsItsInlinedSourceAndEveryVerdict() throws {
        let folder = try CacheTestFolder()
        let path = try Self.cache(in: folder)
        let text = try CacheCommandLine.execute([
            "cache", "inspect", "--cache", path, "--solver", CacheFixture.md5(1).uppercased(),
        ]).text
        #expect(text.contains("inlined source:\n    def solve(S, I, C):\n        return rot90(I)"), "\(text)")
        #expect(text.split(separator: "\n").filter { $0.hasPrefix("a ") || $0.hasPrefix("b ") }.count == 3, "\(text)")

        let untexted = try CacheCommandLine.execute([
            "cache", "inspect", "--cache", path, "--solver", CacheFixture.md5(2),
        ]).text
        #expect(untexted.contains("not materialised"), "\(untexted)")
    }

    @Test(arguments: [["--solver", String(repeating: "f", count: 32)], ["--task", "nosuchtask"]])
    func anUnknownSolverOrTaskIsAnError(arguments: [String]) throws {
        let folder = try CacheTestFolder()
        let path = try Self.cache(in: folder)
        #expect(throws: CacheCommandError.self) {
            try CacheCommandLine.execute(["cache", "inspect", "--cache", path] + arguments)
        }
    }

    @Test func aMissingCacheIsNotCreated() throws {
        let folder = try CacheTestFolder()
        #expect(throws: CacheError.fileNotFound(path: folder.path("none.sqlite"))) {
            try CacheCommandLine.execute(["cache", "inspect", "--cache", folder.path("none.sqlite")])
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.url.path).isEmpty)
    }

    @Test(arguments: [
        ["cache", "inspect", "--task", "a", "--solver", "b"],
        ["cache", "inspect", "--limit", "-1"],
    ])
    func contradictoryOptionsAreUsageErrors(arguments: [String]) {
        #expect(throws: (any Error).self) { try CacheCommandLine.parse(arguments) }
    }

    @Test func theCacheDefaultsToBattCacheThenTheWorkingFolder() {
        #expect(CacheFileOption.resolve("x.sqlite", environment: ["BATT_CACHE": "env.sqlite"]) == "x.sqlite")
        #expect(CacheFileOption.resolve(nil, environment: ["BATT_CACHE": "env.sqlite"]) == "env.sqlite")
        #expect(CacheFileOption.resolve(nil, environment: ["BATT_CACHE": ""]) == "batt-cache.sqlite")
        #expect(CacheFileOption.resolve(nil, environment: [:]) == "batt-cache.sqlite")
    }
}
