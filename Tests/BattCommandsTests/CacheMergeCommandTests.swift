import Foundation
import Testing

@testable import BattCache
@testable import BattCommands

@Suite struct CacheMergeCommandTests {
    /// Two sessions' caches: key 1 is wrong here and correct there, key 2 correct here and wrong
    /// there, key 3 only there, and one verdict of another version there.
    struct Sessions {
        let folder: CacheTestFolder
        let destination: String
        let source: String

        init() throws {
            folder = try CacheTestFolder()
            destination = folder.path("merged.sqlite")
            source = folder.path("session2.sqlite")
            try CacheStore(path: destination).insert(verdicts: [
                CacheFixture.verdict(1, outcome: .wrong, lastUsed: 50, hits: 4),
                CacheFixture.verdict(2, outcome: .correct, pairs: "111", hits: 1),
            ])
            let other = try CacheStore(path: source)
            try other.insert(verdicts: [
                CacheFixture.verdict(1, outcome: .correct, pairs: "111", lastUsed: 10, hits: 2),
                CacheFixture.verdict(2, outcome: .wrong, hits: 7),
                CacheFixture.verdict(3, outcome: .timeout),
                CacheFixture.verdict(4, version: "batt-dsl-2+old"),
            ])
            try other.insert(solvers: [CacheFixture.solver(1), CacheFixture.solver(3)])
            _ = try other.record(run: CacheFixture.run(hits: 1, misses: 3))
        }
    }

    @Test func theMoreInformativeVerdictWinsAndTheCountsArePrinted() throws {
        let sessions = try Sessions()
        let output = try CacheCommandLine.execute(["cache", "merge", sessions.source, "--into", sessions.destination])
        let lines = output.text.split(separator: "\n").map(String.init)
        #expect(lines.first == "merged 1 cache into \(sessions.destination)")
        #expect(
            lines.contains { $0.hasPrefix("verdicts") && $0.split(separator: " ") == ["verdicts", "2", "1", "1"] },
            "\(output.text)")
        #expect(lines.contains { $0.split(separator: " ") == ["solvers", "2", "0", "0"] }, "\(output.text)")
        #expect(lines.contains { $0.split(separator: " ") == ["runs", "1", "0", "0"] }, "\(output.text)")

        let merged = try CacheStore(path: sessions.destination, mode: .readOnly)
        let verdicts = try merged.verdicts(
            for: (1...4).map {
                CacheFixture.verdict($0, version: $0 == 4 ? "batt-dsl-2+old" : CacheFixture.current).key
            })
        #expect(verdicts.count == 4)
        let one = try #require(verdicts[CacheFixture.verdict(1).key])
        #expect(one.outcome == .correct, "correct beats wrong")
        #expect(one.hitCount == 4, "the larger hit count")
        #expect(one.lastUsedAt == CacheFixture.epoch.addingTimeInterval(50), "the later last use")
        #expect(verdicts[CacheFixture.verdict(2).key]?.outcome == .correct)
        #expect(verdicts[CacheFixture.verdict(2).key]?.hitCount == 7)
    }

    @Test func mergingAgainAddsNothing() throws {
        let sessions = try Sessions()
        _ = try CacheCommandLine.execute(["cache", "merge", sessions.source, "--into", sessions.destination])
        let again = try CacheCommandLine.execute([
            "cache", "merge", sessions.source, "--into", sessions.destination, "--json",
        ])
        let report = try #require(try JSONSerialization.jsonObject(with: Data(again.text.utf8)) as? [String: Any])
        #expect((report["verdicts"] as? [String: Int]) == ["added": 0, "kept": 4, "replaced": 0])
        #expect((report["runs"] as? [String: Int]) == ["added": 0, "kept": 1, "replaced": 0])
    }

    @Test func skipStaleLeavesOtherSolverVersionsOut() throws {
        let sessions = try Sessions()
        let output = try CacheCommandLine.execute([
            "cache", "merge", sessions.source, "--into", sessions.destination, "--skip-stale",
        ])
        #expect(
            output.text.contains("skipped 1 source verdicts of solver versions other than batt-dsl-2"), "\(output.text)"
        )
        #expect(
            try CacheStore(path: sessions.destination, mode: .readOnly).staleVerdictCount(
                currentVersion: CacheFixture.current) == 0)
    }

    @Test(arguments: ["SAME", "./SAME", "LINK"])
    func aCacheIsNotMergedIntoItself(spelling: String) throws {
        let sessions = try Sessions()
        let link = sessions.folder.path("link.sqlite")
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: sessions.destination)
        let source = [
            "SAME": sessions.destination, "./SAME": sessions.folder.url.path + "/./merged.sqlite", "LINK": link,
        ][spelling]!
        let before = try CacheFolderSnapshot(sessions.folder.url.path)
        #expect(throws: CacheError.self) {
            try CacheCommandLine.execute(["cache", "merge", sessions.source, source, "--into", sessions.destination])
        }
        #expect(try CacheFolderSnapshot(sessions.folder.url.path) == before)
    }

    @Test func mergeNeedsASource() {
        #expect(throws: (any Error).self) { try CacheCommandLine.parse(["cache", "merge", "--into", "x.sqlite"]) }
    }
}
