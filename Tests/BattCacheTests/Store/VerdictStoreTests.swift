import Foundation
import GRDB
import Testing

@testable import BattCache

@Suite struct VerdictStoreTests {
    @Test(arguments: StoreKind.allCases)
    func storedVerdictsComeBackByKey(kind: StoreKind) throws {
        let store = try TestCache(kind).store
        let correct = Fixture.verdict(1, pairs: "1111", elapsed: 0.25, limit: nil)
        let failing = Fixture.verdict(2, outcome: .error, pairs: "00", error: "TypeError: 'int' object is not iterable")
        let stopped = Fixture.verdict(3, task: "t2", outcome: .timeout, pairs: "1", elapsed: 2, limit: 2)
        try store.insert(verdicts: [correct, failing, stopped])
        let found = try store.verdicts(for: [correct.key, failing.key, stopped.key, Fixture.key(4)])
        #expect(found == [correct.key: correct, failing.key: failing, stopped.key: stopped])
    }

    @Test(arguments: StoreKind.allCases)
    func keysDifferingOnlyByTaskOrVersionAreDistinct(kind: StoreKind) throws {
        let store = try TestCache(kind).store
        let verdicts = [
            Fixture.verdict(1, task: "t1", version: "v1"),
            Fixture.verdict(1, task: "t2", version: "v1", outcome: .wrong, pairs: "10"),
            Fixture.verdict(1, task: "t1", version: "v2", outcome: .budget, pairs: ""),
        ]
        try store.insert(verdicts: verdicts)
        let found = try store.verdicts(for: verdicts.map(\.key))
        #expect(found.count == 3)
        #expect(verdicts.allSatisfy { found[$0.key] == $0 })
    }

    @Test(arguments: StoreKind.allCases)
    func storingAVerdictAgainReplacesItButKeepsItsHits(kind: StoreKind) throws {
        let store = try TestCache(kind).store
        try store.insert(verdicts: [Fixture.verdict(1, outcome: .timeout, pairs: "", limit: 1, lastUsed: 50, hits: 3)])
        let rechecked = Fixture.verdict(1, outcome: .correct, limit: 10, created: 100)
        try store.insert(verdicts: [rechecked])
        let stored = try #require(try store.verdicts(for: [rechecked.key])[rechecked.key])
        #expect(stored.outcome == .correct)
        #expect(stored.timeLimitSeconds == 10)
        #expect(stored.hitCount == 3)
        #expect(stored.lastUsedAt == Fixture.date(100))
    }

    @Test(arguments: StoreKind.allCases)
    func markingUsedCountsHitsAndNeverMovesBackInTime(kind: StoreKind) throws {
        let store = try TestCache(kind).store
        try store.insert(verdicts: [Fixture.verdict(1), Fixture.verdict(2)])
        #expect(try store.markUsed(keys: [Fixture.key(1), Fixture.key(9)], at: Fixture.date(100)) == 1)
        try store.markUsed(keys: [Fixture.key(1)], at: Fixture.date(60))
        let found = try store.verdicts(for: [Fixture.key(1), Fixture.key(2)])
        #expect(found[Fixture.key(1)]?.hitCount == 2)
        #expect(found[Fixture.key(1)]?.lastUsedAt == Fixture.date(100))
        #expect(found[Fixture.key(2)]?.hitCount == 0)
    }

    @Test(arguments: StoreKind.allCases)
    func aKeyGivenTwiceIsOneHit(kind: StoreKind) throws {
        let store = try TestCache(kind).store
        try store.insert(verdicts: [Fixture.verdict(1), Fixture.verdict(1, task: "t2")])
        #expect(try store.markUsed(keys: [Fixture.key(1), Fixture.key(1)], at: Fixture.date(100)) == 1)
        let found = try store.verdicts(for: [Fixture.key(1), Fixture.key(1, task: "t2")])
        #expect(found[Fixture.key(1)]?.hitCount == 1)
        #expect(found[Fixture.key(1, task: "t2")]?.hitCount == 0, "only the key given is marked")
    }

    @Test(arguments: StoreKind.allCases)
    func markingUsedWithAGranularityLeavesRecentlyUsedVerdictsAlone(kind: StoreKind) throws {
        let store = try TestCache(kind).store
        try store.insert(verdicts: [Fixture.verdict(1, created: 1000)])
        #expect(try store.markUsed(keys: [Fixture.key(1)], at: Fixture.date(1300), granularity: 600) == 0)
        #expect(try store.markUsed(keys: [Fixture.key(1)], at: Fixture.date(1700), granularity: 600) == 1)
        let found = try #require(try store.verdicts(for: [Fixture.key(1)])[Fixture.key(1)])
        #expect(found.hitCount == 1)
        #expect(found.lastUsedAt == Fixture.date(1700))
    }

    @Test(arguments: StoreKind.allCases)
    func staleCountIsEveryVerdictOfAnotherVersion(kind: StoreKind) throws {
        let store = try TestCache(kind).store
        try store.insert(verdicts: [
            Fixture.verdict(1, version: "v1"), Fixture.verdict(2, version: "v1"),
            Fixture.verdict(1, version: "v2"), Fixture.verdict(3, version: "v3"),
        ])
        #expect(try store.staleVerdictCount(currentVersion: "v2") == 3)
        #expect(try store.staleVerdictCount(currentVersion: "v1") == 2)
        #expect(try store.staleVerdictCount(currentVersion: "v9") == 4)
    }

    /// See `SolverStoreTests.batchesLargerThanSQLiteVariableLimitWork`.
    @Test(arguments: [(StoreKind.inMemory, 33_000), (.onDisk, 2_500)])
    func batchesLargerThanSQLiteVariableLimitWork(kind: StoreKind, count: Int) throws {
        let store = try TestCache(kind).store
        let verdicts = (0..<count).map { Fixture.verdict($0, task: "t\($0 % 3)") }
        try store.insert(verdicts: verdicts)
        try store.markUsed(keys: verdicts.map(\.key), at: Fixture.date(10))
        let found = try store.verdicts(for: verdicts.map(\.key))
        #expect(found.count == verdicts.count)
        #expect(found.values.allSatisfy { $0.hitCount == 1 })
    }

    @Test func invalidVerdictsAreRejectedByTheSchema() throws {
        let store = try CacheStore.inMemory()
        var impossible = Fixture.verdict(1)
        impossible.demoCorrect = impossible.demoCount + 1
        #expect(throws: (any Error).self) { try store.insert(verdicts: [impossible]) }
        #expect(try store.verdictCount() == 0)
    }

    struct ReuseCase: Sendable, CustomTestStringConvertible {
        var outcome: Outcome
        var elapsed: Double
        var cachedLimit: Double?
        var newLimit: Double?
        var reusable: Bool
        var testDescription: String {
            "\(outcome) in \(elapsed)s under \(cachedLimit.map { "\($0)" } ?? "none"), now \(newLimit.map { "\($0)" } ?? "none") → \(reusable)"
        }
    }

    @Test(arguments: [
        ReuseCase(outcome: .timeout, elapsed: 1, cachedLimit: 1, newLimit: 1, reusable: true),
        ReuseCase(outcome: .timeout, elapsed: 1, cachedLimit: 1, newLimit: 0.5, reusable: true),
        ReuseCase(outcome: .timeout, elapsed: 1, cachedLimit: 1, newLimit: 2, reusable: false),
        ReuseCase(outcome: .timeout, elapsed: 1, cachedLimit: 1, newLimit: nil, reusable: false),
        ReuseCase(outcome: .correct, elapsed: 0.3, cachedLimit: 1, newLimit: 5, reusable: true),
        ReuseCase(outcome: .correct, elapsed: 0.3, cachedLimit: 1, newLimit: 0.2, reusable: false),
        ReuseCase(outcome: .wrong, elapsed: 0.3, cachedLimit: nil, newLimit: nil, reusable: true),
        ReuseCase(outcome: .error, elapsed: 0.1, cachedLimit: 1, newLimit: 0.5, reusable: true),
    ])
    func reuseFollowsTheTimeLimitRule(_ reuse: ReuseCase) {
        let verdict = Fixture.verdict(1, outcome: reuse.outcome, elapsed: reuse.elapsed, limit: reuse.cachedLimit)
        #expect(verdict.isReusable(underTimeLimit: reuse.newLimit, budget: 16_000_000) == reuse.reusable)
    }

    struct BudgetCase: Sendable, CustomTestStringConvertible {
        var outcome: Outcome
        /// nil: a row written before budgets were recorded.
        var cachedBudget: Int?
        var newBudget: Int
        var reusable: Bool
        var testDescription: String {
            "\(outcome) under budget \(cachedBudget.map { "\($0)" } ?? "unrecorded"), now \(newBudget) → \(reusable)"
        }
    }

    @Test(arguments: [
        // A 'budget' verdict answers only budgets no larger than the one that stopped it.
        BudgetCase(outcome: .budget, cachedBudget: 1_000, newBudget: 1_000, reusable: true),
        BudgetCase(outcome: .budget, cachedBudget: 1_000, newBudget: 500, reusable: true),
        BudgetCase(outcome: .budget, cachedBudget: 1_000, newBudget: 16_000_000, reusable: false),
        BudgetCase(outcome: .budget, cachedBudget: nil, newBudget: 16_000_000, reusable: false),
        // Any other verdict: a smaller budget could have stopped it.
        BudgetCase(outcome: .correct, cachedBudget: 1_000, newBudget: 16_000_000, reusable: true),
        BudgetCase(outcome: .correct, cachedBudget: 16_000_000, newBudget: 1_000, reusable: false),
        BudgetCase(outcome: .wrong, cachedBudget: 5_000, newBudget: 5_000, reusable: true),
        BudgetCase(outcome: .timeout, cachedBudget: 16_000_000, newBudget: 1_000, reusable: false),
        BudgetCase(outcome: .error, cachedBudget: nil, newBudget: 16_000_000, reusable: true),
        BudgetCase(outcome: .error, cachedBudget: nil, newBudget: 1_000, reusable: false),
    ])
    func reuseFollowsTheBudgetRule(_ reuse: BudgetCase) {
        var verdict = Fixture.verdict(1, outcome: reuse.outcome, elapsed: 0.01, limit: 1)
        verdict.budget = reuse.cachedBudget
        #expect(verdict.isReusable(underTimeLimit: 1, budget: reuse.newBudget) == reuse.reusable)
    }

    @Test(arguments: StoreKind.allCases)
    func theBudgetIsStoredWithTheVerdict(_ kind: StoreKind) throws {
        let cache = try TestCache(kind)
        let store = cache.store
        var verdict = Fixture.verdict(1, outcome: .budget, pairs: "1-1")
        verdict.budget = 1_000
        try store.insert(verdicts: [verdict])
        #expect(try store.verdicts(for: [verdict.key])[verdict.key]?.budget == 1_000)
    }
}

/// A run's verdict lookup seeks each key in the key index, or reads the whole table once when it
/// holds not many more rows than keys: either way it finds the same verdicts and distrusts the
/// same damaged rows.
@Suite struct VerdictLookupStrategyTests {
    /// Hand edits a row may have suffered, the key columns' included.
    static let damages = [
        "", "outcome = 'banana'", "pair_results = 'xyz'", "pair_results = '1' || char(0) || 'x'",
        "demo_correct = demo_count + 1", "elapsed_seconds = 'soon'", "hit_count = x'00ff'", "budget = 0",
        "task_id = x'01'", "created_at = -5", "solver_md5 = CAST(solver_md5 AS BLOB)",
        "solver_md5 = solver_md5 || char(0)", "task_fingerprint = upper(task_fingerprint)", "solver_version = 7",
    ]

    @Test func verdictsAreReadAheadOnlyFromAFileOpenedReadWriteAndUpToTheRowLimit() throws {
        let cache = try TestCache(.onDisk)
        try cache.store.insert(verdicts: (0..<60).map { Fixture.verdict($0) })
        #expect(cache.store.prefetchVerdicts(solverVersion: "v1")?.count == 60)
        #expect(cache.store.prefetchVerdicts(solverVersion: "v9")?.count == 0)
        #expect(cache.store.prefetchVerdicts(solverVersion: "v1", rowLimit: 59) == nil)
        let memory = try CacheStore.inMemory()
        try memory.insert(verdicts: [Fixture.verdict(1)])
        #expect(memory.prefetchVerdicts(solverVersion: "v1") == nil)
    }

    @Test(arguments: damages)
    func seekingEachKeyScanningTheTableAndReadingAheadFindTheSameVerdicts(damage: String) throws {
        let cache = try TestCache(.onDisk)
        let verdicts = (0..<60).map { n in
            Fixture.verdict(
                n % 25, task: "t\(n % 3)", version: n % 4 == 0 ? "v2" : "v1", outcome: n % 5 == 0 ? .wrong : .correct,
                pairs: n % 5 == 0 ? "101" : "111", error: n % 7 == 0 ? "boom" : nil)
        }
        try cache.store.insert(verdicts: verdicts)
        if !damage.isEmpty {
            let queue = try DatabaseQueue(path: cache.folder.path("cache.sqlite"))
            try queue.writeWithoutTransaction { db in
                try db.execute(sql: "PRAGMA ignore_check_constraints = ON")
                // Rows in both halves of a scan in halves: the first two and the last.
                try db.execute(
                    sql: """
                        UPDATE verdicts SET \(damage)
                        WHERE id IN (SELECT id FROM verdicts ORDER BY id LIMIT 2) OR id = (SELECT max(id) FROM verdicts)
                        """)
            }
            try queue.close()
        }
        // Keys of stored rows (the damaged ones among them, one key twice), and keys no row has.
        let keys =
            verdicts.prefix(44).map(\.key) + [verdicts[59].key, verdicts[3].key, Fixture.key(99), Fixture.key(1, version: "v9")]

        let seek = try cache.store.read { try CacheStore.fetchVerdicts($0, for: keys, strategy: .seekEachKey) }
        let scan = try cache.store.read { try CacheStore.fetchVerdicts($0, for: keys, strategy: .scanTable) }
        #expect(scan.found == seek.found)
        #expect(scan.untrusted == seek.untrusted)
        let file = try #require(cache.store.filePath)
        let halves = try cache.store.read {
            try CacheStore.fetchVerdicts($0, for: keys, strategy: .scanTableInHalves, secondConnectionTo: file)
        }
        #expect(halves.found == seek.found)
        #expect(halves.untrusted == seek.untrusted)
        // Read ahead, before the keys are known: the rows of one version.
        for version in ["v1", "v2"] {
            let ofVersion = keys.filter { $0.solverVersion == version }
            let prefetch = try #require(cache.store.prefetchVerdicts(solverVersion: version))
            let ahead = prefetch.lookUp(ofVersion)
            let sought = try cache.store.read { try CacheStore.fetchVerdicts($0, for: ofVersion, strategy: .seekEachKey) }
            #expect(ahead.found == sought.found, "\(version)")
            #expect(ahead.untrusted == sought.untrusted, "\(version)")
        }
        // A second connection that cannot be opened leaves the upper half to the first.
        let alone = try cache.store.read {
            try CacheStore.fetchVerdicts(
                $0, for: keys, strategy: .scanTableInHalves, secondConnectionTo: cache.folder.path("missing/cache.sqlite"))
        }
        #expect(alone.found == seek.found)
        #expect(alone.untrusted == seek.untrusted)
        let found = seek.found.compactMap { $0 }.count
        if damage.isEmpty {
            #expect(found == 46 && seek.untrusted.isEmpty)
        } else if damage.hasPrefix("solver_") || damage.hasPrefix("task_fingerprint") {
            #expect(found == 43 && seek.untrusted.isEmpty, "a row whose key was edited answers no key")
        } else {
            #expect(found == 43 && seek.untrusted.count == 3, "a damaged row is distrusted, not served")
        }
    }
}
