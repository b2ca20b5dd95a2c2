import Foundation
import Testing

@testable import BattCache
@testable import BattCommands

@Suite struct CachePruneCommandTests {
    /// The solver numbers of every verdict in the cache (fixture verdict `i` was last used at second `i`).
    static func remainingSolvers(_ path: String, tasks: Int = 8) throws -> Set<Int> {
        let store = try CacheStore(path: path, mode: .readOnly)
        var solvers: Set<Int> = []
        for task in 0..<tasks {
            for verdict in try store.verdicts(forTask: "task\(task)") {
                solvers.insert(try #require(Int(verdict.key.solverMD5, radix: 16)))
            }
        }
        return solvers
    }

    static func fileSize(_ path: String) -> Int {
        ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber)?.intValue ?? 0
    }

    @Test func maxSizeShrinksTheFileUnderTheCeilingKeepingTheMostRecentlyUsedVerdicts() throws {
        let folder = try CacheTestFolder()
        let path = folder.path("batt-cache.sqlite")
        let count = 3_000
        try CacheFixture.cache(at: path, verdicts: count)
        let ceiling = Self.fileSize(path) / 2

        let output = try CacheCommandLine.execute(["cache", "prune", "--cache", path, "--max-size", "\(ceiling)"])
        #expect(!output.failed)
        #expect(output.text.contains("least recently used to fit"), "\(output.text)")

        #expect(Self.fileSize(path) <= ceiling)
        #expect(Self.fileSize(path + "-wal") == 0)
        let kept = try Self.remainingSolvers(path)
        #expect(kept.count > count / 4 && kept.count < count)
        #expect(kept == Set((count - kept.count)..<count), "the most recently used verdicts stay")
        let store = try CacheStore(path: path, mode: .readOnly)
        #expect(try store.solver(md5: CacheFixture.md5(0)) == nil, "an evicted verdict's solver body goes too")
        #expect(try store.solver(md5: CacheFixture.md5(count - 1))?.inlinedText != nil)
    }

    @Test func aDryRunListsExactlyWhatThePruneRemovesAndChangesNothing() throws {
        let folder = try CacheTestFolder()
        let source = try CacheFixture.cache(at: folder.path("source.sqlite"), verdicts: 1_500)
        let dry = try folder.folder("dry") + "/batt-cache.sqlite"
        let real = try folder.folder("real") + "/batt-cache.sqlite"
        _ = try source.export(to: dry)
        _ = try source.export(to: real)
        let before = try CacheFolderSnapshot(folder.path("dry"))
        let options = [
            "--stale", "--status", "timeout,budget", "--max-size", "\(Self.fileSize(real) / 2)", "--list", "all",
            "--json",
        ]

        let planned = try CacheCommandLine.execute(["cache", "prune", "--cache", dry, "--dry-run"] + options)
        #expect(try CacheFolderSnapshot(folder.path("dry")) == before)
        let done = try CacheCommandLine.execute(["cache", "prune", "--cache", real] + options)

        let plan = try #require(try JSONSerialization.jsonObject(with: Data(planned.text.utf8)) as? [String: Any])
        let result = try #require(try JSONSerialization.jsonObject(with: Data(done.text.utf8)) as? [String: Any])
        #expect(plan["dry_run"] as? Bool == true)
        #expect(result["dry_run"] as? Bool == false)
        for field in ["verdicts_removed", "verdicts_selected", "verdicts_evicted", "solvers_removed", "bytes_after"] {
            #expect(plan[field] as? Int == result[field] as? Int, "\(field)")
        }
        func keys(_ report: [String: Any]) -> [String] {
            (report["removed"] as? [[String: Any]] ?? []).map {
                "\($0["solver_md5"] ?? "")/\($0["task_fingerprint"] ?? "")"
            }
        }
        #expect(keys(plan).count == plan["verdicts_removed"] as? Int)
        #expect(keys(plan) == keys(result))
        // The plan shows each verdict in full: it is still in the cache.
        #expect((plan["removed"] as? [[String: Any]])?.allSatisfy { $0["task"] != nil && $0["outcome"] != nil } == true)
        #expect(Set(try Self.remainingSolvers(real)).count == 1_500 - (result["verdicts_removed"] as? Int ?? 0))
    }

    @Test func selectionOptionsCombineWithAnd() throws {
        let folder = try CacheTestFolder()
        let path = folder.path("batt-cache.sqlite")
        let now = Date().timeIntervalSince(CacheFixture.epoch)
        let store = try CacheStore(path: path)
        try store.insert(verdicts: [
            CacheFixture.verdict(1, task: "a", outcome: .timeout, lastUsed: now - 10 * 86_400),
            CacheFixture.verdict(2, task: "a", outcome: .timeout, lastUsed: now - 3_600),
            CacheFixture.verdict(3, task: "b", outcome: .timeout, lastUsed: now - 3_600),
            CacheFixture.verdict(4, task: "a", outcome: .wrong, lastUsed: now - 10 * 86_400),
            CacheFixture.verdict(5, task: "a", version: "batt-dsl-2+old", outcome: .correct, lastUsed: now - 3_600),
        ])
        func prune(_ options: [String]) throws -> [Int] {
            let output = try CacheCommandLine.execute(
                ["cache", "prune", "--cache", path, "--json", "--list", "all"] + options)
            let report = try #require(try JSONSerialization.jsonObject(with: Data(output.text.utf8)) as? [String: Any])
            return (report["removed"] as? [[String: Any]] ?? []).compactMap {
                Int($0["solver_md5"] as? String ?? "", radix: 16)
            }.sorted()
        }
        #expect(try prune(["--status", "timeout", "--task", "a", "--older-than", "7d", "--dry-run"]) == [1])
        #expect(try prune(["--status", "timeout", "--task", "a", "--dry-run"]) == [1, 2])
        #expect(try prune(["--older-than", "7d", "--dry-run"]) == [1, 4])
        #expect(try prune(["--stale"]) == [5])
        #expect(try prune(["--stale", "--solver-version", "old"]) == [1, 2, 3, 4])
        #expect(try CacheStore(path: path, mode: .readOnly).verdictCount() == 0)
    }

    @Test(arguments: [
        (["--max-size", "100MB"], 100_000_000),
        (["--max-size", "1.5GB"], 1_500_000_000),
        (["--max-size", "512KiB"], 524_288),
        (["--max-size", "4096"], 4_096),
    ])
    func maxSizeReadsDecimalAndBinaryUnits(arguments: [String], bytes: Int) throws {
        let command = try #require(try CacheCommandLine.parse(["cache", "prune"] + arguments) as? PruneCommand)
        #expect(command.maxSize.map { Int($0.bytes) } == bytes)
    }

    @Test(arguments: [
        ["cache", "prune"],
        ["cache", "prune", "--dry-run"],
        ["cache", "prune", "--status", "slow"],
        ["cache", "prune", "--older-than", "soon"],
        ["cache", "prune", "--max-size", "big"],
        ["cache", "prune", "--stale", "--list", "-3"],
    ])
    func malformedOrEmptyPrunesAreUsageErrors(arguments: [String]) {
        #expect(throws: (any Error).self) { try CacheCommandLine.parse(arguments) }
    }

    @Test func aCeilingBelowAnEmptyCacheEmptiesItAndFails() throws {
        let folder = try CacheTestFolder()
        let path = folder.path("batt-cache.sqlite")
        try CacheFixture.cache(at: path, verdicts: 50)
        let output = try CacheCommandLine.execute(["cache", "prune", "--cache", path, "--max-size", "1KB"])
        #expect(output.failed)
        #expect(output.errors.contains { $0.contains("even an empty cache") })
        #expect(try CacheStore(path: path, mode: .readOnly).verdictCount() == 0)
    }
}
