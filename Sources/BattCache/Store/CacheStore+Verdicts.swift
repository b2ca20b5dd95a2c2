import Foundation
import GRDB

extension CacheStore {
    /// The stored verdicts of the given keys; keys without a verdict, or whose row cannot be
    /// trusted (see ``VerdictLookup/untrusted``), are absent.
    public func verdicts(for keys: [VerdictKey]) throws -> [VerdictKey: VerdictRecord] {
        try lookUpVerdicts(for: keys).found
    }

    /// The stored verdicts of the given keys, and the keys whose rows batt would never have
    /// written (hand-edited, damaged): a caller treats those as unknown and replaces them.
    ///
    /// Keys are grouped by task fingerprint and solver version (a run asks for
    /// many solvers of few tasks), then looked up by chunks of md5s.
    public func lookUpVerdicts(for keys: [VerdictKey]) throws -> VerdictLookup {
        guard !keys.isEmpty else { return VerdictLookup() }
        return try read { db in try Self.fetchVerdicts(db, for: keys) }
    }

    static func fetchVerdicts(_ db: Database, for keys: [VerdictKey]) throws -> VerdictLookup {
        var md5sByGroup: [TaskAndVersion: Set<String>] = [:]
        for key in keys {
            md5sByGroup[TaskAndVersion(key), default: []].insert(key.solverMD5)
        }
        var lookup = VerdictLookup()
        lookup.found.reserveCapacity(keys.count)
        for (group, md5s) in md5sByGroup {
            for chunk in Array(md5s).chunks(of: parametersPerStatement) {
                let statement = try db.cachedStatement(
                    sql: """
                        SELECT \(VerdictRecord.columns) FROM verdicts
                        WHERE task_fingerprint = ? AND solver_version = ?
                          AND solver_md5 IN (\(placeholders(chunk.count)))
                        """)
                var arguments: StatementArguments = [group.taskFingerprint, group.solverVersion]
                arguments += StatementArguments(chunk)
                let rows = try Row.fetchCursor(statement, arguments: arguments)
                while let row = try rows.next() {
                    do {
                        let record = try VerdictRecord(row: row)
                        lookup.found[record.key] = record
                    } catch {
                        // The WHERE clause matched the key columns, so they hold the text asked for.
                        guard case .string(let md5) = (row[0] as DatabaseValue).storage else { continue }
                        lookup.untrusted.insert(
                            VerdictKey(
                                solverMD5: md5, taskFingerprint: group.taskFingerprint,
                                solverVersion: group.solverVersion))
                    }
                }
            }
        }
        return lookup
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
    public var found: [VerdictKey: VerdictRecord] = [:]
    /// Keys whose row holds what batt would never write: to revalidate and replace.
    public var untrusted: Set<VerdictKey> = []

    public init() {}
}
