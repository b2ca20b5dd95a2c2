import Foundation
import GRDB

extension CacheStore {
    /// The fingerprint each known task-file digest decodes to under `decoderVersion`. A row whose
    /// fingerprint is not 32 lowercase hex digits is not one batt wrote: it is left out (its file
    /// is decoded again, and the row replaced).
    public func taskFingerprints(forFileDigests digests: [String], decoderVersion: String) throws -> [String: String] {
        guard !digests.isEmpty else { return [:] }
        return try read { db in
            guard try db.tableExists("task_files") else { return [:] }
            var found: [String: String] = [:]
            found.reserveCapacity(digests.count)
            for chunk in Array(Set(digests)).chunks(of: Self.parametersPerStatement) {
                let statement = try db.cachedStatement(
                    sql: """
                        SELECT file_digest, task_fingerprint FROM task_files
                        WHERE decoder_version = ? AND file_digest IN (\(placeholders(chunk.count)))
                        """)
                var arguments: StatementArguments = [decoderVersion]
                arguments += StatementArguments(chunk)
                let rows = try Row.fetchCursor(statement, arguments: arguments)
                while let row = try rows.next() {
                    guard case .string(let digest) = (row[0] as DatabaseValue).storage,
                        case .string(let fingerprint) = (row[1] as DatabaseValue).storage,
                        Self.isLowercaseMD5(fingerprint)
                    else { continue }
                    found[digest] = fingerprint
                }
            }
            return found
        }
    }

    /// Remembers which fingerprint each task-file digest decodes to, in one transaction.
    public func storeTaskFingerprints(_ fingerprints: [String: String], decoderVersion: String, at date: Date = Date())
        throws
    {
        guard !fingerprints.isEmpty else { return }
        try writeImmediately("store task file fingerprints", briefly: true) { db in
            let statement = try db.cachedStatement(
                sql: """
                    INSERT INTO task_files (file_digest, decoder_version, task_fingerprint, created_at)
                    VALUES (?, ?, ?, ?)
                    ON CONFLICT (file_digest, decoder_version) DO UPDATE SET
                        task_fingerprint = excluded.task_fingerprint
                    """)
            for (digest, fingerprint) in fingerprints {
                try statement.execute(arguments: [digest, decoderVersion, fingerprint, date.timeIntervalSince1970])
            }
        }
    }

    static func isLowercaseMD5(_ text: String) -> Bool {
        text.utf8.count == 32 && text.utf8.allSatisfy { (48...57).contains($0) || (97...102).contains($0) }
    }
}
