import Foundation
import GRDB

/// Ways to read a file that a plain read-only connection may not open, tried in order.
enum ReadOnlyStrategy: CaseIterable, Sendable {
    /// `SQLITE_OPEN_READONLY`. Fails for a WAL file in a read-only folder
    /// unless both `-wal` and `-shm` already exist.
    case readOnly
    /// Copy the file and its non-empty `-wal` to a private folder and read
    /// there: an immutable open would silently drop the `-wal` content.
    case privateCopy
    /// `immutable=1`: SQLite takes no locks and reads no `-wal`.
    case immutable
}

struct OpenedDatabase {
    var writer: any DatabaseWriter
    var accessMode: CacheStore.AccessMode
    var warnings: [String] = []
    var privateCopyFolder: URL?
}

extension CacheStore {
    static func openFile(
        path: String,
        mode: OpenMode,
        migrations: [SchemaMigration],
        readOnlyStrategies: [ReadOnlyStrategy],
        allowingOlderSchema: Bool,
        busyTimeout: Double = defaultBusyTimeout,
        maxPageCount: Int? = nil
    ) throws -> OpenedDatabase {
        let fileManager = FileManager.default
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        var info = stat()
        let exists: Bool
        var warnings: [String] = []
        // stat follows symbolic links: the target is what SQLite opens (the store resolves them).
        if stat(path, &info) == 0 {
            exists = true
            let type = info.st_mode & mode_t(S_IFMT)
            if type == mode_t(S_IFDIR) { throw CacheError.isDirectory(path: path) }
            // Opening a FIFO blocks until a writer comes; a device is no place for a cache.
            guard type == mode_t(S_IFREG) else {
                throw CacheError.notARegularFile(path: path, kind: fileKind(type))
            }
            if info.st_nlink > 1 {
                guard mode == .readOnly else { throw CacheError.hardLinked(path: path, links: Int(info.st_nlink)) }
                warnings.append(
                    "'\(path)' has \(info.st_nlink) hard links: read through this name only; writing through two names of one cache corrupts it."
                )
            }
        } else if errno == EACCES {
            throw CacheError.unreadable(
                path: path, reason: "its folder '\(folder)' cannot be searched (permission denied)")
        } else {
            exists = false
        }

        var header: DatabaseFileHeader?
        if exists {
            guard fileManager.isReadableFile(atPath: path) else {
                throw CacheError.unreadable(path: path, reason: "permission denied")
            }
            // A -journal left by a killed write (creating the file, switching it to WAL): roll it
            // back first, as any SQLite writer would, so the file is judged by its committed state.
            if mode == .readWrite, hasJournal(path),
                fileManager.isWritableFile(atPath: path), fileManager.isWritableFile(atPath: folder)
            {
                rollBackInterruptedWrite(path)
            }
            // A read-only open that still finds one reads a rolled-back private copy, checked there.
            if !(mode == .readOnly && hasJournal(path)) {
                let size = try fileSize(path)
                header = try DatabaseFileHeader.read(path: path, fileSize: size)
            }
        }

        switch mode {
        case .readOnly:
            guard exists else { throw CacheError.fileNotFound(path: path) }
            var opened = try openReadOnly(
                path: path, migrations: migrations, strategies: readOnlyStrategies,
                allowingOlderSchema: allowingOlderSchema)
            opened.warnings += warnings
            return opened

        case .readWrite:
            if exists {
                guard fileManager.isWritableFile(atPath: path) else {
                    throw CacheError.notWritable(path: path, reason: "the file is read-only")
                }
                guard fileManager.isWritableFile(atPath: folder) else {
                    throw CacheError.notWritable(path: path, reason: "its folder '\(folder)' is read-only")
                }
                // Look before writing anything: GRDB's pool switches the file to WAL on open.
                let state: SchemaState
                if let quickLook = immutableProbe(path: path, migrations: migrations) {
                    state = quickLook
                } else {
                    let probe = try sqliteCall(path) {
                        try DatabaseQueue(path: path, configuration: configuration(readonly: true))
                    }
                    defer { try? probe.close() }
                    state = try sqliteCall(path) {
                        try probe.read { try SchemaMigration.state(of: $0, against: migrations) }
                    }
                }
                try refuseUnusable(state, path: path, migrations: migrations)
            } else {
                do {
                    try fileManager.createDirectory(atPath: folder, withIntermediateDirectories: true)
                } catch {
                    throw CacheError.notWritable(
                        path: path, reason: "its folder cannot be created (\(error.localizedDescription))")
                }
                guard fileManager.isWritableFile(atPath: folder) else {
                    throw CacheError.cannotCreate(path: path, reason: "its folder '\(folder)' is read-only")
                }
            }
            // What an interrupted --seed left next to the cache.
            TemporaryFiles.removeStale(in: folder)
            var writing = configuration(readonly: false, busyTimeout: busyTimeout, maxPageCount: maxPageCount)
            let writer: any DatabaseWriter
            if header?.isWAL == true {
                // Already WAL: a queue opens it without writing. GRDB's pool writes on open when the
                // -wal is missing or empty (after a clean close), which waits for, and then fails
                // on, another process's write lock even in a run that has nothing to store.
                writing.prepareDatabase { db in try db.execute(sql: "PRAGMA synchronous = NORMAL") }
                writer = try sqliteCall(path) { try DatabaseQueue(path: path, configuration: writing) }
            } else {
                writer = try sqliteCall(path) {
                    try openPool(path: path, configuration: writing, patience: busyTimeout)
                }
            }
            try migrate(writer, path: path, migrations: migrations)
            return OpenedDatabase(writer: writer, accessMode: .readWrite)
        }
    }

    /// What a file type is, for messages.
    static func fileKind(_ type: mode_t) -> String {
        switch type {
        case mode_t(S_IFIFO): return "a FIFO (named pipe)"
        case mode_t(S_IFCHR): return "a character device"
        case mode_t(S_IFBLK): return "a block device"
        case mode_t(S_IFSOCK): return "a socket"
        default: return "not a regular file"
        }
    }

    /// The file a path names, symbolic links followed, so that SQLite's `-wal`, `-shm` and
    /// `-journal` sit next to it and sizes are its own; the path itself when it is no link.
    static func resolvingLinks(_ path: String) -> String {
        var info = stat()
        guard lstat(path, &info) == 0, info.st_mode & mode_t(S_IFMT) == mode_t(S_IFLNK),
            let resolved = realpath(path, nil)
        else { return path }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// Applies missing migrations, tolerating another process doing the same at the same time.
    static func migrate(_ writer: any DatabaseWriter, path: String, migrations: [SchemaMigration]) throws {
        // Read first: a current file needs no write, so none waits for another process's lock.
        if let state = try? writer.read({ try SchemaMigration.state(of: $0, against: migrations) }), state == .current {
            return
        }
        let migrator = SchemaMigration.migrator(for: migrations)
        var before = try? writer.read { try SchemaMigration.state(of: $0, against: migrations) }
        while true {
            var migrationError: (any Error)?
            do {
                try migrator.migrate(writer)
            } catch {
                migrationError = error
            }
            // Check the result either way: a newer batt may have upgraded the file
            // between our look and our write, or a concurrent opener applied the
            // migration we failed to apply.
            let state = try sqliteCall(path) {
                try writer.read { try SchemaMigration.state(of: $0, against: migrations) }
            }
            if state == .current { return }
            try refuseUnusable(state, path: path, migrations: migrations)
            // Several processes creating one new cache each apply the migrations one transaction
            // at a time: another's commit between our look and our write fails ours. While the
            // file moves on, look again and apply what is left.
            if migrationError != nil, state != before {
                before = state
                continue
            }
            if let migrationError {
                throw CacheError.sqlite(path: path, message: "migration failed: \(migrationError)")
            }
            throw CacheError.sqlite(path: path, message: "migrations did not complete (\(state))")
        }
    }

    /// What a read-only open accepts: a usable schema that needs no migration, unless an older
    /// one is allowed.
    static func requireReadableWithoutMigrating(
        _ state: SchemaState, path: String, migrations: [SchemaMigration], allowingOlderSchema: Bool
    ) throws {
        try refuseUnusable(state, path: path, migrations: migrations)
        switch state {
        case .empty where !allowingOlderSchema:
            throw CacheError.olderSchemaReadOnly(path: path, applied: [], supported: migrations.map(\.identifier))
        case .older(let applied) where !allowingOlderSchema:
            throw CacheError.olderSchemaReadOnly(path: path, applied: applied, supported: migrations.map(\.identifier))
        default:
            return
        }
    }

    static func refuseUnusable(_ state: SchemaState, path: String, migrations: [SchemaMigration]) throws {
        switch state {
        case .empty, .older, .current:
            return
        case .newer(let unknown):
            throw CacheError.newerSchema(path: path, unknown: unknown, supported: migrations.map(\.identifier))
        case .foreign:
            throw CacheError.notACache(path: path)
        }
    }

    /// The schema state read through an `immutable` connection, which creates no
    /// `-wal`/`-shm` next to the file, so a refused file's folder stays as it was.
    ///
    /// nil when that read could mislead or fails: with a non-empty `-wal` or a
    /// `-journal` (content the immutable read would miss), or without URI support.
    static func immutableProbe(path: String, migrations: [SchemaMigration]) -> SchemaState? {
        let walSize = (try? fileSize(path + "-wal")) ?? 0
        guard walSize == 0, !FileManager.default.fileExists(atPath: path + "-journal") else { return nil }
        guard let queue = try? DatabaseQueue(path: immutableURI(path), configuration: configuration(readonly: true))
        else { return nil }
        defer { try? queue.close() }
        return try? queue.read { try SchemaMigration.state(of: $0, against: migrations) }
    }

    static func openReadOnly(
        path: String,
        migrations: [SchemaMigration],
        strategies: [ReadOnlyStrategy],
        allowingOlderSchema: Bool
    ) throws -> OpenedDatabase {
        if hasJournal(path) {
            return try openRolledBackCopy(path: path, migrations: migrations, allowingOlderSchema: allowingOlderSchema)
        }
        // Refuse what we can before a read-only connection creates -wal/-shm files.
        if let state = immutableProbe(path: path, migrations: migrations) {
            try refuseUnusable(state, path: path, migrations: migrations)
        }
        let walSize = (try? fileSize(path + "-wal")) ?? 0
        var failures: [String] = []
        for strategy in strategies {
            var opened: OpenedDatabase
            switch strategy {
            case .readOnly:
                guard
                    let queue = try attempt(
                        path, &failures,
                        {
                            try DatabaseQueue(path: path, configuration: configuration(readonly: true))
                        })
                else { continue }
                opened = OpenedDatabase(writer: queue, accessMode: .readOnly)
            case .privateCopy:
                guard walSize > 0 else { continue }
                let folder = FileManager.default.temporaryDirectory
                    .appendingPathComponent("batt-cache-\(UUID().uuidString)")
                let copy = folder.appendingPathComponent(URL(fileURLWithPath: path).lastPathComponent).path
                do {
                    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
                    TemporaryFiles.shared.register(folder.path)
                    try FileManager.default.copyItem(atPath: path, toPath: copy)
                    try FileManager.default.copyItem(atPath: path + "-wal", toPath: copy + "-wal")
                } catch {
                    try? FileManager.default.removeItem(at: folder)
                    failures.append("private copy: \(error.localizedDescription)")
                    continue
                }
                guard
                    let queue = try attempt(
                        path, &failures,
                        {
                            try DatabaseQueue(path: copy, configuration: configuration(readonly: true))
                        })
                else {
                    try? FileManager.default.removeItem(at: folder)
                    continue
                }
                opened = OpenedDatabase(
                    writer: queue, accessMode: .privateCopy(path: copy),
                    warnings: [
                        "'\(path)' sits in a read-only folder with a -wal but no -shm file; it was read from a private copy in '\(folder.path)'."
                    ],
                    privateCopyFolder: folder)
            case .immutable:
                guard
                    let queue = try attempt(
                        path, &failures,
                        {
                            try DatabaseQueue(path: immutableURI(path), configuration: configuration(readonly: true))
                        })
                else { continue }
                opened = OpenedDatabase(writer: queue, accessMode: .immutable)
                if walSize > 0 {
                    opened.warnings.append(
                        "'\(path)-wal' (\(walSize) bytes) was ignored: the file was opened immutable, so verdicts not yet checkpointed are not visible."
                    )
                }
            }
            // SQLite opens lazily: the first read tells whether this way works.
            let state: SchemaState
            do {
                state = try opened.writer.read { try SchemaMigration.state(of: $0, against: migrations) }
            } catch let error as DatabaseError where isAccessFailure(error) {
                failures.append("\(strategy): \(error.message ?? "\(error.resultCode)")")
                if let folder = opened.privateCopyFolder { try? FileManager.default.removeItem(at: folder) }
                continue
            } catch let error as DatabaseError {
                if let folder = opened.privateCopyFolder { try? FileManager.default.removeItem(at: folder) }
                throw mapOpenError(error, path: path)
            }
            do {
                try requireReadableWithoutMigrating(
                    state, path: path, migrations: migrations, allowingOlderSchema: allowingOlderSchema)
                return opened
            } catch {
                if let folder = opened.privateCopyFolder { try? FileManager.default.removeItem(at: folder) }
                throw error
            }
        }
        throw CacheError.unreadable(path: path, reason: failures.joined(separator: "; "))
    }

    /// A `file:` URI for SQLite's `immutable=1` open; `%`, `?` and `#` in the path are escaped.
    static func immutableURI(_ path: String) -> String {
        let absolute = URL(fileURLWithPath: path).path
        var escaped = ""
        for character in absolute {
            switch character {
            case "%": escaped += "%25"
            case "?": escaped += "%3f"
            case "#": escaped += "%23"
            default: escaped.append(character)
            }
        }
        return "file:\(escaped)?mode=ro&immutable=1"
    }

    /// The size of the file `path` names, symbolic links followed.
    static func fileSize(_ path: String) throws -> Int {
        var info = stat()
        guard stat(path, &info) == 0 else {
            throw CacheError.unreadable(path: path, reason: String(cString: strerror(errno)))
        }
        return Int(info.st_size)
    }

    private static func attempt<T>(
        _ path: String, _ failures: inout [String], _ open: () throws -> T
    ) throws -> T? {
        do {
            return try open()
        } catch let error as DatabaseError where isAccessFailure(error) {
            failures.append(error.message ?? "\(error.resultCode)")
            return nil
        } catch let error as DatabaseError {
            throw mapOpenError(error, path: path)
        }
    }

    /// Errors that another way of opening may avoid.
    static func isAccessFailure(_ error: DatabaseError) -> Bool {
        [.SQLITE_CANTOPEN, .SQLITE_READONLY, .SQLITE_PERM, .SQLITE_AUTH].contains(error.resultCode)
    }

    static func mapOpenError(_ error: DatabaseError, path: String) -> CacheError {
        switch error.resultCode {
        case .SQLITE_NOTADB, .SQLITE_CORRUPT:
            return .notADatabase(path: path, reason: error.message ?? "\(error.resultCode)")
        case .SQLITE_CANTOPEN, .SQLITE_PERM, .SQLITE_AUTH:
            return .unreadable(path: path, reason: error.message ?? "\(error.resultCode)")
        case .SQLITE_READONLY:
            return .notWritable(path: path, reason: error.message ?? "\(error.resultCode)")
        default:
            return .sqlite(path: path, message: "\(error)")
        }
    }

    /// An error of SQLite while working on an open cache, as a ``CacheError`` naming the file.
    static func mapOperationError(_ error: DatabaseError, path: String, operation: String, busySeconds: Double)
        -> CacheError
    {
        switch error.resultCode {
        case .SQLITE_CORRUPT, .SQLITE_NOTADB:
            return .damaged(path: path, reason: error.message ?? "\(error.resultCode)")
        case .SQLITE_FULL:
            return .diskFull(path: path, operation: operation)
        case .SQLITE_BUSY, .SQLITE_LOCKED:
            return .locked(path: path, operation: operation, seconds: busySeconds)
        default:
            return mapOpenError(error, path: path)
        }
    }

    /// Runs an SQLite call on `path`, turning its errors into ``CacheError``.
    /// A pool on a file not yet in WAL mode, which the pool switches to WAL. Of several openers
    /// of one new file, one that finds another's connection in the middle of that switch gets
    /// SQLITE_BUSY at once (the switch calls no busy handler): it tries again, for up to
    /// `patience` seconds.
    static func openPool(path: String, configuration: Configuration, patience: Double) throws -> DatabasePool {
        let deadline = Date().addingTimeInterval(patience)
        while true {
            do {
                return try DatabasePool(path: path, configuration: configuration)
            } catch let error as DatabaseError where error.resultCode == .SQLITE_BUSY && Date() < deadline {
                Thread.sleep(forTimeInterval: 0.01)
            }
        }
    }

    static func sqliteCall<T>(_ path: String, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as DatabaseError {
            throw mapOpenError(error, path: path)
        }
    }
}
