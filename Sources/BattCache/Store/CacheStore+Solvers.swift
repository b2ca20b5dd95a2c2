import Foundation
import GRDB

extension CacheStore {
    /// At most this many values bound per statement: below SQLite's historic
    /// limit of 999 variables, whatever the build.
    static let parametersPerStatement = 500

    /// The solvers rows of the given body hashes, keyed by body hash; unknown hashes are absent.
    public func solvers(forBodyHashes bodyHashes: [String]) throws -> [String: SolverRecord] {
        guard !bodyHashes.isEmpty else { return [:] }
        return try read { db in try Self.fetchSolvers(db, forBodyHashes: bodyHashes) }
    }

    static func fetchSolvers(_ db: Database, forBodyHashes bodyHashes: [String]) throws -> [String: SolverRecord] {
        let unique = Array(Set(bodyHashes))
        var found: [String: SolverRecord] = [:]
        found.reserveCapacity(unique.count)
        for chunk in unique.chunks(of: parametersPerStatement) {
            let statement = try db.cachedStatement(
                sql: "SELECT \(SolverRecord.columns) FROM solvers WHERE body_hash IN (\(placeholders(chunk.count)))")
            let rows = try Row.fetchCursor(statement, arguments: StatementArguments(chunk))
            while let row = try rows.next() {
                // A damaged row is unknown: the body is inlined again and the row replaced.
                guard let record = try? SolverRecord(row: row) else { continue }
                found[record.bodyHash] = record
            }
        }
        return found
    }

    /// The solver md5 of each body hash inlined by `inlinerVersion`, without the inlined text: the
    /// lookup a run makes for every unique body, kept light. Rows of other inliner versions are stale.
    public func solverMD5s(forBodyHashes bodyHashes: [String], inlinerVersion: String) throws -> [String: String] {
        guard !bodyHashes.isEmpty else { return [:] }
        return try read { db in
            var found: [String: String] = [:]
            found.reserveCapacity(bodyHashes.count)
            for chunk in Array(Set(bodyHashes)).chunks(of: Self.parametersPerStatement) {
                let statement = try db.cachedStatement(
                    sql:
                        "SELECT body_hash, solver_md5 FROM solvers WHERE inliner_version = ? AND body_hash IN (\(placeholders(chunk.count))) AND \(SolverRecord.trustedCondition)"
                )
                let rows = try Row.fetchCursor(statement, arguments: [inlinerVersion] + StatementArguments(chunk))
                while let row = try rows.next() {
                    let read = RowReader(row, table: "solvers")
                    if let key = try? read.text(0, "key"), let value = try? read.text(1, "value") { found[key] = value }
                }
            }
            return found
        }
    }

    /// The inlined text of each given solver md5 that has one.
    public func inlinedTexts(forMD5s solverMD5s: [String]) throws -> [String: String] {
        guard !solverMD5s.isEmpty else { return [:] }
        return try read { db in
            var found: [String: String] = [:]
            for chunk in Array(Set(solverMD5s)).chunks(of: Self.parametersPerStatement) {
                let statement = try db.cachedStatement(
                    sql:
                        "SELECT solver_md5, inlined_text FROM solvers WHERE inlined_text IS NOT NULL AND solver_md5 IN (\(placeholders(chunk.count))) AND \(SolverRecord.trustedCondition)"
                )
                let rows = try Row.fetchCursor(statement, arguments: StatementArguments(chunk))
                while let row = try rows.next() {
                    let read = RowReader(row, table: "solvers")
                    if let key = try? read.text(0, "key"), let value = try? read.text(1, "value") { found[key] = value }
                }
            }
            return found
        }
    }

    /// The solvers rows whose inlined md5 is `solverMD5` (several bodies may inline to one solver).
    public func solvers(forMD5 solverMD5: String) throws -> [SolverRecord] {
        try read { db in
            try Row.fetchAll(
                db, sql: "SELECT \(SolverRecord.columns) FROM solvers WHERE solver_md5 = ? ORDER BY body_hash",
                arguments: [solverMD5]
            ).map(SolverRecord.init(row:))
        }
    }

    /// Stores solvers rows in one transaction.
    ///
    /// An existing row of the same body hash is replaced only when the new row
    /// comes from another inliner version, or brings the text the old row lacked.
    /// - Returns: how many rows were inserted or replaced.
    @discardableResult
    public func insert<Solvers: Collection<SolverRecord>>(solvers: Solvers) throws -> Int {
        guard !solvers.isEmpty else { return 0 }
        return try writeImmediately("store solvers") { db in
            // Hundreds of thousands of rows in random index positions: with SQLite's default
            // page cache (2 MB) each insert would spill pages; give this transaction room.
            let largeCache = solvers.count >= CacheStore.largeWriteRows
            if largeCache { try db.execute(sql: "PRAGMA cache_size = -\(CacheStore.largeWriteCacheKiB)") }
            defer { if largeCache { try? db.execute(sql: "PRAGMA cache_size = -2000") } }
            let statement = try db.cachedStatement(
                sql: """
                    INSERT INTO solvers (\(SolverRecord.columns)) VALUES (?, ?, ?, ?, ?, ?)
                    ON CONFLICT (body_hash) DO UPDATE SET
                        solver_md5 = excluded.solver_md5,
                        inlined_text = excluded.inlined_text,
                        text_materialised = excluded.text_materialised,
                        inliner_version = excluded.inliner_version,
                        created_at = excluded.created_at
                    WHERE excluded.inliner_version <> solvers.inliner_version
                       OR (solvers.inlined_text IS NULL AND excluded.inlined_text IS NOT NULL)
                       OR NOT \(SolverRecord.trustedCondition)
                    """)
            var changed = 0
            for solver in solvers {
                try statement.execute(arguments: solver.databaseArguments)
                changed += db.changesCount
            }
            return changed
        }
    }
}

/// `?, ?, ?` for `count` values.
func placeholders(_ count: Int) -> String {
    Array(repeating: "?", count: count).joined(separator: ", ")
}

/// `(?, ?), (?, ?)` for `count` rows of `width` values.
func tuplePlaceholders(_ count: Int, width: Int) -> String {
    Array(repeating: "(" + placeholders(width) + ")", count: count).joined(separator: ", ")
}

extension Array {
    /// Consecutive slices of at most `size` elements.
    func chunks(of size: Int) -> [ArraySlice<Element>] {
        stride(from: 0, to: count, by: size).map { self[$0..<Swift.min($0 + size, count)] }
    }
}

extension CacheStore {
    /// Writes of at least this many rows get a page cache of `largeWriteCacheKiB` for their
    /// transaction.
    static let largeWriteRows = 50_000
    static let largeWriteCacheKiB = 131_072
}
