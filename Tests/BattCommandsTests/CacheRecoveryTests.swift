import Foundation
import GRDB
import Testing

@testable import BattCache
@testable import BattCommands

/// A process killed in the middle of a rollback-journal write (creating a cache, switching a
/// snapshot or seed to WAL) leaves half-written pages and a hot `-journal`.
@Suite struct CacheRecoveryTests {
    /// A snapshot with 2,000 verdicts, and a copy of it and its `-journal` taken in the middle of a
    /// transaction that deleted every verdict: the state a SIGKILL at that moment leaves on disk.
    struct InterruptedWrite {
        let folder: CacheTestFolder
        let path: String
        let committedVerdicts = 2_000

        init() throws {
            folder = try CacheTestFolder()
            let snapshot = folder.path("snapshot.sqlite")
            _ = try CacheFixture.cache(at: folder.path("source.sqlite"), verdicts: committedVerdicts).export(
                to: snapshot)
            path = try folder.folder("killed") + "/batt-cache.sqlite"
            let queue = try DatabaseQueue(path: snapshot)
            try queue.writeWithoutTransaction { db in
                // A one-page cache makes SQLite spill changed pages into the file before commit.
                try db.execute(sql: "PRAGMA cache_size = 1")
                try db.execute(sql: "BEGIN IMMEDIATE")
                try db.execute(sql: "DELETE FROM verdicts")
                try FileManager.default.copyItem(atPath: snapshot, toPath: path)
                try FileManager.default.copyItem(atPath: snapshot + "-journal", toPath: path + "-journal")
                try db.execute(sql: "ROLLBACK")
            }
            try queue.close()
            #expect(
                FileManager.default.contents(atPath: path) != FileManager.default.contents(atPath: snapshot),
                "the copy should hold half-written pages")
        }
    }

    @Test func readingTheFileSeesItsLastCommittedStateAndChangesNothing() throws {
        let killed = try InterruptedWrite()
        let folder = URL(fileURLWithPath: killed.path).deletingLastPathComponent().path
        let before = try CacheFolderSnapshot(folder)

        let verify = try CacheCommandLine.execute(["cache", "verify", "--cache", killed.path])
        #expect(!verify.failed, "\(verify.text)")
        #expect(verify.text.contains("-journal left by an interrupted write"), "\(verify.text)")
        #expect(verify.text.contains("\(CacheText.count(killed.committedVerdicts)) verdicts"), "\(verify.text)")

        let inspect = try CacheCommandLine.execute(["cache", "inspect", "--cache", killed.path, "--json"])
        let summary = try JSONSerialization.jsonObject(with: Data(inspect.text.utf8)) as? [String: Any]
        #expect(summary?["verdicts"] as? Int == killed.committedVerdicts)
        #expect(summary?["access_mode"] as? String == "private-copy")

        #expect(try CacheFolderSnapshot(folder) == before)
    }

    @Test func aReadWriteOpenRollsTheInterruptedWriteBack() throws {
        let killed = try InterruptedWrite()
        let store = try CacheStore(path: killed.path)
        #expect(try store.verdictCount() == killed.committedVerdicts)
        #expect(!FileManager.default.fileExists(atPath: killed.path + "-journal"))
        #expect(store.verify().isOK)
    }

    @Test(.enabled(if: CacheTestPaths.hasBatt && BattProcess.canRunAsNobody, "needs the batt binary, root and setpriv"))
    func inAReadOnlyFolderItIsReadFromARolledBackPrivateCopy() throws {
        let killed = try InterruptedWrite()
        let folder = URL(fileURLWithPath: killed.path).deletingLastPathComponent().path
        try FileManager.default.setAttributes([.posixPermissions: 0o555], ofItemAtPath: folder)
        let before = try CacheFolderSnapshot(folder)

        let inspect = try BattProcess.run(["cache", "inspect", "--cache", killed.path], in: "/tmp", asNobody: true)
        #expect(inspect.status == 0, "\(inspect.stderr)")
        #expect(inspect.stdout.contains("verdicts  \(CacheText.count(killed.committedVerdicts)):"), "\(inspect.stdout)")
        #expect(inspect.stderr.contains("-journal left by an interrupted write"), "\(inspect.stderr)")
        #expect(try CacheFolderSnapshot(folder) == before)
    }
}
