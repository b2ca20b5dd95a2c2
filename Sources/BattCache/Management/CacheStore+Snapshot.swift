import Foundation
import GRDB

/// A self-contained copy written by ``CacheStore/export(to:)`` or ``CacheStore/seed(from:to:)``.
public struct SnapshotReport: Sendable, Hashable {
    /// The file written.
    public var path: String
    public var bytes: Int
    public var solvers: Int
    public var verdicts: Int
    public var runs: Int
    /// How the source was read (a read-only source may need `immutable` or a private copy).
    public var sourceAccessMode: CacheStore.AccessMode
    public var warnings: [String]
}

extension CacheStore {
    /// Writes a compact, self-contained snapshot of the cache to a new file `destination`.
    ///
    /// Checkpoints the `-wal` when it can, copies with `VACUUM INTO` (one consistent
    /// read, safe while other processes write), switches the copy to
    /// `journal_mode=DELETE` so it opens read-only from a read-only folder (Kaggle
    /// datasets), and runs `PRAGMA quick_check` on it before moving it into place.
    /// - Throws: ``CacheError/destinationExists(path:)`` rather than overwrite a file.
    public func export(to destination: String) throws -> SnapshotReport {
        if accessMode == .readWrite {
            // Only tidiness: VACUUM INTO reads through the -wal anyway. Another
            // process's long read may keep the checkpoint from completing.
            try? writer.writeWithoutTransaction { db in _ = try db.checkpoint(.truncate) }
        }
        return try writeSnapshot(to: destination)
    }

    /// Starts a missing writable cache at `destination` from a copy of `source`, which may
    /// be read-only, in a read-only folder, and in WAL mode.
    ///
    /// The copy is a `VACUUM INTO` through a read-only connection (falling back to a
    /// private copy or `immutable`, see ``AccessMode``), never a plain file copy that
    /// could miss `-wal` content. The new file is then opened read-write once, which
    /// migrates an older schema.
    public static func seed(from source: String, to destination: String) throws -> SnapshotReport {
        if FileManager.default.fileExists(atPath: destination) {
            throw CacheError.destinationExists(path: destination)
        }
        let sourceStore = try CacheStore(
            path: source, mode: .readOnly, migrations: SchemaMigration.embedded, allowingOlderSchema: true)
        let report = try sourceStore.writeSnapshot(to: destination)
        _ = try CacheStore(path: destination, mode: .readWrite)
        return report
    }

    func writeSnapshot(to destination: String) throws -> SnapshotReport {
        let fileManager = FileManager.default
        for leftover in [destination, destination + "-wal", destination + "-journal"]
        where fileManager.fileExists(atPath: leftover) {
            throw CacheError.destinationExists(path: leftover)
        }
        let destinationURL = URL(fileURLWithPath: destination)
        let folder = destinationURL.deletingLastPathComponent()
        do {
            try fileManager.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw CacheError.notWritable(
                path: destination, reason: "its folder cannot be created (\(error.localizedDescription))")
        }
        guard fileManager.isWritableFile(atPath: folder.path) else {
            throw CacheError.notWritable(path: destination, reason: "its folder '\(folder.path)' is read-only")
        }
        // Copies an interrupted export or seed left here are removed once their process is gone.
        TemporaryFiles.removeStale(in: folder.path)
        let partial = folder.appendingPathComponent(TemporaryFiles.partialName(for: destinationURL.lastPathComponent))
            .path
        TemporaryFiles.shared.register(partial)
        defer {
            for file in [partial, partial + "-journal", partial + "-wal", partial + "-shm"] {
                try? fileManager.removeItem(atPath: file)
            }
            TemporaryFiles.shared.unregister(partial)
        }
        try Self.sqliteCall(displayPath) {
            try writer.unsafeRead { db in try db.execute(sql: "VACUUM INTO ?", arguments: [partial]) }
        }
        var report = try Self.checkSnapshot(at: partial, reportedAs: destination)
        report.sourceAccessMode = accessMode
        report.warnings = warnings
        try Self.moveWithoutReplacing(partial, to: destination)
        return report
    }

    /// Switches a fresh copy to a rollback journal and checks it.
    static func checkSnapshot(at path: String, reportedAs destination: String) throws -> SnapshotReport {
        let queue = try sqliteCall(destination) {
            try DatabaseQueue(path: path, configuration: configuration(readonly: false))
        }
        defer { try? queue.close() }
        return try sqliteCall(destination) {
            try queue.writeWithoutTransaction { db in
                let journalMode = try String.fetchOne(db, sql: "PRAGMA journal_mode = DELETE")
                guard journalMode == "delete" else {
                    throw CacheError.checkFailed(
                        path: destination, details: "journal mode stayed \(journalMode ?? "unknown")")
                }
                let check = try String.fetchAll(db, sql: "PRAGMA quick_check")
                guard check == ["ok"] else {
                    throw CacheError.checkFailed(path: destination, details: check.prefix(5).joined(separator: "; "))
                }
                return SnapshotReport(
                    path: destination, bytes: try logicalSize(db),
                    solvers: try rowCount("solvers", db), verdicts: try rowCount("verdicts", db),
                    runs: try rowCount("runs", db),
                    sourceAccessMode: .readOnly, warnings: [])
            }
        }
    }

    /// Rows of `table`; 0 when an older schema lacks it.
    static func rowCount(_ table: String, _ db: Database) throws -> Int {
        guard try db.tableExists(table) else { return 0 }
        return try Int.fetchOne(db, sql: "SELECT count(*) FROM \(table)") ?? 0
    }

    /// Moves `source` to `destination`, failing if `destination` appeared meanwhile.
    static func moveWithoutReplacing(_ source: String, to destination: String) throws {
        // A hard link refuses an existing name atomically; rename would replace it.
        if link(source, destination) == 0 {
            unlink(source)
            return
        }
        if errno == EEXIST { throw CacheError.destinationExists(path: destination) }
        // File systems without hard links: check, then rename.
        if FileManager.default.fileExists(atPath: destination) {
            throw CacheError.destinationExists(path: destination)
        }
        guard rename(source, destination) == 0 else {
            throw CacheError.notWritable(path: destination, reason: String(cString: strerror(errno)))
        }
    }
}
