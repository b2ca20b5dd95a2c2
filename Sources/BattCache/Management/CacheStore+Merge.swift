import Foundation
import GRDB

/// Rows a merge added, kept (the destination's row won) and replaced, for one table.
public struct MergeCounts: Sendable, Hashable {
    public var added = 0
    public var kept = 0
    public var replaced = 0

    public init(added: Int = 0, kept: Int = 0, replaced: Int = 0) {
        self.added = added
        self.kept = kept
        self.replaced = replaced
    }

    static func += (lhs: inout MergeCounts, rhs: MergeCounts) {
        lhs.added += rhs.added
        lhs.kept += rhs.kept
        lhs.replaced += rhs.replaced
    }
}

/// What ``CacheStore/merge(sources:currentSolverVersion:)`` did.
public struct MergeReport: Sendable, Hashable {
    public var solvers = MergeCounts()
    public var verdicts = MergeCounts()
    public var runs = MergeCounts()
    /// Source verdicts of another solver version, not copied (only when a current version was given).
    public var skippedStaleVerdicts = 0
    /// Source rows batt would never have written (hand-edited, damaged), not copied; by table.
    public var skippedDamagedRows: [String: Int] = [:]
    /// What opening the sources reported (immutable reads, private copies).
    public var warnings: [String] = []
}

extension CacheStore {
    /// Rows read from a source per destination transaction.
    static let mergeBatchSize = 2_000

    /// Merges other cache files into this one.
    ///
    /// Sources are read-only and may sit in read-only folders. For a key present on
    /// both sides one verdict stays, chosen by ``VerdictRecord/isPreferredInMerge(over:)``,
    /// with the larger hit count and the later last use. Solvers rows are unioned
    /// (``SolverRecord`` rule for the same body hash); runs are unioned by uuid.
    /// Each batch is one short transaction, so other processes can keep writing;
    /// merging again is harmless.
    /// - Parameters:
    ///   - sources: cache files; none may be this cache itself or have a newer schema.
    ///   - currentSolverVersion: when given, source verdicts of other versions are skipped,
    ///     since they would never be served.
    public func merge(sources: [String], currentSolverVersion: String? = nil) throws -> MergeReport {
        try requireWritable("merge into it")
        for source in sources where isSameFile(source) {
            throw CacheError.mergeIntoItself(path: source)
        }
        // Open every source before writing anything, so a bad one refuses the whole merge.
        let stores = try sources.map { try CacheStore(path: $0, mode: .readOnly) }
        var report = MergeReport()
        for store in stores {
            report.warnings += store.warnings
            var damaged: [String: Int] = [:]
            report.verdicts += try mergeVerdicts(
                from: store, currentSolverVersion, &report.skippedStaleVerdicts, &damaged["verdicts", default: 0])
            report.solvers += try mergeSolvers(from: store, &damaged["solvers", default: 0])
            report.runs += try mergeRuns(from: store, &damaged["runs", default: 0])
            for (table, count) in damaged.sorted(by: { $0.key < $1.key }) where count > 0 {
                report.skippedDamagedRows[table, default: 0] += count
                report.warnings.append(
                    "'\(store.displayPath)': \(count) damaged row\(count == 1 ? "" : "s") of table '\(table)' not copied (run 'batt cache verify --cache \(store.displayPath)' to see them)"
                )
            }
        }
        return report
    }

    private func mergeVerdicts(
        from source: CacheStore, _ currentSolverVersion: String?, _ skippedStale: inout Int, _ damaged: inout Int
    ) throws -> MergeCounts {
        var counts = MergeCounts()
        var lastID: Int64 = 0
        while true {
            let (rows, nextID, read) = try source.read { db in
                // id last: VerdictRecord(row:) reads the leading columns.
                let rows = try Row.fetchAll(
                    db,
                    sql: "SELECT \(VerdictRecord.columns), id FROM verdicts WHERE id > ? ORDER BY id LIMIT ?",
                    arguments: [lastID, Self.mergeBatchSize])
                let lastID = rows.last.flatMap { Int64.fromDatabaseValue($0[17] as DatabaseValue) }
                return (rows.compactMap { try? VerdictRecord(row: $0) }, lastID, rows.count)
            }
            guard let nextID else { return counts }
            lastID = nextID
            damaged += read - rows.count
            var incoming = rows
            if let currentSolverVersion {
                incoming = rows.filter { $0.key.solverVersion == currentSolverVersion }
                skippedStale += rows.count - incoming.count
            }
            guard !incoming.isEmpty else { continue }
            counts += try writeImmediately("merge verdicts") { db in
                var batch = MergeCounts()
                let existing = try Self.fetchRecords(db, for: incoming.map(\.key))
                var writes: [VerdictRecord] = []
                for verdict in incoming {
                    guard let current = existing[verdict.key] else {
                        batch.added += 1
                        writes.append(verdict)
                        continue
                    }
                    let merged = current.merged(with: verdict)
                    if verdict.isPreferredInMerge(over: current) { batch.replaced += 1 } else { batch.kept += 1 }
                    if merged != current { writes.append(merged) }
                }
                try Self.replace(writes, db)
                return batch
            }
        }
    }

    private func mergeSolvers(from source: CacheStore, _ damaged: inout Int) throws -> MergeCounts {
        var counts = MergeCounts()
        // Rows whose body hash is not text sort apart in SQLite: count them once, here.
        damaged += try source.read { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM solvers WHERE typeof(body_hash) <> 'text'") ?? 0
        }
        var lastBodyHash = ""
        while true {
            let (rows, last, read) = try source.read { db in
                let rows = try Row.fetchAll(
                    db,
                    sql: """
                        SELECT \(SolverRecord.columns) FROM solvers
                        WHERE typeof(body_hash) = 'text' AND body_hash > ? ORDER BY body_hash LIMIT ?
                        """,
                    arguments: [lastBodyHash, Self.mergeBatchSize])
                let last = rows.last.flatMap { String.fromDatabaseValue($0[0] as DatabaseValue) }
                return (rows.compactMap { try? SolverRecord(row: $0) }, last, rows.count)
            }
            guard let last else { return counts }
            lastBodyHash = last
            damaged += read - rows.count
            guard !rows.isEmpty else { continue }
            counts += try writeImmediately("merge solvers") { db in
                var batch = MergeCounts()
                let existing = try Self.fetchSolvers(db, forBodyHashes: rows.map(\.bodyHash))
                let statement = try db.cachedStatement(
                    sql: "INSERT OR REPLACE INTO solvers (\(SolverRecord.columns)) VALUES (?, ?, ?, ?, ?, ?)")
                for solver in rows {
                    if let current = existing[solver.bodyHash] {
                        guard solver.isPreferredInMerge(over: current) else {
                            batch.kept += 1
                            continue
                        }
                        batch.replaced += 1
                    } else {
                        batch.added += 1
                    }
                    try statement.execute(arguments: solver.databaseArguments)
                }
                return batch
            }
        }
    }

    private func mergeRuns(from source: CacheStore, _ damaged: inout Int) throws -> MergeCounts {
        let rows = try source.read { db in
            try Row.fetchAll(db, sql: "SELECT \(RunRecord.columns) FROM runs ORDER BY id")
        }
        let runs = rows.compactMap { try? RunRecord(row: $0) }
        damaged += rows.count - runs.count
        guard !runs.isEmpty else { return MergeCounts() }
        return try writeImmediately("merge runs") { db in
            var counts = MergeCounts()
            let statement = try db.cachedStatement(
                sql:
                    "INSERT OR IGNORE INTO runs (\(RunRecord.insertedColumns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
            )
            for run in runs {
                try statement.execute(arguments: try run.databaseArguments())
                if db.changesCount > 0 { counts.added += 1 } else { counts.kept += 1 }
            }
            return counts
        }
    }

    /// Writes whole verdict rows as given (hit counts included), inserting or replacing by key.
    static func replace(_ verdicts: [VerdictRecord], _ db: Database) throws {
        let statement = try db.cachedStatement(
            sql: """
                INSERT INTO verdicts (\(VerdictRecord.columns))
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (solver_md5, task_fingerprint, solver_version) DO UPDATE SET
                    task_id = excluded.task_id, outcome = excluded.outcome,
                    pair_results = excluded.pair_results, demo_correct = excluded.demo_correct,
                    demo_count = excluded.demo_count, test_correct = excluded.test_correct,
                    test_count = excluded.test_count, elapsed_seconds = excluded.elapsed_seconds,
                    time_limit_seconds = excluded.time_limit_seconds, budget = excluded.budget,
                    error_message = excluded.error_message,
                    created_at = excluded.created_at, last_used_at = excluded.last_used_at,
                    hit_count = excluded.hit_count
                """)
        for verdict in verdicts {
            try statement.execute(arguments: verdict.databaseArguments)
        }
    }

    /// Whether `other` names this store's file (same device and inode, whatever the path spelling).
    func isSameFile(_ other: String) -> Bool {
        guard let path else { return false }
        var mine = stat()
        var theirs = stat()
        if stat(path, &mine) == 0, stat(other, &theirs) == 0 {
            return mine.st_dev == theirs.st_dev && mine.st_ino == theirs.st_ino
        }
        let resolve = { (path: String) in URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
        }
        return resolve(path) == resolve(other)
    }
}
