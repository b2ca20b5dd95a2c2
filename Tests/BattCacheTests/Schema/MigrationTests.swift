import Foundation
import GRDB
import Testing

@testable import BattCache

@Suite struct MigrationTests {
    static let first = SchemaMigration(identifier: "0001_initial", sql: SchemaMigration.embedded[0].sql)
    static let second = SchemaMigration(
        identifier: "0002_notes", sql: "CREATE TABLE notes (text TEXT NOT NULL);")

    @Test(arguments: StoreKind.allCases)
    func openingAppliesAndRecordsEveryMigration(kind: StoreKind) throws {
        let cache = try TestCache(kind)
        #expect(try cache.store.appliedMigrations() == SchemaMigration.supportedIdentifiers)
        let tables = try cache.store.writer.read { db in
            try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        }
        #expect(tables.contains("solvers") && tables.contains("verdicts") && tables.contains("runs"))
    }

    @Test func reopeningAFileAppliesNothingTwice() throws {
        let folder = try TemporaryFolder()
        let path = folder.path("cache.sqlite")
        try CacheStore(path: path).insert(verdicts: [Fixture.verdict(1)])
        let reopened = try CacheStore(path: path)
        #expect(try reopened.appliedMigrations() == SchemaMigration.supportedIdentifiers)
        #expect(try reopened.verdictCount() == 1)
    }

    @Test func fileIsInWALModeWithABusyTimeout() throws {
        let folder = try TemporaryFolder()
        let store = try CacheStore(path: folder.path("cache.sqlite"))
        // Writes wait for other processes up to 30 s (GRDB gives its WAL readers their own 10 s).
        let (journal, timeout) = try store.writer.writeWithoutTransaction { db in
            (try String.fetchOne(db, sql: "PRAGMA journal_mode"), try Int.fetchOne(db, sql: "PRAGMA busy_timeout"))
        }
        #expect(journal == "wal")
        #expect(timeout == 30_000)
    }

    @Test func anOlderSchemaIsMigratedOnReadWriteOpen() throws {
        let folder = try TemporaryFolder()
        let path = folder.path("cache.sqlite")
        _ = try CacheStore(path: path, mode: .readWrite, migrations: [Self.first])
        let upgraded = try CacheStore(path: path, mode: .readWrite, migrations: [Self.first, Self.second])
        #expect(try upgraded.appliedMigrations() == ["0001_initial", "0002_notes"])
    }

    @Test func anOlderSchemaIsRefusedReadOnlyWithAdvice() throws {
        let folder = try TemporaryFolder()
        let path = folder.path("cache.sqlite")
        _ = try CacheStore(path: path, mode: .readWrite, migrations: [Self.first])
        #expect(
            throws: CacheError.olderSchemaReadOnly(
                path: path, applied: ["0001_initial"], supported: ["0001_initial", "0002_notes"])
        ) {
            try CacheStore(path: path, mode: .readOnly, migrations: [Self.first, Self.second])
        }
    }

    @Test(arguments: [CacheStore.OpenMode.readWrite, .readOnly])
    func aNewerSchemaIsRefusedAndLeftByteIdentical(mode: CacheStore.OpenMode) throws {
        let folder = try TemporaryFolder()
        let path = folder.path("cache.sqlite")
        do {
            let later = SchemaMigration(identifier: "9999_notes", sql: Self.second.sql)
            let newer = try CacheStore(path: path, mode: .readWrite, migrations: SchemaMigration.embedded + [later])
            try newer.insert(verdicts: [Fixture.verdict(1)])
        }
        let before = try #require(FileManager.default.bytes(path))
        let error = #expect(throws: CacheError.self) {
            try CacheStore(path: path, mode: mode, migrations: SchemaMigration.embedded)
        }
        #expect(
            error == .newerSchema(path: path, unknown: ["9999_notes"], supported: SchemaMigration.supportedIdentifiers))
        #expect(error?.description.contains("upgrade batt") == true)
        #expect(FileManager.default.bytes(path) == before)
        #expect(try FileSystem.listing(folder.url.path) == ["cache.sqlite"])
    }
}
