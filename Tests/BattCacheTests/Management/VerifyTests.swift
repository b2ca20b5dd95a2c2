import Foundation
import Testing

@testable import BattCache

@Suite struct VerifyTests {
    @Test func aHealthyCacheVerifiesOK() throws {
        let cache = try TestCache(.onDisk)
        try InspectTests.fill(cache.store)
        let report = CacheStore.verify(path: cache.folder.path("cache.sqlite"))
        #expect(report.isOK, "\(report.problems)")
        #expect(report.integrity == ["ok"])
        #expect(report.appliedMigrations == SchemaMigration.supportedIdentifiers)
        #expect(report.solvers == 3 && report.verdicts == 5 && report.runs == 3)
    }

    @Test(arguments: StoreKind.allCases)
    func anOpenStoreVerifiesItself(kind: StoreKind) throws {
        let cache = try TestCache(kind)
        try InspectTests.fill(cache.store)
        let report = cache.store.verify()
        #expect(report.isOK)
        #expect(report.verdicts == 5)
    }

    @Test func aLeftoverWALIsAWarningNotAProblem() throws {
        let cache = try TestCache(.onDisk)
        try cache.store.insert(verdicts: [Fixture.verdict(1)])
        let report = CacheStore.verify(path: cache.folder.path("cache.sqlite"))
        #expect(report.isOK)
        #expect((report.walBytes ?? 0) > 0)
        #expect(report.warnings.contains { $0.contains("-wal") })
    }

    @Test func aCorruptedPageIsCaught() throws {
        let folder = try TemporaryFolder()
        let path = folder.path("cache.sqlite")
        do {
            let store = try CacheStore(path: path)
            try store.insert(verdicts: PruneTests.bulk(count: 500))
        }
        var bytes = try #require(FileManager.default.bytes(path))
        let pageSize = 4096
        #expect(bytes.count > 20 * pageSize)
        // Scribble over the middle of the file, leaving the header and schema page intact.
        let start = (bytes.count / pageSize / 2) * pageSize
        bytes.replaceSubrange(start..<start + 3 * pageSize, with: FileSystem.garbage(count: 3 * pageSize))
        try FileSystem.write(bytes, to: path)

        let report = CacheStore.verify(path: path)
        #expect(!report.isOK)
        #expect(!report.problems.isEmpty)
        #expect(FileManager.default.bytes(path) == bytes, "verify never writes")
    }

    @Test func garbageAndNewerSchemasAreProblems() throws {
        let folder = try TemporaryFolder()
        let garbage = folder.path("garbage.sqlite")
        try FileSystem.write(FileSystem.garbage(count: 4096), to: garbage)
        #expect(!CacheStore.verify(path: garbage).isOK)

        let newer = folder.path("newer.sqlite")
        _ = try CacheStore(path: newer, mode: .readWrite, migrations: [MigrationTests.first, MigrationTests.second])
        let report = CacheStore.verify(path: newer)
        #expect(!report.isOK)
        #expect(report.problems.contains { $0.contains("newer batt") })

        #expect(!CacheStore.verify(path: folder.path("missing.sqlite")).isOK)
    }
}
