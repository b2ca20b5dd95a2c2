import Foundation
import GRDB

extension CacheStore {
    /// Stores a run's statistics; recording a run of the same uuid again updates it.
    /// - Returns: the run's id in this cache.
    @discardableResult
    public func record(run: RunRecord) throws -> Int64 {
        let arguments = try run.databaseArguments()
        return try writeImmediately("record a run", briefly: true) { db in
            try db.execute(
                sql: """
                    INSERT INTO runs (\(RunRecord.insertedColumns))
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (run_uuid) DO UPDATE SET
                        started_at = excluded.started_at, finished_at = excluded.finished_at,
                        solver_version = excluded.solver_version, candidates = excluded.candidates,
                        unique_bodies = excluded.unique_bodies, inline_hits = excluded.inline_hits,
                        inline_misses = excluded.inline_misses, verdict_hits = excluded.verdict_hits,
                        verdict_misses = excluded.verdict_misses, validated = excluded.validated,
                        phase_seconds = excluded.phase_seconds
                    """,
                arguments: arguments)
            guard
                let id = try Int64.fetchOne(
                    db, sql: "SELECT id FROM runs WHERE run_uuid = ?", arguments: [run.databaseUUID]
                )
            else {
                throw CacheError.sqlite(path: displayPath, message: "run \(run.uuid) vanished after insert")
            }
            return id
        }
    }

    /// The most recent runs, newest first.
    public func recentRuns(limit: Int = 10) throws -> [RunRecord] {
        try read { db in
            try Row.fetchAll(
                db, sql: "SELECT \(RunRecord.columns) FROM runs ORDER BY started_at DESC, id DESC LIMIT ?",
                arguments: [limit]
            ).map(RunRecord.init(row:))
        }
    }
}
