import Foundation
import GRDB
import Testing

@testable import BattCache

/// `prune --max-size`: the result is the largest most-recently-used set of verdicts that fits, and
/// solver bodies no verdict refers to never hold the file above the ceiling.
@Suite struct PruneCeilingTests {
    /// `count` verdicts, verdict `i` last used at second `i`, each with a solvers row whose text
    /// size varies, so that bytes per verdict are uneven (as in a real cache).
    static func fill(_ store: CacheStore, count: Int) throws {
        try store.insert(
            verdicts: (0..<count).map { index in
                Fixture.verdict(index, task: "t\(index % 9)", outcome: .wrong, pairs: "010", lastUsed: Double(index))
            })
        try store.insert(
            solvers: (0..<count).map { index in
                Fixture.solver(
                    index, text: "def solve(I):\n    return " + String(repeating: "f(", count: 10 + index % 300) + "I")
            })
    }

    /// The vacuumed size of a copy of `source` after evicting its `evicted` least recently used
    /// verdicts and the bodies left without a verdict, measured independently of `prune`.
    static func sizeAfterEvicting(_ evicted: Int, from source: CacheStore, scratch: String) throws -> Int {
        _ = try source.export(to: scratch)
        let queue = try DatabaseQueue(path: scratch)
        defer {
            try? queue.close()
            try? FileManager.default.removeItem(atPath: scratch)
        }
        return try queue.writeWithoutTransaction { db in
            try db.execute(
                sql: """
                    DELETE FROM verdicts WHERE id IN (SELECT id FROM verdicts ORDER BY last_used_at, id LIMIT ?);
                    DELETE FROM solvers WHERE NOT EXISTS (SELECT 1 FROM verdicts v WHERE v.solver_md5 = solvers.solver_md5);
                    DELETE FROM candidate_files;
                    VACUUM;
                    """, arguments: [evicted])
            return try CacheStore.logicalSize(db)
        }
    }

    @Test func aCeilingKeepsTheLargestMostRecentSetThatFitsAndASmallerCeilingNeverKeepsMore() throws {
        let folder = try TemporaryFolder()
        let original = try CacheStore(path: folder.path("original.sqlite"))
        try Self.fill(original, count: 1_500)
        let full = try original.prune(PruneOptions()).bytesAfter
        var keptUnderLargerCeiling = Int.max
        for (step, fraction) in [0.9, 0.6, 0.3, 0.1].enumerated() {
            let ceiling = Int(Double(full) * fraction)
            let copy = folder.path("ceiling-\(step).sqlite")
            _ = try original.export(to: copy)
            let store = try CacheStore(path: copy)
            let report = try store.prune(PruneOptions(maxSizeBytes: ceiling))
            #expect(report.fitsMaxSize == true && report.bytesAfter <= ceiling, "ceiling \(ceiling)")
            let kept = try store.verdictCount()
            #expect(kept > 0, "a ceiling of \(Int(fraction * 100))% keeps some verdicts")
            #expect(kept <= keptUnderLargerCeiling, "a smaller ceiling never keeps more")
            keptUnderLargerCeiling = kept
            // Keeping one more (the next most recently used) would not fit.
            let oneMore = try Self.sizeAfterEvicting(
                1_500 - kept - 1, from: original, scratch: folder.path("check-\(step).sqlite"))
            #expect(oneMore > ceiling, "keeping \(kept + 1) verdicts gives \(oneMore) bytes, over \(ceiling)")
            // And the ones kept are the most recently used.
            let survivors = try store.verdicts(for: (0..<1_500).map { Fixture.key($0, task: "t\($0 % 9)") })
            #expect(Set(survivors.keys) == Set((1_500 - kept..<1_500).map { Fixture.key($0, task: "t\($0 % 9)") }))
        }
    }

    @Test func solverBodiesNoVerdictRefersToGoBeforeAnyVerdict() throws {
        let folder = try TemporaryFolder()
        let store = try CacheStore(path: folder.path("cache.sqlite"))
        try Self.fill(store, count: 40)
        // Bodies a killed run inlined but never stored a verdict for.
        try store.insert(
            solvers: (10_000..<12_000).map {
                Fixture.solver($0, text: "def solve(I):\n    return " + String(repeating: "g(", count: 200) + "I")
            })
        let withOrphans = try store.prune(PruneOptions()).bytesAfter
        let withoutOrphans = try Self.sizeAfterEvicting(0, from: store, scratch: folder.path("check.sqlite"))
        #expect(withoutOrphans < withOrphans / 4)

        let report = try store.prune(PruneOptions(maxSizeBytes: withoutOrphans))
        #expect(report.fitsMaxSize == true)
        #expect(report.orphanSolversRemoved == 2_000)
        #expect(report.verdictsEvicted == 0, "no verdict goes while orphans can")
        #expect(try store.verdictCount() == 40)
    }

    @Test(arguments: StoreKind.allCases)
    func orphansAloneRemovesOnlyBodiesNoVerdictRefersTo(kind: StoreKind) throws {
        let cache = try TestCache(kind)
        try Self.fill(cache.store, count: 5)
        try cache.store.insert(solvers: [Fixture.solver(99)])
        let report = try cache.store.prune(PruneOptions(orphans: true))
        #expect(report.orphanSolversRemoved == 1 && report.verdictsRemoved == 0)
        #expect(try cache.store.solvers(forBodyHashes: ["body-99"]).isEmpty)
        #expect(try cache.store.solvers(forBodyHashes: (0..<5).map { "body-\($0)" }).count == 5)
    }
}
