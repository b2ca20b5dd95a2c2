import Foundation
import GRDB

extension CacheStore {
    /// Totals, sizes, recent hit rates and the largest tasks, read in one snapshot.
    ///
    /// Each total is one aggregate over an index, so this stays fast on millions of verdicts.
    /// - Parameters:
    ///   - currentSolverVersion: flags that version and counts the others as stale.
    ///   - otherCurrentVersions: versions that are current too (unchanged Python DSLs).
    ///   - recentRuns: how many of the latest runs the hit rates cover.
    ///   - largestTasks: how many tasks to list.
    public func inspect(
        currentSolverVersion: String? = nil, otherCurrentVersions: Set<String> = [], recentRuns: Int = 10,
        largestTasks: Int = 10
    ) throws -> CacheSummary {
        let current = currentSolverVersion.map { otherCurrentVersions.union([$0]) } ?? []
        let files = fileSizes()
        return try read { db in
            var byOutcome: [Outcome: Int] = [:]
            var byVersion: [String: Int] = [:]
            let rows = try Row.fetchCursor(
                db,
                sql: """
                    SELECT solver_version, outcome, count(*) FROM verdicts GROUP BY solver_version, outcome
                    """)
            var damaged = 0
            while let row = try rows.next() {
                let read = RowReader(row, table: "verdicts")
                let count = try read.integer(2, "count(*)", in: 0...Int64.max)
                // A damaged row is counted apart, so inspect still describes the rest; verify lists it.
                guard let version = try? read.text(0, "solver_version"),
                    let outcome = (try? read.text(1, "outcome")).flatMap(Outcome.init(rawValue:))
                else {
                    damaged += count
                    continue
                }
                byOutcome[outcome, default: 0] += count
                byVersion[version, default: 0] += count
            }
            let verdicts = byVersion.values.reduce(0, +) + damaged
            let versions =
                byVersion
                .map {
                    CacheSummary.VersionCount(
                        solverVersion: $0.key, verdicts: $0.value, isCurrent: current.contains($0.key))
                }
                .sorted { ($0.verdicts, $1.solverVersion) > ($1.verdicts, $0.solverVersion) }
            let stale = currentSolverVersion.map { _ in
                verdicts - damaged - current.reduce(0) { $0 + (byVersion[$1] ?? 0) }
            }

            let hitRow = try Row.fetchOne(
                db,
                sql: """
                    SELECT count(*), total(candidates), total(inline_hits), total(inline_misses),
                           total(verdict_hits), total(verdict_misses)
                    FROM (SELECT * FROM runs ORDER BY started_at DESC, id DESC LIMIT ?)
                    """,
                arguments: [recentRuns])
            let hitRates = CacheSummary.HitRates(
                runs: hitRow?[0] ?? 0, candidates: Int(hitRow?[1] ?? 0.0),
                inlineHits: Int(hitRow?[2] ?? 0.0), inlineMisses: Int(hitRow?[3] ?? 0.0),
                verdictHits: Int(hitRow?[4] ?? 0.0), verdictMisses: Int(hitRow?[5] ?? 0.0))

            let tasks = try Row.fetchAll(
                db,
                sql: """
                    SELECT task_id, count(*) AS verdicts, total(outcome = 'correct') FROM verdicts
                    GROUP BY task_id ORDER BY verdicts DESC, task_id LIMIT ?
                    """,
                arguments: [largestTasks]
            ).map { row in
                let read = RowReader(row, table: "verdicts")
                return CacheSummary.TaskCount(
                    taskID: (try? read.text(0, "task_id")) ?? "(damaged: \(RowReader.describe(read.value(0))))",
                    verdicts: try read.integer(1, "count(*)", in: 0...Int64.max),
                    correct: Int(try read.real(2, "total(outcome = 'correct')")))
            }

            return CacheSummary(
                path: path, accessMode: accessMode,
                appliedMigrations: try SchemaMigration.appliedMigrations(db, of: migrations),
                supportedMigrations: migrations.map(\.identifier),
                fileBytes: files.main, walBytes: files.wal,
                pageSize: try Int.fetchOne(db, sql: "PRAGMA page_size") ?? 0,
                pageCount: try Int.fetchOne(db, sql: "PRAGMA page_count") ?? 0,
                freePages: try Int.fetchOne(db, sql: "PRAGMA freelist_count") ?? 0,
                solvers: try Int.fetchOne(db, sql: "SELECT count(*) FROM solvers") ?? 0,
                distinctSolvers: try Int.fetchOne(db, sql: "SELECT count(DISTINCT solver_md5) FROM solvers") ?? 0,
                verdicts: verdicts, verdictsByOutcome: byOutcome, verdictsByVersion: versions,
                staleVerdicts: stale,
                runs: try Int.fetchOne(db, sql: "SELECT count(*) FROM runs") ?? 0,
                recentHitRates: hitRates, largestTasks: tasks, damagedVerdicts: damaged)
        }
    }

    /// The verdicts of a task, best first: correct, then most pairs right, then fastest.
    /// - Parameters:
    ///   - solverVersion: only this version's verdicts; nil for all.
    ///   - limit: at most this many; nil for all.
    public func verdicts(forTask taskID: String, solverVersion: String? = nil, limit: Int? = nil) throws
        -> [VerdictRecord]
    {
        try read { db in
            var sql = "SELECT \(VerdictRecord.columns) FROM verdicts WHERE task_id = ?"
            var arguments: StatementArguments = [taskID]
            if let solverVersion {
                sql += " AND solver_version = ?"
                arguments += [solverVersion]
            }
            sql += """
                 ORDER BY outcome = 'correct' DESC, demo_correct + test_correct DESC,
                          elapsed_seconds, solver_md5, solver_version
                """
            if let limit {
                sql += " LIMIT ?"
                arguments += [limit]
            }
            return try Row.fetchAll(db, sql: sql, arguments: arguments).map(VerdictRecord.init(row:))
        }
    }

    /// A solver's bodies, inlined text and verdicts; nil when the cache knows nothing of it.
    public func solver(md5 solverMD5: String) throws -> SolverDetails? {
        try read { db in
            let bodies = try Row.fetchAll(
                db, sql: "SELECT \(SolverRecord.columns) FROM solvers WHERE solver_md5 = ? ORDER BY body_hash",
                arguments: [solverMD5]
            ).map(SolverRecord.init(row:))
            let verdicts = try Row.fetchAll(
                db,
                sql: """
                    SELECT \(VerdictRecord.columns) FROM verdicts WHERE solver_md5 = ?
                    ORDER BY task_id, task_fingerprint, solver_version
                    """,
                arguments: [solverMD5]
            ).map(VerdictRecord.init(row:))
            if bodies.isEmpty && verdicts.isEmpty { return nil }
            return SolverDetails(solverMD5: solverMD5, bodies: bodies, verdicts: verdicts)
        }
    }

    /// Bytes of the main file and its `-wal`; zeros in memory.
    func fileSizes() -> (main: Int, wal: Int) {
        guard let filePath else { return (0, 0) }
        return ((try? Self.fileSize(filePath)) ?? 0, (try? Self.fileSize(filePath + "-wal")) ?? 0)
    }

    /// The database size as SQLite sees it (pages × page size), whatever is still in the `-wal`.
    static func logicalSize(_ db: Database) throws -> Int {
        let pageCount = try Int.fetchOne(db, sql: "PRAGMA page_count") ?? 0
        let pageSize = try Int.fetchOne(db, sql: "PRAGMA page_size") ?? 0
        return pageCount * pageSize
    }
}
