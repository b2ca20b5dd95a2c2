import Foundation
import Testing

@testable import BattCache

/// The Kaggle way of sharing a cache: export in one session, read it from a read-only dataset
/// folder in the next, seed a writable cache from it.
@Suite(.enabled(if: CacheTestPaths.hasBatt, "needs the batt binary that swift test builds"))
struct CacheSharingTests {
    @Test func anExportedSnapshotOpensReadOnlyFromAReadOnlyFolderAndSeedsTheNextSession() throws {
        // As root, chmod does not stop writes; as nobody, a 0555 folder really is read-only.
        let asNobody = BattProcess.canRunAsNobody
        let folder = try CacheTestFolder()
        let candidates = folder.path("candidates.py")
        try CacheCandidates.file(CacheCandidates.functions(count: 400, tasks: CacheTestPaths.exampleTaskIDs, seed: 3))
            .write(toFile: candidates, atomically: true, encoding: .utf8)
        func run(_ cacheArguments: [String], report: String) throws -> BattResult {
            try BattProcess.run(
                [
                    "run", "--tasks", CacheTestPaths.exampleTasks, "--candidates", candidates, "--jobs", "2",
                    "--report", report,
                ] + cacheArguments,
                in: folder.url.path, asNobody: asNobody)
        }

        // Session 1: run, then export into what becomes the dataset.
        let working1 = try folder.folder("session1/working")
        let dataset = try folder.folder("session2/input/batt-cache")
        try FileManager.default.setAttributes([.posixPermissions: 0o777], ofItemAtPath: working1)
        let first = try run(["--cache", working1 + "/batt-cache.sqlite"], report: working1 + "/report.jsonl")
        try #require(first.status == 0, "\(first.stderr)")
        let export = try BattProcess.run(
            ["cache", "export", "--cache", working1 + "/batt-cache.sqlite", "--out", dataset + "/batt-cache.sqlite"],
            in: folder.url.path)
        #expect(export.status == 0, "\(export.stderr)")
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: dataset) == ["batt-cache.sqlite"],
            "no -wal or -journal companions")
        let verdicts = try CacheStore(path: working1 + "/batt-cache.sqlite", mode: .readOnly).verdictCount()
        #expect(verdicts > 100)

        // Session 2: the dataset is mounted read-only.
        let snapshot = dataset + "/batt-cache.sqlite"
        try FileManager.default.setAttributes([.posixPermissions: 0o444], ofItemAtPath: snapshot)
        try FileManager.default.setAttributes([.posixPermissions: 0o555], ofItemAtPath: dataset)
        let before = try CacheFolderSnapshot(dataset)
        let working2 = try folder.folder("session2/working")
        try FileManager.default.setAttributes([.posixPermissions: 0o777], ofItemAtPath: working2)

        let inspect = try BattProcess.run(
            ["cache", "inspect", "--cache", snapshot, "--json"], in: folder.url.path, asNobody: asNobody)
        #expect(inspect.status == 0, "\(inspect.stderr)")
        let summary = try JSONSerialization.jsonObject(with: Data(inspect.stdout.utf8)) as? [String: Any]
        #expect(summary?["access_mode"] as? String == "read-only")
        #expect(summary?["verdicts"] as? Int == verdicts)

        let verify = try BattProcess.run(
            ["cache", "verify", "--cache", snapshot], in: folder.url.path, asNobody: asNobody)
        #expect(verify.status == 0, "\(verify.stdout)")

        let second = try run(
            ["--cache", working2 + "/batt-cache.sqlite", "--seed", snapshot], report: working2 + "/report.jsonl")
        #expect(second.status == 0, "\(second.stderr)")
        #expect(second.stdout.contains("verdicts \(verdicts) hits / 0 misses"), "\(second.stdout)")
        #expect(
            try CacheRunReport.comparableLines(working2 + "/report.jsonl")
                == CacheRunReport.comparableLines(working1 + "/report.jsonl"))

        if asNobody {
            // Used directly, the snapshot serves lookups and says it cannot keep new verdicts.
            let direct = try run(["--cache", snapshot], report: working2 + "/direct.jsonl")
            #expect(direct.status == 0, "\(direct.stderr)")
            #expect(direct.stdout.contains("read-only"), "\(direct.stdout)")
            #expect(direct.stdout.contains("verdicts \(verdicts) hits / 0 misses"), "\(direct.stdout)")
        }
        #expect(try CacheFolderSnapshot(dataset) == before, "the read-only dataset folder changed")
    }
}
