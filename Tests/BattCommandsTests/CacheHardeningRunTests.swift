import Foundation
import GRDB
import Testing

@testable import BattCache
@testable import BattPipeline

/// What `batt run` does with a cache that cannot be trusted or written: it never serves a wrong
/// verdict, and it finishes its run, saying what it did not store.
@Suite struct CacheHardeningRunTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
    static let tasks = fixtures.appendingPathComponent("Tasks").path
    /// 6 candidates, 5 (task, solver) pairs: 3 correct, 1 wrong, 1 error.
    static let candidates = fixtures.appendingPathComponent("candidates.py").path
    static let expected = ["correct": 3, "wrong": 1, "error": 1]

    static func options(
        cache: String, candidates: String = candidates, budget: Int = Validator.defaultBudget,
        busyTimeout: Double = CacheStore.defaultBusyTimeout, maxPages: Int? = nil
    ) -> RunOptions {
        var options = RunOptions(
            tasksPath: tasks, candidatesPath: candidates, cachePath: cache, timeLimitSeconds: 10, jobs: 2,
            budget: budget)
        options.cacheBusyTimeout = busyTimeout
        options.cacheMaxPageCount = maxPages
        return options
    }

    /// What each candidate was found to be: must not depend on where the verdict came from.
    static func answers(_ outcome: RunOutcome) -> [[String]] {
        outcome.results.map { [$0.function, $0.outcome, $0.pairResults ?? "", "\($0.demoCorrect ?? -1)"] }
    }

    static func run(_ options: RunOptions) async throws -> RunOutcome {
        try await Pipeline(options: options).run()
    }

    /// Runs `sql` on the cache as a hand edit would: CHECK constraints off.
    static func edit(_ path: String, _ sql: String) throws {
        let queue = try DatabaseQueue(path: path)
        try queue.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA ignore_check_constraints = ON")
            try db.execute(sql: sql)
        }
        try queue.close()
    }

    static func pageCount(_ path: String) throws -> Int {
        let queue = try DatabaseQueue(path: path)
        defer { try? queue.close() }
        return try queue.read { try Int.fetchOne($0, sql: "PRAGMA page_count") ?? 0 }
    }

    /// A candidates file of `count` generated functions for the fixture tasks.
    static func generated(_ count: Int, in folder: CacheTestFolder, seed: UInt64 = 7) throws -> String {
        let path = folder.path("generated.py")
        let text = CacheCandidates.file(
            CacheCandidates.functions(count: count, tasks: ["a1a1a1a1", "b2b2b2b2"], seed: seed))
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    // MARK: Item 1: the budget is part of what a verdict answers

    @Test func budgetVerdictsAreCheckedAgainUnderALargerBudget() async throws {
        let folder = try CacheTestFolder()
        let cache = folder.path("cache.sqlite")
        let tight = try await Self.run(Self.options(cache: cache, budget: 1))
        let stopped = tight.summary.outcomes["budget"] ?? 0
        #expect(
            stopped >= 3, "a budget of one element stops every solver that builds a grid: \(tight.summary.outcomes)")

        let plain = try await Self.run(Self.options(cache: cache))
        #expect(plain.summary.outcomes == Self.expected)
        #expect(plain.summary.validated >= stopped, "no 'budget' verdict is served under a larger budget")

        // A verdict of the larger budget does not answer the smaller one: it could have stopped it.
        let tightAgain = try await Self.run(Self.options(cache: cache, budget: 1))
        #expect(tightAgain.summary.outcomes == tight.summary.outcomes)
        let same = try await Self.run(Self.options(cache: cache, budget: 1))
        #expect(same.summary.verdictHits == 5, "the same budget is answered from the cache")
    }

    // MARK: Item 3: a row batt would never write is a miss, revalidated and replaced

    @Test(arguments: [
        "outcome = 'banana'", "pair_results = 'xyz'", "demo_correct = demo_count + 1", "elapsed_seconds = -1",
        "elapsed_seconds = 'soon'", "hit_count = x'00ff'", "budget = 0", "time_limit_seconds = 'long'",
    ])
    func aDamagedVerdictIsValidatedAgainAndReplaced(damage: String) async throws {
        let folder = try CacheTestFolder()
        let cache = folder.path("cache.sqlite")
        let cold = try await Self.run(Self.options(cache: cache))
        try Self.edit(cache, "UPDATE verdicts SET \(damage) WHERE id = (SELECT min(id) FROM verdicts)")
        #expect(!CacheStore.verify(path: cache).isOK, "verify finds the row")

        let warm = try await Self.run(Self.options(cache: cache))
        #expect(Self.answers(warm) == Self.answers(cold))
        #expect(warm.summary.untrustedVerdicts == 1)
        #expect(warm.summary.verdictHits == 4 && warm.summary.validated == 1)
        #expect(
            warm.summary.warnings.contains {
                $0.contains("1 cached verdict could not be trusted") && $0.contains("1 of them replaced")
            })

        #expect(CacheStore.verify(path: cache).isOK, "the row was replaced")
        let again = try await Self.run(Self.options(cache: cache))
        #expect(again.summary.verdictHits == 5 && again.summary.untrustedVerdicts == 0)
    }

    @Test func aDamagedSolverRowIsInlinedAgainAndReplaced() async throws {
        let folder = try CacheTestFolder()
        let cache = folder.path("cache.sqlite")
        let cold = try await Self.run(Self.options(cache: cache))
        try Self.edit(cache, "UPDATE solvers SET text_materialised = 7 WHERE rowid = (SELECT min(rowid) FROM solvers)")
        try Self.edit(cache, "DELETE FROM candidate_files")
        let warm = try await Self.run(Self.options(cache: cache))
        #expect(Self.answers(warm) == Self.answers(cold))
        #expect(warm.summary.inlined == 1)
        #expect(CacheStore.verify(path: cache).isOK)
    }

    // MARK: Item 7: read first; a lock held elsewhere does not fail the run

    @Test func aWarmRunFinishesWhileAnotherProcessHoldsTheWriteLock() async throws {
        let folder = try CacheTestFolder()
        let cache = folder.path("cache.sqlite")
        _ = try await Self.run(Self.options(cache: cache))
        let holder = try LockHolder(cache)
        defer { holder.release() }

        let warm = try await Self.run(Self.options(cache: cache, busyTimeout: 0.2))
        #expect(warm.summary.outcomes == Self.expected)
        #expect(warm.summary.verdictHits == 5)
        #expect(warm.summary.verdictsNotStored == 0)
    }

    @Test func aRunWithVerdictsToStoreFinishesAndNamesWhatWasNotStoredWhenTheLockIsHeld() async throws {
        let folder = try CacheTestFolder()
        let cache = folder.path("cache.sqlite")
        _ = try await Self.run(Self.options(cache: cache))
        let candidates = try Self.generated(12, in: folder)
        let holder = try LockHolder(cache)
        defer { holder.release() }

        let run = try await Self.run(Self.options(cache: cache, candidates: candidates, busyTimeout: 0.2))
        #expect(run.summary.validated > 0)
        #expect(run.summary.verdictsNotStored == run.summary.validated)
        #expect(run.summary.cacheWriteFailure?.contains("write lock") == true)
        #expect(!run.summary.cacheFull)
        #expect(run.results.filter { $0.stored == false }.count >= run.summary.validated)
        #expect(run.summary.warnings.contains { $0.contains("were not stored") })

        holder.release()
        let after = try await Self.run(Self.options(cache: cache, candidates: candidates))
        #expect(after.summary.validated == run.summary.validated, "nothing was half-stored")
        #expect(after.results.allSatisfy { $0.stored == nil })
    }

    // MARK: Item 12: a full disk mid-run (emulated with PRAGMA max_page_count)

    @Test func aFullDiskMidRunKeepsGoingReportsAndSaysHowManyVerdictsWereNotStored() async throws {
        let folder = try CacheTestFolder()
        let cache = folder.path("cache.sqlite")
        _ = try await Self.run(Self.options(cache: cache))
        let pages = try Self.pageCount(cache)
        let candidates = try Self.generated(600, in: folder)

        let run = try await Self.run(Self.options(cache: cache, candidates: candidates, maxPages: pages + 2))
        #expect(run.summary.cacheFull)
        #expect(run.summary.verdictsNotStored > 0)
        #expect(run.summary.validated == run.summary.verdictMisses, "every miss was still validated")
        #expect(run.results.allSatisfy { $0.outcome != "invalid" })
        #expect(run.summary.warnings.contains { $0.contains("THE DISK IS FULL") && $0.contains("not stored") })
        #expect(CacheStore.verify(path: cache).isOK, "the cache stays sound")
    }
}

/// Another connection holding the cache's write lock (`BEGIN IMMEDIATE`), as another process would.
final class LockHolder: @unchecked Sendable {
    private let queue: DatabaseQueue
    private var held = true

    init(_ path: String) throws {
        var configuration = Configuration()
        configuration.allowsUnsafeTransactions = true
        queue = try DatabaseQueue(path: path, configuration: configuration)
        try queue.writeWithoutTransaction { db in try db.execute(sql: "BEGIN IMMEDIATE") }
    }

    func release() {
        guard held else { return }
        held = false
        try? queue.writeWithoutTransaction { db in try db.execute(sql: "ROLLBACK") }
        try? queue.close()
    }
}
