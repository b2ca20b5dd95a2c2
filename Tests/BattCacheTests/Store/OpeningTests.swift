import Foundation
import GRDB
import Synchronization
import Testing

@testable import BattCache

@Suite struct OpeningTests {
    /// A closed, checkpointed cache file holding two verdicts.
    static func makeCache(at path: String) throws {
        let store = try CacheStore(path: path)
        try store.insert(verdicts: [Fixture.verdict(1), Fixture.verdict(2, outcome: .wrong, pairs: "10")])
        try store.insert(solvers: [Fixture.solver(1)])
    }

    /// Each opener applies the migrations one transaction at a time, so another's commit between
    /// its look and its write fails its own: it must look again, not give up.
    @Test func severalOpenersCreatingOneNewCacheAtOnceAllSucceed() throws {
        for _ in 0..<8 {
            let folder = try TemporaryFolder()
            let path = folder.path("cache.sqlite")
            let failures = Mutex<[String]>([])
            DispatchQueue.concurrentPerform(iterations: 4) { _ in
                do {
                    let store = try CacheStore(path: path)
                    try store.insert(verdicts: [Fixture.verdict(1)])
                } catch {
                    failures.withLock { $0.append("\(error)") }
                }
            }
            #expect(failures.withLock { $0 }.isEmpty)
            #expect(try CacheStore(path: path, mode: .readOnly).verdictCount() == 1)
        }
    }

    @Test(arguments: [CacheStore.OpenMode.readWrite, .readOnly])
    func garbageIsRefusedAndLeftByteIdentical(mode: CacheStore.OpenMode) throws {
        let folder = try TemporaryFolder()
        let path = folder.path("cache.sqlite")
        let garbage = FileSystem.garbage(count: 8192)
        try FileSystem.write(garbage, to: path)
        let error = #expect(throws: CacheError.self) { try CacheStore(path: path, mode: mode) }
        guard case .notADatabase(path, _)? = error else {
            Issue.record("expected notADatabase, got \(String(describing: error))")
            return
        }
        #expect(error?.description.contains("'\(path)'") == true)
        #expect(FileManager.default.bytes(path) == garbage)
        #expect(try FileSystem.listing(folder.url.path) == ["cache.sqlite"])
    }

    @Test(arguments: [CacheStore.OpenMode.readWrite, .readOnly], [100, 1000, 4096])
    func aTruncatedCacheIsRefusedAndLeftByteIdentical(mode: CacheStore.OpenMode, length: Int) throws {
        let folder = try TemporaryFolder()
        let original = folder.path("original.sqlite")
        try Self.makeCache(at: original)
        let path = folder.path("cache.sqlite")
        let truncated = try #require(FileManager.default.bytes(original)).prefix(length)
        try FileSystem.write(truncated, to: path)
        let error = #expect(throws: CacheError.self) { try CacheStore(path: path, mode: mode) }
        guard case .notADatabase(path, _)? = error else {
            Issue.record("expected notADatabase, got \(String(describing: error))")
            return
        }
        #expect(FileManager.default.bytes(path) == truncated)
    }

    @Test func anSQLiteFileOfAnotherApplicationIsRefusedAndLeftByteIdentical() throws {
        let folder = try TemporaryFolder()
        let path = folder.path("other.sqlite")
        try DatabaseQueue(path: path).write { db in
            try db.execute(sql: "CREATE TABLE notes (text TEXT); INSERT INTO notes VALUES ('mine')")
        }
        let before = try #require(FileManager.default.bytes(path))
        #expect(throws: CacheError.notACache(path: path)) { try CacheStore(path: path) }
        #expect(FileManager.default.bytes(path) == before)
    }

    @Test func anEmptyFileBecomesANewCache() throws {
        let folder = try TemporaryFolder()
        let path = folder.path("cache.sqlite")
        #expect(FileManager.default.createFile(atPath: path, contents: Data()))
        let store = try CacheStore(path: path)
        #expect(try store.appliedMigrations() == SchemaMigration.supportedIdentifiers)
    }

    @Test func aMissingFileIsCreatedWithItsFolders() throws {
        let folder = try TemporaryFolder()
        let path = folder.path("nested/deeper/cache.sqlite")
        let store = try CacheStore(path: path)
        #expect(store.accessMode == .readWrite)
        #expect(FileManager.default.fileExists(atPath: path))
    }

    @Test func aMissingFileIsRefusedReadOnly() throws {
        let folder = try TemporaryFolder()
        let path = folder.path("cache.sqlite")
        #expect(throws: CacheError.fileNotFound(path: path)) { try CacheStore(path: path, mode: .readOnly) }
        #expect(!FileManager.default.fileExists(atPath: path))
    }

    @Test func aFolderIsRefused() throws {
        let folder = try TemporaryFolder()
        #expect(throws: CacheError.isDirectory(path: folder.url.path)) { try CacheStore(path: folder.url.path) }
    }

    @Test(.disabled(if: FileSystem.runningAsRoot, "root reads files whatever their permissions"))
    func anUnreadableFileIsRefused() throws {
        let folder = try TemporaryFolder()
        let path = folder.path("cache.sqlite")
        try Self.makeCache(at: path)
        try FileSystem.chmod(path, 0o000)
        defer { try? FileSystem.chmod(path, 0o644) }
        #expect(throws: CacheError.unreadable(path: path, reason: "permission denied")) {
            try CacheStore(path: path, mode: .readOnly)
        }
    }

    @Test(.disabled(if: FileSystem.runningAsRoot, "root searches any folder"))
    func aFileInAnUnsearchableFolderIsRefused() throws {
        let folder = try TemporaryFolder()
        let path = folder.path("cache.sqlite")
        try Self.makeCache(at: path)
        try FileSystem.chmod(folder.url.path, 0o000)
        defer { try? FileSystem.chmod(folder.url.path, 0o755) }
        for mode in [CacheStore.OpenMode.readOnly, .readWrite] {
            let error = #expect(throws: CacheError.self) { try CacheStore(path: path, mode: mode) }
            guard case .unreadable(path, _)? = error else {
                Issue.record("expected unreadable, got \(String(describing: error))")
                continue
            }
        }
    }

    @Test(.disabled(if: FileSystem.runningAsRoot, "root writes any folder"))
    func aCacheInAReadOnlyFolderIsRefusedReadWriteWithAdvice() throws {
        let folder = try TemporaryFolder()
        let path = folder.path("cache.sqlite")
        try Self.makeCache(at: path)
        try FileSystem.chmod(folder.url.path, 0o555)
        defer { try? FileSystem.chmod(folder.url.path, 0o755) }
        let error = #expect(throws: CacheError.self) { try CacheStore(path: path) }
        guard case .notWritable(path, _)? = error else {
            Issue.record("expected notWritable, got \(String(describing: error))")
            return
        }
        #expect(error?.description.contains("--seed") == true)
    }

    @Test func aReadOnlyStoreRefusesWrites() throws {
        let folder = try TemporaryFolder()
        let path = folder.path("cache.sqlite")
        try Self.makeCache(at: path)
        let store = try CacheStore(path: path, mode: .readOnly)
        #expect(try store.verdictCount() == 2)
        #expect(throws: CacheError.readOnly(path: path, operation: "store verdicts")) {
            try store.insert(verdicts: [Fixture.verdict(3)])
        }
    }

    /// Kaggle's `/kaggle/input`: a WAL-mode file, no `-wal`/`-shm`, in a folder nobody may write.
    @Test func aCacheInAReadOnlyFolderOpensForLookupsWithoutAnyWrite() throws {
        let folder = try TemporaryFolder()
        let path = folder.path("cache.sqlite")
        try Self.makeCache(at: path)
        let before = try #require(FileManager.default.bytes(path))
        try FileSystem.chmod(folder.url.path, 0o555)
        defer { try? FileSystem.chmod(folder.url.path, 0o755) }

        if !FileSystem.runningAsRoot {
            // A plain read-only connection cannot create the -shm here: the immutable fallback reads.
            let store = try CacheStore(path: path, mode: .readOnly)
            #expect(store.accessMode == .immutable)
            #expect(try store.verdicts(for: [Fixture.key(1)]).count == 1)
        }
        // As root the folder stays writable, so prove the no-write path directly:
        // an immutable open creates no -wal/-shm and leaves the file byte-identical.
        do {
            let store = try CacheStore(
                path: path, mode: .readOnly, migrations: SchemaMigration.embedded, readOnlyStrategies: [.immutable])
            #expect(store.accessMode == .immutable)
            #expect(store.warnings.isEmpty)
            #expect(try store.verdicts(for: [Fixture.key(1), Fixture.key(2)]).count == 2)
            #expect(try store.solvers(forBodyHashes: ["body-1"]).count == 1)
        }
        #expect(try FileSystem.listing(folder.url.path) == ["cache.sqlite"])
        #expect(FileManager.default.bytes(path) == before)
    }

    /// A live cache shipped with its `-wal` but without `-shm`: immutable would drop the WAL content.
    @Test func aShippedWALWithoutShmIsReadThroughAPrivateCopy() throws {
        let live = try TemporaryFolder()
        let shipped = try TemporaryFolder()
        let path = shipped.path("cache.sqlite")
        let store = try CacheStore(path: live.path("cache.sqlite"))
        try store.insert(verdicts: [Fixture.verdict(1)])
        _ = try store.writer.writeWithoutTransaction { try $0.checkpoint(.truncate) }
        try store.insert(verdicts: [Fixture.verdict(2)])  // only in the -wal
        try FileManager.default.copyItem(atPath: live.path("cache.sqlite"), toPath: path)
        try FileManager.default.copyItem(atPath: live.path("cache.sqlite-wal"), toPath: path + "-wal")
        try FileSystem.chmod(shipped.url.path, 0o555)
        defer { try? FileSystem.chmod(shipped.url.path, 0o755) }

        var copyFolder: String?
        do {
            let copy = try CacheStore(
                path: path, mode: .readOnly, migrations: SchemaMigration.embedded, readOnlyStrategies: [.privateCopy])
            guard case .privateCopy(let copyPath) = copy.accessMode else {
                Issue.record("expected a private copy, got \(copy.accessMode)")
                return
            }
            copyFolder = URL(fileURLWithPath: copyPath).deletingLastPathComponent().path
            #expect(try copy.verdicts(for: [Fixture.key(1), Fixture.key(2)]).count == 2)
            #expect(!copy.warnings.isEmpty)
        }
        #expect(copyFolder.map { FileManager.default.fileExists(atPath: $0) } == false)

        let immutable = try CacheStore(
            path: path, mode: .readOnly, migrations: SchemaMigration.embedded, readOnlyStrategies: [.immutable])
        #expect(immutable.warnings.contains { $0.contains("-wal") })
        #expect(try immutable.verdicts(for: [Fixture.key(1), Fixture.key(2)]).count == 1)

        // Whatever the user, the default chain serves the verdict kept in the -wal.
        let reader = try CacheStore(path: path, mode: .readOnly)
        #expect(try reader.verdicts(for: [Fixture.key(1), Fixture.key(2)]).count == 2)
    }

    @Test func immutableURIsEscapeSpecialCharacters() {
        #expect(
            CacheStore.immutableURI("/data/a%b?c#d.sqlite") == "file:/data/a%25b%3fc%23d.sqlite?mode=ro&immutable=1")
    }

    @Test func pathsWithSpecialCharactersOpenImmutable() throws {
        let folder = try TemporaryFolder()
        let path = folder.path("odd %name? #1.sqlite")
        try Self.makeCache(at: path)
        let store = try CacheStore(
            path: path, mode: .readOnly, migrations: SchemaMigration.embedded, readOnlyStrategies: [.immutable])
        #expect(try store.verdictCount() == 2)
    }
}
