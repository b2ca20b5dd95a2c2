import Foundation
import GRDB
import Testing

@testable import BattCache

@Suite struct SnapshotTests {
    @Test(arguments: StoreKind.allCases)
    func exportWritesACheckedRollbackJournalSnapshot(kind: StoreKind) throws {
        let cache = try TestCache(kind)
        try InspectTests.fill(cache.store)
        let out = try TemporaryFolder()
        let path = out.path("export.sqlite")
        let report = try cache.store.export(to: path)
        #expect(report.verdicts == 5 && report.solvers == 3 && report.runs == 3)
        #expect(try FileSystem.listing(out.url.path) == ["export.sqlite"])
        let header = try #require(FileManager.default.bytes(path)).prefix(20)
        #expect(Array(header.suffix(2)) == [1, 1], "rollback journal, not WAL")
        let mode = try DatabaseQueue(path: path).read { try String.fetchOne($0, sql: "PRAGMA journal_mode") }
        #expect(mode == "delete")
    }

    @Test func anExportOpensReadOnlyFromAReadOnlyFolder() throws {
        let cache = try TestCache(.onDisk)
        try InspectTests.fill(cache.store)
        let out = try TemporaryFolder()
        let path = out.path("export.sqlite")
        _ = try cache.store.export(to: path)
        try FileSystem.chmod(out.url.path, 0o555)
        defer { try? FileSystem.chmod(out.url.path, 0o755) }
        // No fallback allowed: a plain read-only connection must do.
        let reader = try CacheStore(
            path: path, mode: .readOnly, migrations: SchemaMigration.embedded, readOnlyStrategies: [.readOnly])
        #expect(reader.accessMode == .readOnly)
        #expect(try reader.verdictCount() == 5)
        #expect(try FileSystem.listing(out.url.path) == ["export.sqlite"])
    }

    @Test func exportIncludesVerdictsStillInTheWAL() throws {
        let cache = try TestCache(.onDisk)
        try cache.store.insert(verdicts: (0..<50).map { Fixture.verdict($0) })
        #expect(try CacheStore.fileSize(cache.folder.path("cache.sqlite-wal")) > 0)
        let path = cache.folder.path("export.sqlite")
        #expect(try cache.store.export(to: path).verdicts == 50)
    }

    @Test func exportRefusesToOverwrite() throws {
        let cache = try TestCache(.onDisk)
        let path = cache.folder.path("export.sqlite")
        #expect(FileManager.default.createFile(atPath: path, contents: Data("keep me".utf8)))
        #expect(throws: CacheError.destinationExists(path: path)) { try cache.store.export(to: path) }
        #expect(FileManager.default.bytes(path) == Data("keep me".utf8))
        #expect(throws: CacheError.destinationExists(path: cache.folder.path("cache.sqlite"))) {
            try cache.store.export(to: cache.folder.path("cache.sqlite"))
        }
    }

    @Test func exportIsConsistentWhileAnotherConnectionWrites() async throws {
        let cache = try TestCache(.onDisk)
        let writer = try CacheStore(path: cache.folder.path("cache.sqlite"))
        try writer.insert(verdicts: (0..<100).map { Fixture.verdict($0) })
        let writing = Task.detached {
            for batch in 1...20 {
                try writer.insert(verdicts: (batch * 100..<(batch + 1) * 100).map { Fixture.verdict($0) })
            }
        }
        let report = try cache.store.export(to: cache.folder.path("export.sqlite"))
        try await writing.value
        #expect(report.verdicts >= 100 && report.verdicts <= 2_100)
        #expect(report.verdicts % 100 == 0, "a snapshot holds whole batches")
    }

    @Test func seedingCopiesAReadOnlyWALCacheWithItsWALContent() throws {
        let live = try TemporaryFolder()
        let shipped = try TemporaryFolder()
        let store = try CacheStore(path: live.path("cache.sqlite"))
        try store.insert(verdicts: [Fixture.verdict(1)])
        _ = try store.writer.writeWithoutTransaction { try $0.checkpoint(.truncate) }
        try store.insert(verdicts: [Fixture.verdict(2)])  // only in the -wal
        try store.insert(solvers: [Fixture.solver(1)])
        for suffix in ["", "-wal"] {
            try FileManager.default.copyItem(
                atPath: live.path("cache.sqlite") + suffix, toPath: shipped.path("cache.sqlite") + suffix)
        }
        try FileSystem.chmod(shipped.url.path, 0o555)
        defer { try? FileSystem.chmod(shipped.url.path, 0o755) }

        let work = try TemporaryFolder()
        let destination = work.path("working/cache.sqlite")
        let report = try CacheStore.seed(from: shipped.path("cache.sqlite"), to: destination)
        #expect(report.verdicts == 2 && report.solvers == 1)
        let seeded = try CacheStore(path: destination)
        #expect(seeded.accessMode == .readWrite)
        #expect(try seeded.verdicts(for: [Fixture.key(1), Fixture.key(2)]).count == 2)
        try seeded.insert(verdicts: [Fixture.verdict(3)])
    }

    @Test func seedingMigratesAnOlderSchema() throws {
        let folder = try TemporaryFolder()
        let source = folder.path("old.sqlite")
        #expect(FileManager.default.createFile(atPath: source, contents: Data()))  // no schema at all
        _ = try CacheStore.seed(from: source, to: folder.path("new.sqlite"))
        #expect(
            try CacheStore(path: folder.path("new.sqlite"), mode: .readOnly).appliedMigrations()
                == SchemaMigration.supportedIdentifiers)
    }

    @Test func seedingRefusesAnExistingDestinationAndANewerSource() throws {
        let folder = try TemporaryFolder()
        let source = folder.path("source.sqlite")
        _ = try CacheStore(path: source, mode: .readWrite, migrations: [MigrationTests.first, MigrationTests.second])
        #expect(throws: CacheError.destinationExists(path: source)) {
            try CacheStore.seed(from: source, to: source)
        }
        let destination = folder.path("seeded.sqlite")
        #expect(throws: CacheError.self) { try CacheStore.seed(from: source, to: destination) }
        #expect(!FileManager.default.fileExists(atPath: destination))
    }
}
