import Foundation
import GRDB

/// The verdict cache: one SQLite file shared by runs, processes and sessions.
///
/// Files open as a WAL `DatabasePool` with a 30 s busy timeout, so several
/// processes can share one file; every write is a short `IMMEDIATE`
/// transaction, so a killed run loses at most its last batch.
public final class CacheStore: Sendable {
    /// How the caller wants the file opened.
    public enum OpenMode: Sendable, Hashable {
        /// Create the file if missing, migrate an older schema.
        case readWrite
        /// Never write: lookups, inspection, export, seeding from it.
        case readOnly
    }

    /// How the file was actually opened.
    public enum AccessMode: Sendable, Hashable {
        case readWrite
        /// SQLite read-only connection; sees the `-wal` content.
        case readOnly
        /// SQLite `immutable=1`: for a WAL file in a read-only folder without
        /// `-shm`. Sees no `-wal` content (see ``CacheStore/warnings``).
        case immutable
        /// The file and its `-wal` were copied to a private temporary folder and
        /// read there, because a read-only folder held a `-wal` but no `-shm`.
        case privateCopy(path: String)
        case inMemory

        public var isWritable: Bool { self == .readWrite || self == .inMemory }
    }

    /// The path as given; nil for an in-memory store.
    public let path: String?
    /// The file SQLite opened: `path` with symbolic links followed.
    let filePath: String?
    public let accessMode: AccessMode
    /// What the user should know about how the file was opened.
    public let warnings: [String]

    let writer: any DatabaseWriter
    let migrations: [SchemaMigration]
    /// The busy timeout of the connection that writes.
    let busySeconds: Double
    private let privateCopyFolder: URL?

    /// Opens (read-write: creating and migrating as needed) the cache file at `path`.
    /// - Throws: ``CacheError`` when the file is not a batt cache, has a newer schema,
    ///   or cannot be read or written; the file is then left untouched.
    /// - Parameter busyTimeout: how long a write waits for another process's write lock before it
    ///   fails with ``CacheError/locked(path:operation:seconds:)``.
    /// - Parameter maxPageCount: at most this many pages in the file (`PRAGMA max_page_count`): a
    ///   write beyond fails as on a full disk. nil: no cap but the disk's.
    public convenience init(
        path: String, mode: OpenMode = .readWrite, busyTimeout: Double = CacheStore.defaultBusyTimeout,
        maxPageCount: Int? = nil
    ) throws {
        try self.init(
            path: path, mode: mode, migrations: SchemaMigration.embedded, busyTimeout: busyTimeout,
            maxPageCount: maxPageCount)
    }

    /// Seconds a write waits for another process's write lock.
    public static let defaultBusyTimeout: Double = 30

    init(
        path: String,
        mode: OpenMode,
        migrations: [SchemaMigration],
        readOnlyStrategies: [ReadOnlyStrategy] = ReadOnlyStrategy.allCases,
        allowingOlderSchema: Bool = false,
        busyTimeout: Double = CacheStore.defaultBusyTimeout,
        maxPageCount: Int? = nil
    ) throws {
        guard !path.isEmpty else { throw CacheError.emptyPath }
        let file = Self.resolvingLinks(path)
        let opened = try Self.openFile(
            path: file, mode: mode, migrations: migrations,
            readOnlyStrategies: readOnlyStrategies, allowingOlderSchema: allowingOlderSchema,
            busyTimeout: busyTimeout, maxPageCount: maxPageCount)
        self.busySeconds = busyTimeout
        self.path = path
        self.filePath = file
        self.accessMode = opened.accessMode
        self.warnings = opened.warnings
        self.writer = opened.writer
        self.migrations = migrations
        self.privateCopyFolder = opened.privateCopyFolder
    }

    private init(inMemoryWith migrations: [SchemaMigration]) throws {
        let queue = try DatabaseQueue(configuration: Self.configuration(readonly: false))
        try SchemaMigration.migrator(for: migrations).migrate(queue)
        self.path = nil
        self.filePath = nil
        self.accessMode = .inMemory
        self.warnings = []
        self.writer = queue
        self.migrations = migrations
        self.privateCopyFolder = nil
        self.busySeconds = Self.defaultBusyTimeout
    }

    /// A fresh, migrated cache in memory (tests, `--no-cache` runs).
    public static func inMemory() throws -> CacheStore {
        try CacheStore(inMemoryWith: SchemaMigration.embedded)
    }

    static func inMemory(migrations: [SchemaMigration]) throws -> CacheStore {
        try CacheStore(inMemoryWith: migrations)
    }

    deinit {
        if let privateCopyFolder {
            try? FileManager.default.removeItem(at: privateCopyFolder)
            TemporaryFiles.shared.unregister(privateCopyFolder.path)
        }
    }

    /// The path for messages.
    var displayPath: String { path ?? ":memory:" }

    /// The migrations recorded in the file, in order.
    public func appliedMigrations() throws -> [String] {
        try read { db in try SchemaMigration.appliedMigrations(db, of: migrations) }
    }

    static func configuration(
        readonly: Bool, busyTimeout: Double = defaultBusyTimeout, maxPageCount: Int? = nil
    ) -> Configuration {
        var configuration = Configuration()
        if let maxPageCount {
            configuration.prepareDatabase { db in try db.execute(sql: "PRAGMA max_page_count = \(maxPageCount)") }
        }
        configuration.readonly = readonly
        configuration.busyMode = .timeout(busyTimeout)
        configuration.label = "BattCache"
        return configuration
    }

    /// Reads in one snapshot; SQLite's errors become ``CacheError``s naming the file.
    func read<T>(_ operation: String = "read the cache", _ body: (Database) throws -> T) throws -> T {
        do {
            return try writer.read(body)
        } catch let error as DatabaseError {
            throw Self.mapOperationError(error, path: displayPath, operation: operation, busySeconds: busySeconds)
        }
    }

    func requireWritable(_ operation: String) throws {
        guard accessMode.isWritable else {
            throw CacheError.readOnly(path: displayPath, operation: operation)
        }
    }

    /// Runs `body` in one short `IMMEDIATE` transaction: it takes the write lock
    /// up front (waiting for other processes up to the busy timeout) instead of
    /// failing on a lock upgrade half-way.
    ///
    /// - Parameter briefly: wait at most ``briefWait`` for the lock: for bookkeeping (run records,
    ///   last uses) that is not worth holding a run up for.
    func writeImmediately<T>(_ operation: String, briefly: Bool = false, _ body: (Database) throws -> T) throws -> T {
        try requireWritable(operation)
        let wait = briefly ? Swift.min(busySeconds, Self.briefWait) : busySeconds
        do {
            return try writer.writeWithoutTransaction { db in
                if wait != busySeconds { try db.execute(sql: "PRAGMA busy_timeout = \(Int(wait * 1000))") }
                defer {
                    if wait != busySeconds { try? db.execute(sql: "PRAGMA busy_timeout = \(Int(busySeconds * 1000))") }
                }
                var result: T?
                try db.inTransaction(.immediate) {
                    result = try body(db)
                    return .commit
                }
                guard let result else { throw CacheError.sqlite(path: displayPath, message: "\(operation): no result") }
                return result
            }
        } catch let error as DatabaseError {
            throw Self.mapOperationError(error, path: displayPath, operation: operation, busySeconds: wait)
        }
    }

    /// How long bookkeeping writes wait for another process's write lock.
    static let briefWait: Double = 1
}
