import Foundation
import GRDB
import GRDBSQLite

extension CacheStore {
    /// The stored verdicts of the given keys; keys without a verdict, or whose row cannot be
    /// trusted, are absent.
    public func verdicts(for keys: [VerdictKey]) throws -> [VerdictKey: VerdictRecord] {
        guard !keys.isEmpty else { return [:] }
        return try read { db in try Self.fetchRecords(db, for: keys) }
    }

    /// The whole rows of the given keys that batt could have written.
    static func fetchRecords(_ db: Database, for keys: [VerdictKey]) throws -> [VerdictKey: VerdictRecord] {
        var found: [VerdictKey: VerdictRecord] = [:]
        for chunk in keys.chunks(of: parametersPerStatement / 3) {
            let rows = try Row.fetchCursor(
                db,
                sql: """
                    WITH wanted(md5, fingerprint, version) AS (VALUES \(tuplePlaceholders(chunk.count, width: 3)))
                    SELECT \(VerdictRecord.columns(prefix: "v.")) FROM wanted CROSS JOIN verdicts AS v
                    ON v.solver_md5 = wanted.md5 AND v.task_fingerprint = wanted.fingerprint
                      AND v.solver_version = wanted.version
                    """,
                arguments: StatementArguments(chunk.flatMap { [$0.solverMD5, $0.taskFingerprint, $0.solverVersion] }))
            while let row = try rows.next() {
                if let record = try? VerdictRecord(row: row) { found[record.key] = record }
            }
        }
        return found
    }

    /// What a run needs of the stored verdicts of the given keys, and the keys whose rows batt
    /// would never have written (hand-edited, damaged): a caller treats those as unknown and
    /// replaces them.
    ///
    /// Keys are looked up by chunks, each one statement that probes the key index once per key (a
    /// run asks for thousands of solvers over hundreds of tasks: a statement per task would be
    /// hundreds), and only the columns a verdict is served from are decoded; the others are
    /// checked by SQLite, so a row damaged anywhere is still found out.
    public func lookUpVerdicts(for keys: [VerdictKey]) throws -> VerdictLookup {
        guard !keys.isEmpty else { return VerdictLookup() }
        return try read { db in try Self.fetchVerdicts(db, for: keys) }
    }

    static func fetchVerdicts(_ db: Database, for keys: [VerdictKey]) throws -> VerdictLookup {
        var lookup = VerdictLookup()
        lookup.found.reserveCapacity(keys.count)
        // Thousands of keys: bound and stepped through SQLite's own interface, as GRDB's
        // per-statement argument checks cost more here than the lookups themselves.
        var statements: [Int: SQLiteStatement] = [:]
        defer { for statement in statements.values { sqlite3_finalize(statement) } }
        for chunk in Array(keys.indices).chunks(of: parametersPerStatement / 4) {
            let statement: SQLiteStatement
            if let prepared = statements[chunk.count] {
                statement = prepared
            } else {
                statement = try prepare(
                    db,
                    """
                    WITH wanted(k, md5, fingerprint, version) AS (VALUES \(tuplePlaceholders(chunk.count, width: 4)))
                    SELECT wanted.k, \(StoredVerdict.columns(prefix: "v.")), \(StoredVerdict.otherColumnsSound(prefix: "v."))
                    FROM wanted CROSS JOIN verdicts AS v
                    ON v.solver_md5 = wanted.md5 AND v.task_fingerprint = wanted.fingerprint
                      AND v.solver_version = wanted.version
                    """)
                statements[chunk.count] = statement
            }
            sqlite3_reset(statement)
            for (offset, k) in chunk.enumerated() {
                let first = CInt(offset * 4 + 1)
                sqlite3_bind_int64(statement, first, Int64(k))
                bindText(keys[k].solverMD5, to: statement, at: first + 1)
                bindText(keys[k].taskFingerprint, to: statement, at: first + 2)
                bindText(keys[k].solverVersion, to: statement, at: first + 3)
            }
            while true {
                let code = sqlite3_step(statement)
                if code == SQLITE_DONE { break }
                guard code == SQLITE_ROW else {
                    throw DatabaseError(resultCode: ResultCode(rawValue: code), message: db.lastErrorMessage)
                }
                let read = RowReader(statement: statement, table: "verdicts")
                guard let k = try? read.integer(0, "k", in: 0...Int64(keys.count - 1)) else { continue }
                do {
                    lookup.found[keys[k]] = try StoredVerdict(read)
                } catch {
                    lookup.untrusted.insert(keys[k])
                }
            }
        }
        return lookup
    }

    private static func prepare(_ db: Database, _ sql: String) throws -> SQLiteStatement {
        var statement: SQLiteStatement?
        let code = sqlite3_prepare_v2(db.sqliteConnection, sql, -1, &statement, nil)
        guard code == SQLITE_OK, let statement else {
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: db.lastErrorMessage, sql: sql)
        }
        return statement
    }

    private static func bindText(_ text: String, to statement: SQLiteStatement, at index: CInt) {
        // SQLITE_TRANSIENT: SQLite copies the text before `withCString` lets go of it.
        let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
        _ = text.withCString { sqlite3_bind_text(statement, index, $0, -1, transient) }
    }

    /// Stores verdicts in one transaction, replacing those of the same key.
    ///
    /// A replaced row keeps its hit count (plus the new row's) and the later `lastUsedAt`.
    /// - Returns: how many rows were inserted or replaced.
    @discardableResult
    public func insert(verdicts: [VerdictRecord]) throws -> Int {
        guard !verdicts.isEmpty else { return 0 }
        return try writeImmediately("store verdicts") { db in
            try Self.upsert(verdicts, db)
            return verdicts.count
        }
    }

    static func upsert(_ verdicts: [VerdictRecord], _ db: Database) throws {
        let statement = try db.cachedStatement(sql: upsertVerdictSQL)
        for verdict in verdicts {
            try statement.execute(arguments: verdict.databaseArguments)
        }
    }

    static let upsertVerdictSQL = """
        INSERT INTO verdicts (\(VerdictRecord.columns))
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        ON CONFLICT (solver_md5, task_fingerprint, solver_version) DO UPDATE SET
            task_id = excluded.task_id,
            outcome = excluded.outcome,
            pair_results = excluded.pair_results,
            demo_correct = excluded.demo_correct,
            demo_count = excluded.demo_count,
            test_correct = excluded.test_correct,
            test_count = excluded.test_count,
            elapsed_seconds = excluded.elapsed_seconds,
            time_limit_seconds = excluded.time_limit_seconds,
            budget = excluded.budget,
            error_message = excluded.error_message,
            created_at = excluded.created_at,
            -- The row replaced may be a damaged one: keep only what it holds that batt could have written.
            last_used_at = max(
                CASE WHEN typeof(verdicts.last_used_at) IN ('real', 'integer') AND verdicts.last_used_at >= 0
                     THEN verdicts.last_used_at ELSE 0 END,
                excluded.last_used_at),
            hit_count = CASE WHEN typeof(verdicts.hit_count) = 'integer' AND verdicts.hit_count BETWEEN 0 AND 2147483647
                             THEN verdicts.hit_count ELSE 0 END + excluded.hit_count
        """

    /// Records that a run was served these verdicts: `lastUsedAt` moves to
    /// `date` (never back) and the hit count grows by one.
    /// - Returns: how many of the keys had a verdict.
    @discardableResult
    ///
    /// With a `granularity`, a verdict last used less than that many seconds before `date` is left
    /// as it is (as relatime treats access times), so runs in quick succession do not rewrite
    /// every verdict they read.
    public func markUsed(keys: [VerdictKey], at date: Date = Date(), granularity: TimeInterval = 0) throws -> Int {
        guard !keys.isEmpty else { return 0 }
        var md5sByGroup: [TaskAndVersion: [String]] = [:]
        for key in keys { md5sByGroup[TaskAndVersion(key), default: []].append(key.solverMD5) }
        return try writeImmediately("mark verdicts used", briefly: true) { db in
            var updated = 0
            // One statement per task and version, as the lookup reads them.
            for (group, md5s) in md5sByGroup {
                for chunk in Array(Set(md5s)).chunks(of: Self.parametersPerStatement) {
                    let statement = try db.cachedStatement(
                        sql: """
                            UPDATE verdicts SET last_used_at = max(last_used_at, ?), hit_count = hit_count + 1
                            WHERE (? OR last_used_at <= ?) AND task_fingerprint = ? AND solver_version = ?
                              AND solver_md5 IN (\(placeholders(chunk.count)))
                            """)
                    var arguments: StatementArguments = [
                        date.timeIntervalSince1970, granularity <= 0, date.timeIntervalSince1970 - granularity,
                        group.taskFingerprint, group.solverVersion,
                    ]
                    arguments += StatementArguments(chunk)
                    try statement.execute(arguments: arguments)
                    updated += db.changesCount
                }
            }
            return updated
        }
    }

    /// How many verdicts belong to solver versions other than `currentVersion` and `alsoCurrent`.
    public func staleVerdictCount(currentVersion: String, alsoCurrent: Set<String> = []) throws -> Int {
        let kept = [currentVersion] + alsoCurrent.subtracting([currentVersion]).sorted()
        return try read { db in
            try Int.fetchOne(
                db,
                sql: "SELECT count(*) FROM verdicts WHERE solver_version NOT IN (\(placeholders(kept.count)))",
                arguments: StatementArguments(kept)) ?? 0
        }
    }

    /// How many verdicts the cache holds.
    public func verdictCount() throws -> Int {
        try read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM verdicts") ?? 0 }
    }
}

private struct TaskAndVersion: Hashable {
    var taskFingerprint: String
    var solverVersion: String

    init(_ key: VerdictKey) {
        taskFingerprint = key.taskFingerprint
        solverVersion = key.solverVersion
    }
}

/// What ``CacheStore/lookUpVerdicts(for:)`` found.
public struct VerdictLookup: Sendable {
    /// The verdicts that can be served.
    public var found: [VerdictKey: StoredVerdict] = [:]
    /// Keys whose row holds what batt would never write: to revalidate and replace.
    public var untrusted: Set<VerdictKey> = []

    public init() {}
}
