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
}

extension CacheError: CustomStringConvertible, LocalizedError {
    public var description: String {
        switch self {
        case .fileNotFound(let path):
            return "No cache file at '\(path)'. Check the path, or open it read-write to create it."
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
        }
    }

    public var errorDescription: String? { description }

    private static func list(_ items: [String]) -> String {
        items.map { "'\($0)'" }.joined(separator: ", ")
    }
}
