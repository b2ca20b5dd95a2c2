import Foundation

/// Why the cache refused or failed an operation. Messages quote the path and say what to do.
public enum CacheError: Error, Sendable, Equatable {
    /// No file at `path` (read-only opens and sources must exist).
    case fileNotFound(path: String)
    /// The path names a folder, not a file.
    case isDirectory(path: String)
    /// The file or its folder cannot be read.
    case unreadable(path: String, reason: String)
    /// A read-write open needs to write the file and its folder (for `-wal`/`-shm`).
    case notWritable(path: String, reason: String)
    /// The file is not an SQLite database, or is truncated or damaged.
    case notADatabase(path: String, reason: String)
    /// An SQLite database, but not a batt cache (it has other tables).
    case notACache(path: String)
    /// The file records schema migrations this binary does not know.
    case newerSchema(path: String, unknown: [String], supported: [String])
    /// A read-only open of a file whose schema predates this binary's.
    case olderSchemaReadOnly(path: String, applied: [String], supported: [String])
    /// A write on a store opened read-only.
    case readOnly(path: String, operation: String)
    /// The destination of an export or seed already exists.
    case destinationExists(path: String)
    /// Merge sources include the destination itself.
    case mergeIntoItself(path: String)
    /// Options that contradict each other or lack a value.
    case invalidOptions(String)
    /// A written snapshot failed its check.
    case checkFailed(path: String, details: String)
    /// A row that the schema's constraints should have prevented.
    case invalidRow(table: String, reason: String)
    /// SQLite failed on the file.
    case sqlite(path: String, message: String)
    /// SQLite found the file damaged while working on it.
    case damaged(path: String, reason: String)
    /// The disk (or the file system's quota) is full: a write did not happen.
    case diskFull(path: String, operation: String)
    /// Another process held the write lock for longer than the busy timeout.
    case locked(path: String, operation: String, seconds: Double)
    /// The path names something other than a regular file: a FIFO, a device, a socket.
    case notARegularFile(path: String, kind: String)
    /// The file has several hard links; SQLite would keep a separate -wal per name.
    case hardLinked(path: String, links: Int)
    /// No file at `path`, and none can be created there.
    case cannotCreate(path: String, reason: String)
    /// The cache path is the empty string.
    case emptyPath
}

extension CacheError: CustomStringConvertible, LocalizedError {
    public var description: String {
        switch self {
        case .fileNotFound(let path):
            return
                "No cache file at '\(path)'. Check the path; only 'batt run' (and 'batt cache merge --into') create a missing cache."
        case .isDirectory(let path):
            return "'\(path)' is a folder; give the path of a cache file inside it (e.g. '\(path)/batt-cache.sqlite')."
        case .unreadable(let path, let reason):
            return "Cannot read the cache '\(path)': \(reason). Fix its permissions or choose another file."
        case .notWritable(let path, let reason):
            return
                "Cannot write the cache '\(path)': \(reason). Open it read-only, or start a writable copy elsewhere with --seed '\(path)'."
        case .notADatabase(let path, let reason):
            return
                "'\(path)' is not a usable SQLite cache (\(reason)). It was left untouched; move it aside or point --cache to another file."
        case .notACache(let path):
            return
                "'\(path)' is an SQLite database but not a batt cache (it has other tables). It was left untouched; point --cache to another file."
        case .newerSchema(let path, let unknown, let supported):
            return
                "The cache '\(path)' was written by a newer batt: it has schema migrations \(Self.list(unknown)) but this batt supports only up to \(supported.last ?? "none"). It was left untouched; upgrade batt to use it."
        case .olderSchemaReadOnly(let path, let applied, _) where applied.isEmpty:
            return
                "The cache '\(path)' has no batt schema yet and was opened read-only. Open it read-write to initialise it."
        case .olderSchemaReadOnly(let path, let applied, let supported):
            return
                "The cache '\(path)' has an older schema (up to \(applied.last ?? "none"); this batt needs \(supported.last ?? "none")) and was opened read-only, so it cannot be upgraded. Open it read-write once, or seed a writable copy with --seed '\(path)'."
        case .readOnly(let path, let operation):
            return
                "Cannot \(operation): the cache '\(path)' is open read-only. Open it read-write, or seed a writable copy."
        case .destinationExists(let path):
            return "'\(path)' already exists; choose a new file name or remove it first."
        case .mergeIntoItself(let path):
            return "Cannot merge '\(path)' into itself; list it only as the destination."
        case .invalidOptions(let message):
            return message
        case .checkFailed(let path, let details):
            return
                "The written cache '\(path)' failed its check (\(details)); it was removed. Run 'batt cache verify' on the source."
        case .invalidRow(let table, let reason):
            return
                "The cache has an invalid row in table '\(table)' (\(reason)). Run 'batt cache verify', and prune or rebuild the cache."
        case .sqlite(let path, let message):
            return "SQLite failed on the cache '\(path)': \(message)"
        case .damaged(let path, let reason):
            return
                "The cache '\(path)' is damaged (\(reason)). Run 'batt cache verify --cache \(path)' to see what is wrong, then move it aside and start a new cache, or merge what an export of it saves."
        case .diskFull(let path, let operation):
            return
                "The disk holding the cache '\(path)' is full: could not \(operation). Free some space (or prune the cache with 'batt cache prune --max-size'), then run again."
        case .locked(let path, let operation, let seconds):
            return
                "Could not \(operation): another process held the write lock of the cache '\(path)' for more than \(Self.seconds(seconds)). Run again when it has finished."
        case .notARegularFile(let path, let kind):
            return
                "'\(path)' is \(kind), not a regular file; a cache must be a regular file (or a path where none exists yet). Point --cache to a file."
        case .hardLinked(let path, let links):
            return
                "'\(path)' has \(links) hard links: SQLite keeps a -wal and locks per name, so two names of one cache used at once corrupt it. Keep one name (remove the other links, or copy it with 'batt cache export') and use that."
        case .cannotCreate(let path, let reason):
            return
                "No cache file at '\(path)', and none can be created there: \(reason). Point --cache to a file in a writable folder, or pass --no-cache."
        case .emptyPath:
            return
                "The cache path is empty: give --cache (or $BATT_CACHE) a file name, or pass --no-cache to run without one."
        }
    }

    public var errorDescription: String? { description }

    private static func seconds(_ value: Double) -> String {
        value == value.rounded() ? "\(Int(value)) s" : "\(value) s"
    }

    private static func list(_ items: [String]) -> String {
        items.map { "'\($0)'" }.joined(separator: ", ")
    }
}
