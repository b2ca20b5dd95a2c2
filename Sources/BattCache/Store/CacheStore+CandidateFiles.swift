import Foundation
import GRDB

/// What a candidate file held, keyed by the md5 of its bytes, so an unchanged file need not be
/// parsed again. The contents are opaque to the cache: the pipeline writes and reads them.
public struct CandidateFileKey: Sendable, Hashable {
    /// What the file's bytes are known by (batt's pipeline uses their SHA-256).
    public var fileDigest: String
    /// Whatever else decides the file's tasks (its folder, `--task`).
    public var context: String
    /// The parser, checker and normal form that produced the contents.
    public var languageVersion: String

    public init(fileDigest: String, context: String, languageVersion: String) {
        self.fileDigest = fileDigest
        self.context = context
        self.languageVersion = languageVersion
    }
}

extension CacheStore {
    /// The stored contents of each key that has them, its parts joined by line breaks.
    public func candidateFiles(_ keys: [CandidateFileKey]) throws -> [CandidateFileKey: String] {
        var found: [CandidateFileKey: String] = [:]
        for key in Set(keys) {
            var parts: [String] = []
            if try readCandidateFile(key, each: { parts.append($0) }) {
                found[key] = parts.joined(separator: "\n")
            }
        }
        return found
    }

    /// Hands the parts of the record of `key` to `each`, one at a time, in order, all in one read
    /// transaction. - Returns: whether the cache holds a record for `key` (false when the parts
    /// are not all text, numbered from 0 without a gap: not what batt writes).
    @discardableResult
    public func readCandidateFile(_ key: CandidateFileKey, each: (String) throws -> Void) throws -> Bool {
        try read { db in
            let statement = try db.cachedStatement(
                sql: """
                    SELECT part, contents FROM candidate_files
                    WHERE file_digest = ? AND context = ? AND language_version = ?
                    ORDER BY part
                    """)
            let rows = try Row.fetchCursor(statement, arguments: [key.fileDigest, key.context, key.languageVersion])
            var expected: Int64 = 0
            while let row = try rows.next() {
                // Only text is contents batt wrote; anything else (a BLOB, a NULL) is no record.
                guard case .int64(let part) = (row[0] as DatabaseValue).storage, part == expected,
                    case .string(let contents) = (row[1] as DatabaseValue).storage
                else { return false }
                try each(contents)
                expected += 1
            }
            return expected > 0
        }
    }

    /// Stores (or replaces) the contents of candidate files, each in one part, in one transaction.
    public func storeCandidateFiles(_ files: [CandidateFileKey: String], at date: Date = Date()) throws {
        try storeCandidateFileParts(files.mapValues { [$0] }, at: date)
    }

    /// Stores (or replaces) the contents of candidate files, each as its parts in order, in one
    /// transaction.
    public func storeCandidateFileParts(_ files: [CandidateFileKey: [String]], at date: Date = Date()) throws {
        guard !files.isEmpty else { return }
        try writeImmediately("store candidate files", briefly: true) { db in
            let removal = try db.cachedStatement(
                sql: "DELETE FROM candidate_files WHERE file_digest = ? AND context = ? AND language_version = ?")
            let statement = try db.cachedStatement(
                sql: """
                    INSERT INTO candidate_files
                        (file_digest, context, language_version, part, contents, created_at, last_used_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    """)
            for (key, parts) in files {
                try removal.execute(arguments: [key.fileDigest, key.context, key.languageVersion])
                for (part, contents) in parts.enumerated() {
                    try statement.execute(arguments: [
                        key.fileDigest, key.context, key.languageVersion, part, contents,
                        date.timeIntervalSince1970, date.timeIntervalSince1970,
                    ])
                }
            }
        }
    }
}

extension CacheStore {
    /// Forgets what candidate files held (all of it, or that of other language versions), so the
    /// next run parses its files again. Verdicts and solvers are untouched.
    @discardableResult
    public func removeCandidateFiles(keepingLanguageVersion kept: String? = nil) throws -> Int {
        try writeImmediately("remove candidate file records") { db in
            if let kept {
                try db.execute(sql: "DELETE FROM candidate_files WHERE language_version <> ?", arguments: [kept])
            } else {
                try db.execute(sql: "DELETE FROM candidate_files")
            }
            return db.changesCount
        }
    }
}
