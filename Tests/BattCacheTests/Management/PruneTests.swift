import Foundation
import Testing

@testable import BattCache

@Suite struct PruneTests {
    /// Verdicts of two versions, three outcomes, two tasks, used at distinct times,
    /// and solvers rows for solvers 1 (verdicts in v1 and v2), 2 (v1 only) and 99 (never validated).
    static func fill(_ store: CacheStore) throws {
        try store.insert(verdicts: [
            Fixture.verdict(1, task: "a", version: "v1", outcome: .timeout, pairs: "", lastUsed: 10),
            Fixture.verdict(2, task: "a", version: "v1", outcome: .wrong, pairs: "100", lastUsed: 20),
            Fixture.verdict(1, task: "a", version: "v2", outcome: .correct, lastUsed: 30),
            Fixture.verdict(3, task: "b", version: "v2", outcome: .timeout, pairs: "", lastUsed: 40),
            Fixture.verdict(4, task: "b", version: "v2", outcome: .wrong, pairs: "000", lastUsed: 50),
        ])
        try store.insert(solvers: [Fixture.solver(1), Fixture.solver(2), Fixture.solver(99)])
    }

    static func remainingSolvers(_ store: CacheStore) throws -> [Int] {
        try [1, 2, 3, 4].filter { solver in
            try !store.verdicts(for: [
                Fixture.key(solver, task: "a", version: "v1"), Fixture.key(solver, task: "a", version: "v2"),
                Fixture.key(solver, task: "b", version: "v2"),
            ]).isEmpty
        }
    }

    @Test(arguments: StoreKind.allCases)
    func staleVersionsGoWithTheBodiesNoVerdictNeedsAnyMore(kind: StoreKind) throws {
        let store = try TestCache(kind).store
        try Self.fill(store)
        let report = try store.prune(PruneOptions(currentSolverVersion: "v2", stale: true))
        #expect(report.verdictsSelected == 2)
        #expect(report.removedByVersion == ["v1": 2])
        #expect(
            report.removedKeys == [Fixture.key(1, task: "a", version: "v1"), Fixture.key(2, task: "a", version: "v1")])
        #expect(try store.staleVerdictCount(currentVersion: "v2") == 0)
        #expect(report.solversRemoved == 1, "body-2 goes; body-1 still has a v2 verdict; body-99 was never validated")
        #expect(
            try store.solvers(forBodyHashes: ["body-1", "body-2", "body-99"]).keys.sorted() == ["body-1", "body-99"])
    }

    @Test(arguments: StoreKind.allCases)
    func verdictsUnusedForADurationGo(kind: StoreKind) throws {
        let store = try TestCache(kind).store
        try Self.fill(store)
        let report = try store.prune(PruneOptions(unusedFor: .seconds(25), now: Fixture.date(50)))
        #expect(report.verdictsSelected == 2)
        #expect(try Self.remainingSolvers(store) == [1, 3, 4])
    }

    @Test(arguments: StoreKind.allCases)
    func verdictsOfAnOutcomeGo(kind: StoreKind) throws {
        let store = try TestCache(kind).store
        try Self.fill(store)
        let report = try store.prune(PruneOptions(outcomes: [.timeout]))
        #expect(report.removedByOutcome == [.timeout: 2])
        #expect(try store.inspect().verdictsByOutcome[.timeout] == nil)
    }

    @Test(arguments: StoreKind.allCases)
    func verdictsOfATaskGo(kind: StoreKind) throws {
        let store = try TestCache(kind).store
        try Self.fill(store)
        #expect(try store.prune(PruneOptions(taskIDs: ["b"])).verdictsSelected == 2)
        #expect(try store.verdicts(forTask: "b").isEmpty)
        #expect(try store.verdicts(forTask: "a").count == 3)
    }

    @Test func criteriaCombineWithAnd() throws {
        let store = try CacheStore.inMemory()
        try Self.fill(store)
        let report = try store.prune(PruneOptions(outcomes: [.timeout, .wrong], taskIDs: ["b"]))
        #expect(report.verdictsSelected == 2)
        #expect(try store.verdictCount() == 3)
        let narrower = try store.prune(PruneOptions(currentSolverVersion: "v2", stale: true, outcomes: [.wrong]))
        #expect(narrower.removedKeys == [Fixture.key(2, task: "a", version: "v1")])
    }

    @Test func withoutCriteriaNoVerdictGoes() throws {
        let store = try CacheStore.inMemory()
        try Self.fill(store)
        #expect(try store.prune(PruneOptions()).verdictsRemoved == 0)
        #expect(try store.verdictCount() == 5)
    }

    @Test func staleNeedsTheCurrentVersion() throws {
        let store = try CacheStore.inMemory()
        #expect(throws: CacheError.self) { try store.prune(PruneOptions(stale: true)) }
    }

    @Test(arguments: StoreKind.allCases)
    func aDryRunChangesNothingAndReportsExactlyWhatARealRunDoes(kind: StoreKind) throws {
        let cache = try TestCache(kind)
        try Self.fill(cache.store)
        try cache.store.insert(verdicts: Self.bulk(count: 400))
        let options = PruneOptions(currentSolverVersion: "v2", stale: true, maxSizeBytes: 40_000)
        let before = try cache.store.inspect()
        let fileBefore = kind == .onDisk ? FileManager.default.bytes(cache.folder.path("cache.sqlite")) : nil

        var dryRun = options
        dryRun.dryRun = true
        let predicted = try cache.store.prune(dryRun)
        #expect(predicted.dryRun)
        #expect(predicted.verdictsRemoved > 2)
        #expect(try cache.store.inspect() == before)
        if kind == .onDisk {
            #expect(FileManager.default.bytes(cache.folder.path("cache.sqlite")) == fileBefore)
        }

        var actual = try cache.store.prune(options)
        #expect(!actual.dryRun)
        actual.dryRun = true
        #expect(actual == predicted)
    }

    /// Verdicts padded with an error message so a few hundred fill many pages;
    /// solver `n` was last used at time `n`.
    static func bulk(count: Int) -> [VerdictRecord] {
        (1_000..<1_000 + count).map { index in
            Fixture.verdict(
                index, task: "bulk\(index % 7)", version: "v2", outcome: .error, pairs: "000",
                error: String(repeating: "x", count: 400), lastUsed: Double(index))
        }
    }

    @Test(arguments: StoreKind.allCases)
    func aSizeCeilingEvictsTheLeastRecentlyUsedUntilTheFileFits(kind: StoreKind) throws {
        let cache = try TestCache(kind)
        let store = cache.store
        try store.insert(verdicts: Self.bulk(count: 2_000))
        try store.insert(solvers: (1_000..<3_000).map { Fixture.solver($0) })
        let vacuumed = try store.prune(PruneOptions()).bytesAfter
        let ceiling = vacuumed / 2

        let report = try store.prune(PruneOptions(maxSizeBytes: ceiling))
        #expect(report.fitsMaxSize == true)
        #expect(report.bytesAfter <= ceiling)
        #expect(report.bytesAfter > ceiling / 2, "evicts about what is needed, not everything")
        #expect(report.verdictsEvicted > 0 && report.solversRemoved == report.verdictsEvicted)
        let left = try store.verdictCount()
        #expect(left == 2_000 - report.verdictsEvicted)
        // Exactly the most recently used survive.
        let survivors = try store.verdicts(for: Self.bulk(count: 2_000).map(\.key))
        #expect(Set(survivors.keys) == Set(Self.bulk(count: 2_000).suffix(left).map(\.key)))
        if kind == .onDisk {
            #expect(try CacheStore.fileSize(cache.folder.path("cache.sqlite")) <= ceiling)
        }
    }

    @Test func aCeilingBelowAnEmptyCacheEvictsEverythingAndSaysItDoesNotFit() throws {
        let store = try CacheStore.inMemory()
        try store.insert(verdicts: Self.bulk(count: 50))
        let report = try store.prune(PruneOptions(maxSizeBytes: 1_000))
        #expect(report.verdictsEvicted == 50)
        #expect(report.fitsMaxSize == false)
    }

    @Test func aReadOnlyCacheAllowsOnlyDryRuns() throws {
        let cache = try TestCache(.onDisk)
        try Self.fill(cache.store)
        let reader = try CacheStore(path: cache.folder.path("cache.sqlite"), mode: .readOnly)
        #expect(throws: CacheError.readOnly(path: cache.folder.path("cache.sqlite"), operation: "prune")) {
            try reader.prune(PruneOptions(outcomes: [.wrong]))
        }
        #expect(try reader.prune(PruneOptions(outcomes: [.wrong], dryRun: true)).verdictsSelected == 2)
        #expect(try reader.verdictCount() == 5)
    }
}
