import Foundation
import Testing

@testable import BattCache

@Suite struct MergeTests {
    struct PreferenceCase: Sendable, CustomTestStringConvertible {
        var incoming: VerdictRecord
        var existing: VerdictRecord
        var incomingWins: Bool
        var testDescription: String

        init(_ description: String, _ incoming: VerdictRecord, over existing: VerdictRecord, wins: Bool) {
            self.testDescription = description
            self.incoming = incoming
            self.existing = existing
            self.incomingWins = wins
        }
    }

    @Test(arguments: [
        PreferenceCase(
            "correct beats wrong", Fixture.verdict(1, outcome: .correct),
            over: Fixture.verdict(1, outcome: .wrong, pairs: "110", created: 50), wins: true),
        PreferenceCase(
            "wrong beats error", Fixture.verdict(1, outcome: .wrong, pairs: "000"),
            over: Fixture.verdict(1, outcome: .error, pairs: "000", created: 50), wins: true),
        PreferenceCase(
            "error beats timeout", Fixture.verdict(1, outcome: .error, pairs: "0"),
            over: Fixture.verdict(1, outcome: .timeout, pairs: "", limit: 10, created: 50), wins: true),
        PreferenceCase(
            "a finished run beats a budget stop", Fixture.verdict(1, outcome: .error, pairs: "0"),
            over: Fixture.verdict(1, outcome: .budget, pairs: ""), wins: true),
        PreferenceCase(
            "timeout loses to wrong", Fixture.verdict(1, outcome: .timeout, pairs: "", created: 50),
            over: Fixture.verdict(1, outcome: .wrong, pairs: "000"), wins: false),
        PreferenceCase(
            "a larger limit beats a smaller one", Fixture.verdict(1, outcome: .timeout, pairs: "", limit: 5),
            over: Fixture.verdict(1, outcome: .timeout, pairs: "", limit: 1, created: 50), wins: true),
        PreferenceCase(
            "no limit beats any limit", Fixture.verdict(1, outcome: .budget, pairs: "", limit: nil),
            over: Fixture.verdict(1, outcome: .timeout, pairs: "", limit: 60, created: 50), wins: true),
        PreferenceCase(
            "newer wins among equals", Fixture.verdict(1, outcome: .wrong, pairs: "100", created: 60),
            over: Fixture.verdict(1, outcome: .wrong, pairs: "010", created: 50), wins: true),
        PreferenceCase(
            "older loses among equals", Fixture.verdict(1, outcome: .wrong, pairs: "100", created: 40),
            over: Fixture.verdict(1, outcome: .wrong, pairs: "010", created: 50), wins: false),
        PreferenceCase("a full tie keeps the existing row", Fixture.verdict(1), over: Fixture.verdict(1), wins: false),
    ])
    func preferenceRule(_ rule: PreferenceCase) {
        #expect(rule.incoming.isPreferredInMerge(over: rule.existing) == rule.incomingWins)
    }

    /// Two session caches and a destination, on disk.
    final class Sessions {
        let folder: TemporaryFolder
        let destination: CacheStore
        let first: String
        let second: String

        init() throws {
            folder = try TemporaryFolder()
            destination = try CacheStore(path: folder.path("cache.sqlite"))
            first = folder.path("session1.sqlite")
            second = folder.path("session2.sqlite")
        }
    }

    @Test(arguments: StoreKind.allCases)
    func conflictingKeysKeepThePreferredVerdictWithMaxHits(kind: StoreKind) throws {
        let cache = try TestCache(kind)
        let sessions = cache.folder
        let destination = cache.store
        try destination.insert(verdicts: [
            Fixture.verdict(1, outcome: .timeout, pairs: "", limit: 1, lastUsed: 10, hits: 7),
            Fixture.verdict(2, outcome: .correct, created: 0, hits: 1),
            Fixture.verdict(3, outcome: .wrong, pairs: "100"),
        ])
        let source = try CacheStore(path: sessions.path("session.sqlite"))
        try source.insert(verdicts: [
            Fixture.verdict(1, outcome: .correct, limit: 5, created: 20, lastUsed: 20, hits: 2),  // replaces
            Fixture.verdict(2, outcome: .wrong, pairs: "011", created: 30, hits: 4),  // kept
            Fixture.verdict(4, task: "t2"),  // added
        ])
        try source.insert(solvers: [Fixture.solver(1)])
        try source.record(run: Fixture.run())

        let report = try destination.merge(sources: [sessions.path("session.sqlite")])
        #expect(report.verdicts == MergeCounts(added: 1, kept: 1, replaced: 1))
        #expect(report.solvers == MergeCounts(added: 1))
        #expect(report.runs == MergeCounts(added: 1))

        let merged = try destination.verdicts(for: (1...4).map { Fixture.key($0, task: $0 == 4 ? "t2" : "t1") })
        let first = try #require(merged[Fixture.key(1)])
        #expect(first.outcome == .correct && first.timeLimitSeconds == 5)
        #expect(first.hitCount == 7 && first.lastUsedAt == Fixture.date(20))
        let second = try #require(merged[Fixture.key(2)])
        #expect(second.outcome == .correct && second.hitCount == 4)
        #expect(merged[Fixture.key(3)]?.outcome == .wrong)
        #expect(merged[Fixture.key(4, task: "t2")] != nil)
    }

    @Test func mergingSeveralSessionsIsIdempotent() throws {
        let sessions = try Sessions()
        let one = try CacheStore(path: sessions.first)
        try one.insert(verdicts: (0..<2_500).map { Fixture.verdict($0) })  // more than one batch
        try one.insert(solvers: [Fixture.solver(1, text: nil)])
        let run = Fixture.run()
        try one.record(run: run)
        let two = try CacheStore(path: sessions.second)
        try two.insert(verdicts: (2_000..<3_000).map { Fixture.verdict($0, created: 10) })
        try two.insert(solvers: [Fixture.solver(1), Fixture.solver(2)])
        try two.record(run: run)  // the same run, seen by both (seeded from one another)

        let report = try sessions.destination.merge(sources: [sessions.first, sessions.second])
        #expect(report.verdicts == MergeCounts(added: 3_000, kept: 0, replaced: 500))
        #expect(
            report.solvers == MergeCounts(added: 2, kept: 0, replaced: 1), "the row with text replaces the one without")
        #expect(report.runs == MergeCounts(added: 1, kept: 1))
        #expect(try sessions.destination.verdictCount() == 3_000)

        let again = try sessions.destination.merge(sources: [sessions.first, sessions.second])
        #expect(again.verdicts.added == 0 && again.verdicts.replaced == 0)
        #expect(again.solvers.added == 0 && again.runs.added == 0)
    }

    @Test func staleSourceVerdictsAreSkippedWhenTheCurrentVersionIsGiven() throws {
        let sessions = try Sessions()
        try CacheStore(path: sessions.first).insert(verdicts: [
            Fixture.verdict(1, version: "v1"), Fixture.verdict(2, version: "v2"),
        ])
        let report = try sessions.destination.merge(sources: [sessions.first], currentSolverVersion: "v2")
        #expect(report.verdicts.added == 1 && report.skippedStaleVerdicts == 1)
        #expect(try sessions.destination.staleVerdictCount(currentVersion: "v2") == 0)
    }

    @Test func mergingACacheIntoItselfIsRefused() throws {
        let sessions = try Sessions()
        try sessions.destination.insert(verdicts: [Fixture.verdict(1)])
        let path = sessions.folder.path("cache.sqlite")
        let symlink = sessions.folder.path("link.sqlite")
        try FileManager.default.createSymbolicLink(atPath: symlink, withDestinationPath: path)
        for spelling in [path, symlink, sessions.folder.url.path + "/./cache.sqlite"] {
            #expect(throws: CacheError.mergeIntoItself(path: spelling)) {
                try sessions.destination.merge(sources: [spelling])
            }
        }
        #expect(try sessions.destination.verdictCount() == 1)
    }

    @Test func aNewerSourceRefusesTheWholeMerge() throws {
        let sessions = try Sessions()
        try CacheStore(path: sessions.first).insert(verdicts: [Fixture.verdict(1)])
        _ = try CacheStore(
            path: sessions.second, mode: .readWrite,
            migrations: [MigrationTests.first, MigrationTests.second])
        #expect(
            throws: CacheError.newerSchema(
                path: sessions.second, unknown: ["0002_notes"], supported: SchemaMigration.supportedIdentifiers)
        ) {
            try sessions.destination.merge(sources: [sessions.first, sessions.second])
        }
        #expect(try sessions.destination.verdictCount() == 0)
    }

    @Test func aReadOnlyDestinationIsRefused() throws {
        let sessions = try Sessions()
        let reader = try CacheStore(path: sessions.folder.path("cache.sqlite"), mode: .readOnly)
        #expect(throws: CacheError.readOnly(path: sessions.folder.path("cache.sqlite"), operation: "merge into it")) {
            try reader.merge(sources: [sessions.first])
        }
    }
}
