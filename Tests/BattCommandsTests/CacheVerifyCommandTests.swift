import Foundation
import Testing

@testable import BattCache
@testable import BattCommands

@Suite struct CacheVerifyCommandTests {
    @Test func aSoundCacheVerifiesWithItsCounts() throws {
        let folder = try CacheTestFolder()
        let path = folder.path("batt-cache.sqlite")
        try CacheFixture.cache(at: path, verdicts: 120)
        let output = try CacheCommandLine.execute(["cache", "verify", "--cache", path])
        #expect(!output.failed)
        #expect(output.text.contains("integrity  ok"))
        #expect(
            output.text.contains("schema     \(SchemaMigration.supportedIdentifiers.last ?? "") (current)"),
            "\(output.text)")
        #expect(output.text.contains("rows       120 solver bodies, 120 verdicts, 1 run"), "\(output.text)")
        #expect(output.text.hasSuffix("\nOK"))
    }

    /// The file and its `-wal` as a process killed before a checkpoint leaves them.
    @Test func aLeftoverWALIsReadAndReportedButIsNotAFailure() throws {
        let folder = try CacheTestFolder()
        let live = folder.path("live.sqlite")
        let store = try CacheFixture.cache(at: live, verdicts: 10)
        try store.insert(verdicts: (100..<150).map { CacheFixture.verdict($0) })
        let killed = try folder.folder("killed") + "/batt-cache.sqlite"
        try FileManager.default.copyItem(atPath: live, toPath: killed)
        try FileManager.default.copyItem(atPath: live + "-wal", toPath: killed + "-wal")
        let output = try CacheCommandLine.execute(["cache", "verify", "--cache", killed])
        #expect(!output.failed, "\(output.text)")
        #expect(output.text.contains("not yet checkpointed"), "\(output.text)")
        #expect(output.text.contains("60 verdicts"), "the -wal content counts: \(output.text)")
    }

    @Test func aDamagedCacheFailsAndSaysHowToRecover() throws {
        let folder = try CacheTestFolder()
        let path = folder.path("batt-cache.sqlite")
        _ = try CacheFixture.cache(at: folder.path("source.sqlite"), verdicts: 3_000).export(to: path)
        // Overwrite the middle of a page in the middle of the file: a b-tree page of the verdicts.
        let handle = try #require(FileHandle(forUpdatingAtPath: path))
        let pages = try #require(Int(handle.seekToEnd())) / 4096
        try handle.seek(toOffset: UInt64(pages / 2 * 4096 + 100))
        handle.write(Data(repeating: 0xFF, count: 2_000))
        try handle.close()

        let output = try CacheCommandLine.execute(["cache", "verify", "--cache", path])
        #expect(output.failed)
        // SQLite either lists the damage or stops reading at it.
        #expect(
            output.text.contains("problem: integrity check failed") || output.text.contains("malformed"),
            "\(output.text)")
        #expect(output.text.contains("recover: the file is damaged"), "\(output.text)")
        #expect(output.text.hasSuffix("\nFAILED"))
        #expect(output.errors == ["the cache '\(path)' failed verification: 1 problem"])

        let json = try CacheCommandLine.execute(["cache", "verify", "--cache", path, "--json"])
        let report = try #require(try JSONSerialization.jsonObject(with: Data(json.text.utf8)) as? [String: Any])
        #expect(report["ok"] as? Bool == false)
        #expect((report["advice"] as? [String])?.count == 1)
    }

    @Test func aMissingFileFailsWithoutBeingCreated() throws {
        let folder = try CacheTestFolder()
        let output = try CacheCommandLine.execute(["cache", "verify", "--cache", folder.path("none.sqlite")])
        #expect(output.failed)
        #expect(output.text.contains("recover: check the path"), "\(output.text)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.url.path).isEmpty)
    }
}

@Suite struct CacheExportCommandTests {
    @Test func theSnapshotIsOneRollbackJournalFileThatVerifies() throws {
        let folder = try CacheTestFolder()
        let path = folder.path("batt-cache.sqlite")
        let store = try CacheFixture.cache(at: path, verdicts: 500)
        // Rows still in the -wal are exported too.
        try store.insert(verdicts: (1_000..<1_100).map { CacheFixture.verdict($0) })
        let out = try folder.folder("out") + "/snapshot.sqlite"

        let output = try CacheCommandLine.execute(["cache", "export", "--cache", path, "--out", out])
        #expect(output.text.contains("600 verdicts, 500 solver bodies, 1 run"), "\(output.text)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path("out")) == ["snapshot.sqlite"])
        let header = try #require(FileManager.default.contents(atPath: out)?.prefix(20))
        #expect(Array(header.suffix(2)) == [1, 1], "file format 1.1: rollback journal, not WAL")
        #expect(!(try CacheCommandLine.execute(["cache", "verify", "--cache", out])).failed)
    }

    @Test func anExistingOutputIsNeverReplaced() throws {
        let folder = try CacheTestFolder()
        let path = folder.path("batt-cache.sqlite")
        try CacheFixture.cache(at: path, verdicts: 5)
        let out = folder.path("taken.sqlite")
        try "keep me".write(toFile: out, atomically: true, encoding: .utf8)
        #expect(throws: CacheError.destinationExists(path: out)) {
            try CacheCommandLine.execute(["cache", "export", "--cache", path, "--out", out])
        }
        #expect(try String(contentsOfFile: out, encoding: .utf8) == "keep me")
    }
}

extension CacheExportCommandTests {
    @Test func exportingASnapshotLeavesItASnapshot() throws {
        let folder = try CacheTestFolder()
        let first = folder.path("first.sqlite")
        _ = try CacheFixture.cache(at: folder.path("batt-cache.sqlite"), verdicts: 20).export(to: first)
        let before = try CacheFolderSnapshot(folder.url.path)
        _ = try CacheCommandLine.execute(["cache", "export", "--cache", first, "--out", folder.path("second.sqlite")])
        let after = try CacheFolderSnapshot(folder.url.path)
        #expect(
            after.files["first.sqlite"] == before.files["first.sqlite"],
            "still a rollback-journal snapshot, byte for byte")
        #expect(after.names == before.names + ["second.sqlite"])
    }
}
