import Foundation
import Testing

@testable import BattCache

@Suite struct InspectTests {
    static func fill(_ store: CacheStore) throws {
        try store.insert(solvers: [Fixture.solver(1), Fixture.solver(2, solver: 1), Fixture.solver(3, text: nil)])
        try store.insert(verdicts: [
            Fixture.verdict(1, task: "a", version: "v2"),
            Fixture.verdict(2, task: "a", version: "v2", outcome: .wrong, pairs: "101"),
            Fixture.verdict(3, task: "a", version: "v2", outcome: .timeout, pairs: "1", elapsed: 1),
            Fixture.verdict(1, task: "b", version: "v2", outcome: .error, pairs: "000"),
            Fixture.verdict(1, task: "a", version: "v1", outcome: .wrong, pairs: "001"),
        ])
        try store.record(run: Fixture.run(started: 0, hits: 0, misses: 10))
        try store.record(run: Fixture.run(started: 10, hits: 6, misses: 4))
        try store.record(run: Fixture.run(started: 20, hits: 9, misses: 1))
    }

    @Test(arguments: StoreKind.allCases)
    func totalsCountEveryTableByOutcomeAndVersion(kind: StoreKind) throws {
        let cache = try TestCache(kind)
        try Self.fill(cache.store)
        let summary = try cache.store.inspect(currentSolverVersion: "v2", recentRuns: 2, largestTasks: 1)
        #expect(summary.appliedMigrations == SchemaMigration.supportedIdentifiers)
        #expect(summary.solvers == 3)
        #expect(summary.distinctSolvers == 2)
        #expect(summary.verdicts == 5)
        #expect(summary.verdictsByOutcome == [.correct: 1, .wrong: 2, .timeout: 1, .error: 1])
        #expect(
            summary.verdictsByVersion == [
                .init(solverVersion: "v2", verdicts: 4, isCurrent: true),
                .init(solverVersion: "v1", verdicts: 1, isCurrent: false),
            ])
        #expect(summary.staleVerdicts == 1)
        #expect(summary.runs == 3)
        #expect(summary.recentHitRates.runs == 2)
        #expect(summary.recentHitRates.verdictHitRate == 0.75)
        #expect(summary.largestTasks == [.init(taskID: "a", verdicts: 4, correct: 1)])
        #expect(summary.pageSize > 0 && summary.pageCount > 0)
        #expect((summary.fileBytes > 0) == (kind == .onDisk))
    }

    @Test func withoutACurrentVersionNothingIsStale() throws {
        let store = try CacheStore.inMemory()
        try Self.fill(store)
        let summary = try store.inspect()
        #expect(summary.staleVerdicts == nil)
        #expect(summary.verdictsByVersion.allSatisfy { !$0.isCurrent })
        #expect(summary.recentHitRates.runs == 3)
    }

    @Test func anEmptyCacheHasNoHitRate() throws {
        let summary = try CacheStore.inMemory().inspect(currentSolverVersion: "v1")
        #expect(summary.verdicts == 0)
        #expect(summary.staleVerdicts == 0)
        #expect(summary.recentHitRates.verdictHitRate == nil)
        #expect(summary.largestTasks.isEmpty)
    }

    @Test(arguments: StoreKind.allCases)
    func taskVerdictsComeBestFirst(kind: StoreKind) throws {
        let store = try TestCache(kind).store
        try store.insert(verdicts: [
            Fixture.verdict(1, outcome: .wrong, pairs: "110", elapsed: 0.1),
            Fixture.verdict(2, outcome: .correct, pairs: "111", elapsed: 0.5),
            Fixture.verdict(3, outcome: .correct, pairs: "111", elapsed: 0.2),
            Fixture.verdict(4, outcome: .timeout, pairs: "1", elapsed: 1),
            Fixture.verdict(5, outcome: .wrong, pairs: "111", elapsed: 0.3),
            Fixture.verdict(6, task: "other"),
        ])
        let ranked = try store.verdicts(forTask: "t1").map(\.key.solverMD5)
        #expect(ranked == [3, 2, 5, 1, 4].map(Fixture.md5))
        #expect(try store.verdicts(forTask: "t1", limit: 2).map(\.key.solverMD5) == [3, 2].map(Fixture.md5))
        #expect(try store.verdicts(forTask: "t1", solverVersion: "v9").isEmpty)
    }

    @Test(arguments: StoreKind.allCases)
    func solverDetailsGatherBodiesTextAndVerdicts(kind: StoreKind) throws {
        let store = try TestCache(kind).store
        try Self.fill(store)
        let details = try #require(try store.solver(md5: Fixture.md5(1)))
        #expect(details.bodies.map(\.bodyHash) == ["body-1", "body-2"])
        #expect(details.inlinedText == "def solve(I):\n    return I")
        #expect(details.verdicts.map(\.taskID) == ["a", "a", "b"])
        #expect(try store.solver(md5: Fixture.md5(99)) == nil)
    }

    /// A local timing of `inspect` on a million verdicts, not an assertion:
    /// `BATT_CACHE_BENCH=1 swift test --filter inspectOnAMillionVerdicts`.
    @Test(.enabled(if: ProcessInfo.processInfo.environment["BATT_CACHE_BENCH"] != nil))
    func inspectOnAMillionVerdicts() throws {
        let folder = try TemporaryFolder()
        let store = try CacheStore(path: folder.path("cache.sqlite"))
        let outcomes = Outcome.allCases
        for start in stride(from: 0, to: 1_000_000, by: 50_000) {
            try store.insert(
                verdicts: (start..<start + 50_000).map { index in
                    Fixture.verdict(
                        index, task: "task\(index % 800)", version: index % 10 == 0 ? "v1" : "v2",
                        outcome: outcomes[index % outcomes.count], created: Double(index))
                })
        }
        let clock = ContinuousClock()
        var summary: CacheSummary?
        let elapsed = try clock.measure { summary = try store.inspect(currentSolverVersion: "v2") }
        let stale = try clock.measure { _ = try store.staleVerdictCount(currentVersion: "v2") }
        let task = try clock.measure { _ = try store.verdicts(forTask: "task7", limit: 20) }
        print(
            "inspect on \(summary?.verdicts ?? 0) verdicts (\(summary?.fileBytes ?? 0) bytes): \(elapsed); stale count: \(stale); best of a task: \(task)"
        )
        let export = try clock.measure { _ = try store.export(to: folder.path("export.sqlite")) }
        var pruned: PruneReport?
        let prune = try clock.measure {
            pruned = try store.prune(
                PruneOptions(maxSizeBytes: (summary?.pageCount ?? 0) * (summary?.pageSize ?? 0) / 2))
        }
        print(
            "export: \(export); prune to half size: \(prune), evicted \(pruned?.verdictsEvicted ?? 0), \(pruned?.bytesBefore ?? 0) → \(pruned?.bytesAfter ?? 0) bytes"
        )
    }
}
