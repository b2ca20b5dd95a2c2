import Foundation
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
