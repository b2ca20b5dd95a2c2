import Foundation
import GRDB

/// Files left by a write that was killed half-way in rollback-journal mode.
///
/// Caches live in WAL mode, but a file is in rollback mode while it is being created and while
/// an exported snapshot or a seed is switched to WAL; a process killed then leaves a "hot"
/// `-journal`. SQLite restores the last committed state from it on the next read-write open; a
/// read-only connection cannot (`SQLITE_READONLY_ROLLBACK`), and an immutable one would read the
/// half-written pages.
extension CacheStore {
    /// Whether a non-empty `-journal` sits next to the file.
    static func hasJournal(_ path: String) -> Bool {
        ((try? fileSize(path + "-journal")) ?? 0) > 0
    }

    /// Lets SQLite roll back an interrupted transaction in place: a read-write connection does
    /// so on its first read. Failures are left to the checks that follow.
    static func rollBackInterruptedWrite(_ path: String) {
        guard let queue = try? DatabaseQueue(path: path, configuration: configuration(readonly: false)) else { return }
        defer { try? queue.close() }
        _ = try? queue.read { try Int.fetchOne($0, sql: "PRAGMA schema_version") }
    }

    /// Reads a file that has a `-journal` without writing to it: copies both to a private
    /// folder, rolls the copy back there, checks it and opens it read-only.
    static func openRolledBackCopy(
        path: String, migrations: [SchemaMigration], allowingOlderSchema: Bool
    ) throws -> OpenedDatabase {
        let fileManager = FileManager.default
        let folder = fileManager.temporaryDirectory.appendingPathComponent("batt-cache-\(UUID().uuidString)")
        let copy = folder.appendingPathComponent(URL(fileURLWithPath: path).lastPathComponent).path
        do {
            try fileManager.createDirectory(at: folder, withIntermediateDirectories: true)
            TemporaryFiles.shared.register(folder.path)
            try fileManager.copyItem(atPath: path, toPath: copy)
            try fileManager.copyItem(atPath: path + "-journal", toPath: copy + "-journal")
        } catch {
            try? fileManager.removeItem(at: folder)
            throw CacheError.unreadable(
                path: path,
                reason:
                    "it has a -journal left by an interrupted write, and copying it aside to roll it back failed (\(error.localizedDescription))"
            )
        }
        do {
            rollBackInterruptedWrite(copy)
            do {
                _ = try DatabaseFileHeader.read(path: copy, fileSize: try fileSize(copy))
            } catch CacheError.notADatabase(_, let reason) {
                throw CacheError.notADatabase(path: path, reason: reason + ", after rolling back its -journal")
            }
            let queue = try sqliteCall(path) {
                try DatabaseQueue(path: copy, configuration: configuration(readonly: true))
            }
            let state = try sqliteCall(path) {
                try queue.read { try SchemaMigration.state(of: $0, against: migrations) }
            }
            try requireReadableWithoutMigrating(
                state, path: path, migrations: migrations, allowingOlderSchema: allowingOlderSchema)
            return OpenedDatabase(
                writer: queue, accessMode: .privateCopy(path: copy),
                warnings: [
                    "'\(path)' has a -journal left by an interrupted write; it was read from a private copy rolled back to its last committed state. The next read-write open rolls the file itself back."
                ],
                privateCopyFolder: folder)
        } catch {
            try? fileManager.removeItem(at: folder)
            throw error
        }
    }
}
