import Foundation
import GRDB

/// What a candidate file held, keyed by the md5 of its bytes, so an unchanged file need not be
/// parsed again. The contents are opaque to the cache: the pipeline writes and reads them.
public struct CandidateFileKey: Sendable, Hashable {
    /// md5 of the file's bytes.
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
    /// The stored contents of each key that has them.
    public func candidateFiles(_ keys: [CandidateFileKey]) throws -> [CandidateFileKey: String] {
        guard !keys.isEmpty else { return [:] }
        return try read { db in
            let statement = try db.cachedStatement(
                sql: """
                    SELECT contents FROM candidate_files
                    WHERE file_digest = ? AND context = ? AND language_version = ?
                    """)
            var found: [CandidateFileKey: String] = [:]
            for key in Set(keys) {
                // Only text is contents batt wrote; anything else (a BLOB, a NULL) is no record.
                let value = try DatabaseValue.fetchOne(
                    statement, arguments: [key.fileDigest, key.context, key.languageVersion])
                if case .string(let contents)? = value?.storage {
                    found[key] = contents
                }
            }
            return found
        }
    }

    /// Stores (or replaces) the contents of candidate files, in one transaction.
    public func storeCandidateFiles(_ files: [CandidateFileKey: String], at date: Date = Date()) throws {
        guard !files.isEmpty else { return }
        try writeImmediately("store candidate files", briefly: true) { db in
            let statement = try db.cachedStatement(
                sql: """
                    INSERT INTO candidate_files
                        (file_digest, context, language_version, contents, created_at, last_used_at)
                    VALUES (?, ?, ?, ?, ?, ?)
                    ON CONFLICT (file_digest, context, language_version) DO UPDATE SET
                        contents = excluded.contents, last_used_at = excluded.last_used_at
                    """)
            for (key, contents) in files {
                try statement.execute(arguments: [
                    key.fileDigest, key.context, key.languageVersion, contents,
                    date.timeIntervalSince1970, date.timeIntervalSince1970,
                ])
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
