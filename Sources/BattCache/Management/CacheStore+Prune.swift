import Foundation
import GRDB

extension CacheStore {
    /// Removes verdicts by criteria and size ceiling, the solvers rows no verdict refers
    /// to any more, then vacuums so the file shrinks.
    ///
    /// A dry run performs the same prune on a private snapshot (a `VACUUM INTO`
    /// copy in the temporary folder, needing as much space as the vacuumed cache),
    /// so its report — counts, keys, sizes — is exactly what a real run would do
    /// to the same content. A dry run works on read-only caches too.
    public func prune(_ options: PruneOptions) throws -> PruneReport {
        if options.stale && options.currentSolverVersion == nil {
            throw CacheError.invalidOptions("Pruning stale verdicts needs the current solver version.")
        }
        if let maxSize = options.maxSizeBytes, maxSize < 0 {
            throw CacheError.invalidOptions("The size ceiling must not be negative (got \(maxSize) bytes).")
        }
        let bytesBefore = try read { try Self.logicalSize($0) }
        var report: PruneReport
        if options.dryRun {
            let folder = FileManager.default.temporaryDirectory
                .appendingPathComponent("batt-prune-\(UUID().uuidString)")
            TemporaryFiles.shared.register(folder.path)
            defer {
                try? FileManager.default.removeItem(at: folder)
                TemporaryFiles.shared.unregister(folder.path)
            }
            let snapshotPath = folder.appendingPathComponent("snapshot.sqlite").path
            _ = try writeSnapshot(to: snapshotPath)
            let snapshot = try CacheStore(path: snapshotPath, mode: .readWrite, migrations: migrations)
            report = try snapshot.performPrune(options)
            report.dryRun = true
        } else {
            try requireWritable("prune")
            report = try performPrune(options)
        }
        report.bytesBefore = bytesBefore
        return report
    }

    private func performPrune(_ options: PruneOptions) throws -> PruneReport {
        var report = PruneReport(dryRun: false)
        if options.hasSelectionCriteria {
            let (condition, arguments) = selection(options)
            report.verdictsSelected = try removeVerdicts(
                "SELECT id, solver_md5 FROM verdicts WHERE \(condition) ORDER BY last_used_at, id",
                arguments, into: &report, listing: options.listedKeysLimit)
        }
        if options.orphans {
            report.orphanSolversRemoved += try removeOrphanSolvers()
        }
        try vacuum()
        var size = try read { try Self.logicalSize($0) }

        if let maxSize = options.maxSizeBytes {
            // Solver bodies no verdict refers to (left by a killed run or a full disk) go first.
            if size > maxSize, try removeOrphanSolvers(into: &report) > 0 {
                try vacuum()
                size = try read { try Self.logicalSize($0) }
            }
            if size > maxSize {
                // The fewest least-recently-used verdicts whose eviction makes the vacuumed file
                // fit, found by bisection, each step measured on a scratch copy: sizes after a
                // vacuum are exact, estimates of them are not.
                let count = try verdictCount()
                let evicted = try fewestEvictionsToFit(maxSize, of: count) ?? count
                report.verdictsEvicted += try removeVerdicts(
                    "SELECT id, solver_md5 FROM verdicts ORDER BY last_used_at, id LIMIT ?",
                    [evicted], into: &report, listing: options.listedKeysLimit)
                try vacuum()
                size = try read { try Self.logicalSize($0) }
            }
            report.fitsMaxSize = size <= maxSize
        }
        report.bytesAfter = size
        return report
    }

    /// The smallest number of least-recently-used verdicts whose eviction makes the vacuumed
    /// file at most `maxSize` bytes; nil when evicting all `count` does not.
    private func fewestEvictionsToFit(_ maxSize: Int, of count: Int) throws -> Int? {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("batt-prune-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        TemporaryFiles.shared.register(folder.path)
        defer {
            try? FileManager.default.removeItem(at: folder)
            TemporaryFiles.shared.unregister(folder.path)
        }
        var probes = 0
        func fits(evicting evicted: Int) throws -> Bool {
            probes += 1
            let probe = folder.appendingPathComponent("probe-\(probes).sqlite").path
            defer { try? FileManager.default.removeItem(atPath: probe) }
            try Self.sqliteCall(displayPath) {
                try writer.unsafeRead { db in try db.execute(sql: "VACUUM INTO ?", arguments: [probe]) }
            }
            let queue = try Self.sqliteCall(probe) {
                try DatabaseQueue(path: probe, configuration: Self.configuration(readonly: false))
            }
            defer { try? queue.close() }
            return try Self.sqliteCall(probe) {
                try queue.writeWithoutTransaction { db in
                    try db.execute(
                        sql: """
                            DELETE FROM verdicts WHERE id IN (SELECT id FROM verdicts ORDER BY last_used_at, id LIMIT ?);
                            DELETE FROM solvers WHERE NOT EXISTS
                                (SELECT 1 FROM verdicts v WHERE v.solver_md5 = solvers.solver_md5);
                            DELETE FROM candidate_files;
                            """, arguments: [evicted])
                    try db.execute(sql: "VACUUM")
                    return try Self.logicalSize(db) <= maxSize
                }
            }
        }
        guard try fits(evicting: count) else { return nil }
        var (low, high) = (0, count)  // evicting `low` does not fit; evicting `high` does
        while high - low > 1 {
            let middle = low + (high - low) / 2
            if try fits(evicting: middle) { high = middle } else { low = middle }
        }
        return high
    }

    /// Deletes the solvers rows whose solver no verdict refers to.
    /// - Returns: how many went.
    @discardableResult
    private func removeOrphanSolvers(into report: inout PruneReport) throws -> Int {
        let removed = try removeOrphanSolvers()
        report.orphanSolversRemoved += removed
        return removed
    }

    private func removeOrphanSolvers() throws -> Int {
        try writeImmediately("prune") { db in
            try db.execute(
                sql: """
                    DELETE FROM solvers WHERE NOT EXISTS
                        (SELECT 1 FROM verdicts v WHERE v.solver_md5 = solvers.solver_md5)
                    """)
            let removed = db.changesCount
            // Direct-mode records name the solvers of their bodies: parse those files again.
            if removed > 0 { try db.execute(sql: "DELETE FROM candidate_files") }
            return removed
        }
    }

    /// The SQL condition and arguments of the selection criteria.
    private func selection(_ options: PruneOptions) -> (String, StatementArguments) {
        var conditions: [String] = []
        var arguments: StatementArguments = []
        if options.stale, let current = options.currentSolverVersion {
            let kept = [current] + options.otherCurrentVersions.subtracting([current]).sorted()
            conditions.append("solver_version NOT IN (\(placeholders(kept.count)))")
            arguments += StatementArguments(kept)
        }
        if let unusedFor = options.unusedFor {
            let seconds = Double(unusedFor.components.seconds) + Double(unusedFor.components.attoseconds) / 1e18
            conditions.append("last_used_at < ?")
            arguments += [options.now.timeIntervalSince1970 - seconds]
        }
        if !options.outcomes.isEmpty {
            let outcomes = options.outcomes.map(\.rawValue).sorted()
            conditions.append("outcome IN (\(placeholders(outcomes.count)))")
            arguments += StatementArguments(outcomes)
        }
        if !options.taskIDs.isEmpty {
            // A temp table would avoid the variable limit; task lists typed on a command line stay small.
            let tasks = options.taskIDs.sorted()
            conditions.append("task_id IN (\(placeholders(tasks.count)))")
            arguments += StatementArguments(tasks)
        }
        return (conditions.joined(separator: " AND "), arguments)
    }

    /// Deletes the verdicts `selectSQL` returns (`id, solver_md5`), then the solvers rows
    /// of their solvers that no verdict refers to any more, in one transaction.
    /// - Returns: how many verdicts went.
    private func removeVerdicts(
        _ selectSQL: String, _ arguments: StatementArguments, into report: inout PruneReport, listing limit: Int
    ) throws -> Int {
        let alreadyListed = report.removedKeys.count
        let (removed, solvers, byOutcome, byVersion, keys) = try writeImmediately("prune") { db in
            try db.execute(
                sql: """
                    CREATE TEMP TABLE IF NOT EXISTS pruned (id INTEGER PRIMARY KEY, solver_md5 TEXT NOT NULL);
                    DELETE FROM temp.pruned;
                    """)
            try db.execute(sql: "INSERT INTO temp.pruned (id, solver_md5) \(selectSQL)", arguments: arguments)
            var byOutcome: [Outcome: Int] = [:]
            var byVersion: [String: Int] = [:]
            for row in try Row.fetchAll(
                db,
                sql: """
                    SELECT v.outcome, v.solver_version, count(*) FROM verdicts v JOIN temp.pruned p ON p.id = v.id
                    GROUP BY v.outcome, v.solver_version
                    """)
            {
                let read = RowReader(row, table: "verdicts")
                let count = try read.integer(2, "count(*)", in: 0...Int64.max)
                if let outcome = (try? read.text(0, "outcome")).flatMap(Outcome.init(rawValue:)) {
                    byOutcome[outcome, default: 0] += count
                }
                byVersion[(try? read.text(1, "solver_version")) ?? "(damaged)", default: 0] += count
            }
            let keys = try Row.fetchAll(
                db,
                sql: """
                    SELECT v.solver_md5, v.task_fingerprint, v.solver_version
                    FROM verdicts v JOIN temp.pruned p ON p.id = v.id ORDER BY v.last_used_at, v.id LIMIT ?
                    """,
                arguments: [Swift.max(0, limit - alreadyListed)]
            ).compactMap { row -> VerdictKey? in
                let read = RowReader(row, table: "verdicts")
                guard let md5 = try? read.text(0, "solver_md5"),
                    let fingerprint = try? read.text(1, "task_fingerprint"),
                    let version = try? read.text(2, "solver_version")
                else { return nil }
                return VerdictKey(solverMD5: md5, taskFingerprint: fingerprint, solverVersion: version)
            }
            try db.execute(sql: "DELETE FROM verdicts WHERE id IN (SELECT id FROM temp.pruned)")
            let removed = db.changesCount
            try db.execute(
                sql: """
                    DELETE FROM solvers
                    WHERE solver_md5 IN (SELECT solver_md5 FROM temp.pruned)
                      AND NOT EXISTS (SELECT 1 FROM verdicts v WHERE v.solver_md5 = solvers.solver_md5)
                    """)
            let solvers = db.changesCount
            // What candidate files held only saves a parse; the next run records it again.
            if removed > 0 { try db.execute(sql: "DELETE FROM candidate_files") }
            try db.execute(sql: "DELETE FROM temp.pruned")
            return (removed, solvers, byOutcome, byVersion, keys)
        }
        report.verdictSolversRemoved += solvers
        report.removedByOutcome.merge(byOutcome, uniquingKeysWith: +)
        report.removedByVersion.merge(byVersion, uniquingKeysWith: +)
        report.removedKeys += keys
        return removed
    }

    /// Rebuilds the file without free pages, then truncates the `-wal`.
    func vacuum() throws {
        do {
            try writer.writeWithoutTransaction { db in
                try db.execute(sql: "VACUUM")
                if accessMode == .readWrite {
                    _ = try? db.checkpoint(.truncate)
                }
            }
        } catch let error as DatabaseError {
            throw Self.mapOperationError(error, path: displayPath, operation: "vacuum", busySeconds: busySeconds)
        }
    }
}
