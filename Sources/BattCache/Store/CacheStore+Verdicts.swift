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
    /// hundreds), or, when the table holds not many more rows than keys, in one pass over it. Only
    /// the columns a verdict is served from are decoded; the others are checked to hold what batt
    /// writes there, so a row damaged anywhere is still found out.
    ///
    /// With `prefetched` (``prefetchVerdicts(solverVersion:)``, read by this store), a lookup
    /// that would pass over the table is answered from what was read ahead instead.
    public func lookUpVerdicts(for keys: [VerdictKey], prefetched: VerdictPrefetch? = nil) throws -> VerdictLookup {
        guard !keys.isEmpty else { return VerdictLookup(count: 0) }
        if let prefetched, Self.passesOverTheTable(keys: keys.count, highestID: prefetched.highestID),
            keys.allSatisfy({ $0.solverVersion == prefetched.version })
        {
            return prefetched.lookUp(keys)
        }
        // Another connection can read alongside this one only to a file this process opened
        // read-write: it has its -wal and -shm, and reading creates nothing.
        let file = accessMode == .readWrite ? filePath : nil
        return try read { db in try Self.fetchVerdicts(db, for: keys, secondConnectionTo: file) }
    }

    /// How ``fetchVerdicts(_:for:strategy:)`` finds the rows of the keys.
    enum LookupStrategy {
        /// One probe of the key index per key.
        case seekEachKey
        /// One pass over the whole table, each row matched against the keys.
        case scanTable
        /// One pass in two halves at once, the upper half through a second connection to the
        /// file (given to ``fetchVerdicts(_:for:strategy:secondConnectionTo:)``); through `db`
        /// alone when there is none or it fails.
        case scanTableInHalves
        /// Scans when the table holds not many more rows than keys asked for, else seeks; a scan
        /// for thousands of keys goes in halves when a second connection can be had.
        case automatic
    }

    /// Whether ``LookupStrategy/automatic`` reads the table in one pass for `keys` keys when its
    /// largest row id is `highestID`.
    static func passesOverTheTable(keys: Int, highestID: Int) -> Bool {
        keys >= 256 && highestID <= keys * 3
    }

    /// From how many keys a scan goes in halves: opening the second connection and starting its
    /// thread cost about what a few hundred rows do.
    static let halvedScanMinimumKeys = 2048

    static func fetchVerdicts(
        _ db: Database, for keys: [VerdictKey], strategy: LookupStrategy = .automatic,
        secondConnectionTo file: String? = nil
    ) throws -> VerdictLookup {
        switch strategy {
        case .seekEachKey: return try seekVerdicts(db, for: keys)
        case .scanTable: return try scanVerdicts(db, for: keys)
        case .scanTableInHalves: return try scanVerdicts(db, for: keys, alsoThrough: file)
        case .automatic:
            // Reading a row in a pass over the table costs about a quarter of probing the key
            // index for one key: a warm run over the workload that filled its cache asks for about
            // every row. `max(id)` bounds the row count (ids only grow) and costs one index step.
            guard let highest = try Int.fetchOne(db, sql: "SELECT max(id) FROM verdicts"),
                passesOverTheTable(keys: keys.count, highestID: highest)
            else { return try seekVerdicts(db, for: keys) }
            return try scanVerdicts(db, for: keys, alsoThrough: keys.count >= halvedScanMinimumKeys ? file : nil)
        }
    }

    /// Reads the whole table once and keeps the rows of the keys, matched byte for byte on their
    /// three key texts (as SQL's `=` matches text) without making strings of the rows. With
    /// `file`, the rows above the middle id are read at the same time through a second, read-only
    /// connection to it; should that fail, `db` reads them too.
    ///
    /// The two connections may see the table a commit apart. Every row either one reads is a
    /// verdict some run stored, so the lookup is as sound as one pass; a row another process
    /// moved between the halves meanwhile is at worst missed, and its solver validated again.
    private static func scanVerdicts(
        _ db: Database, for keys: [VerdictKey], alsoThrough file: String? = nil
    ) throws -> VerdictLookup {
        var lookup = VerdictLookup(count: keys.count)
        guard !keys.isEmpty else { return lookup }
        let index = KeyIndex(keys)
        let connection = db.sqliteConnection
        func keep(_ k: Int, _ row: Result<StoredVerdict, Error>) {
            switch row {
            case .success(let verdict): lookup.found[k] = verdict
            case .failure: lookup.untrusted.insert(keys[k])
            }
        }
        guard let file, let highest = try Int64.fetchOne(db, sql: "SELECT max(id) FROM verdicts"), highest > 1
        else {
            try scanRows(connection, for: keys, index, where: nil, each: keep)
            return lookup
        }
        let middle = highest / 2
        let upper = UpperHalf()
        let done = DispatchGroup()
        DispatchQueue.global(qos: .userInitiated).async(group: done) {
            // Only the rows found: a second array of every key's verdict would double the
            // lookup's memory on a large run.
            var rows: [(Int, Result<StoredVerdict, Error>)] = []
            upper.result = Result {
                try scanRows(ofFile: file, for: keys, index, where: "id > \(middle)") { rows.append(($0, $1)) }
                return rows
            }
        }
        try scanRows(connection, for: keys, index, where: "id <= \(middle)", each: keep)
        done.wait()
        switch upper.result {
        case .success(let rows)?:
            for (k, row) in rows { keep(k, row) }
        case .failure?, nil:
            try scanRows(connection, for: keys, index, where: "id > \(middle)", each: keep)
        }
        return lookup
    }

    /// What the thread reading the upper half hands back: each matching row in id order.
    private final class UpperHalf: @unchecked Sendable {
        var result: Result<[(Int, Result<StoredVerdict, Error>)], Error>?
    }

    /// The keys by a hash of their texts, those of one hash chained.
    private struct KeyIndex: Sendable {
        var firstOfHash: [UInt64: Int] = [:]
        var nextOfSameHash: [Int]

        init(_ keys: [VerdictKey]) {
            firstOfHash.reserveCapacity(keys.count)
            nextOfSameHash = [Int](repeating: -1, count: keys.count)
            for (k, key) in keys.enumerated().reversed() {
                var hash = KeyHash()
                var (md5, fingerprint, version) = (key.solverMD5, key.taskFingerprint, key.solverVersion)
                md5.withUTF8 { hash.add(UnsafeRawBufferPointer($0)) }
                fingerprint.withUTF8 { hash.add(UnsafeRawBufferPointer($0)) }
                version.withUTF8 { hash.add(UnsafeRawBufferPointer($0)) }
                nextOfSameHash[k] = firstOfHash[hash.value] ?? -1
                firstOfHash[hash.value] = k
            }
        }
    }

    /// ``scanRows(_:for:_:where:)`` through a read-only connection of its own to `file`.
    private static func scanRows(
        ofFile file: String, for keys: [VerdictKey], _ index: KeyIndex, where condition: String,
        each: (Int, Result<StoredVerdict, Error>) -> Void
    ) throws {
        let connection = try openReadOnly(file)
        defer { sqlite3_close_v2(connection) }
        try scanRows(connection, for: keys, index, where: condition, each: each)
    }

    /// A read-only connection of its own to `file`, for reading beside the store's connection;
    /// the caller closes it.
    static func openReadOnly(_ file: String) throws -> OpaquePointer {
        var connection: OpaquePointer?
        let code = sqlite3_open_v2(file, &connection, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, nil)
        guard code == SQLITE_OK, let connection else {
            sqlite3_close_v2(connection)
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: "cannot open a second connection")
        }
        sqlite3_busy_timeout(connection, 2000)
        return connection
    }

    /// One pass over the rows of the verdicts table that meet `condition` (all of them: nil), in
    /// id order, handing `each` the position of every key a row matches and what the row holds
    /// (or why batt would never have written it).
    private static func scanRows(
        _ connection: OpaquePointer?, for keys: [VerdictKey], _ index: KeyIndex, where condition: String?,
        each: (Int, Result<StoredVerdict, Error>) -> Void
    ) throws {
        try forEachVerdictRow(on: connection, where: condition) { md5, fingerprint, version, read in
            var hash = KeyHash()
            hash.add(md5)
            hash.add(fingerprint)
            hash.add(version)
            guard var k = index.firstOfHash[hash.value] else { return }
            while k >= 0 {
                let key = keys[k]
                if Self.equal(key.solverMD5, md5) && Self.equal(key.taskFingerprint, fingerprint)
                    && Self.equal(key.solverVersion, version)
                {
                    each(k, Result { try StoredVerdict(read) })
                }
                k = index.nextOfSameHash[k]
            }
        }
    }

    /// Steps through the rows of the verdicts table that meet `condition` (all: nil) in id order,
    /// handing `row` the bytes of each row's three key columns and a reader of its other columns
    /// (``StoredVerdict/init(_:)``). A row whose key columns do not all hold text is skipped: it
    /// never equals a key, as in SQL.
    static func forEachVerdictRow(
        on connection: OpaquePointer?, where condition: String?,
        _ row: (
            _ md5: UnsafeRawBufferPointer, _ fingerprint: UnsafeRawBufferPointer, _ version: UnsafeRawBufferPointer,
            RowReader
        ) throws -> Void
    ) throws {
        let statement = try prepare(
            connection,
            "SELECT NULL, \(StoredVerdict.columns(prefix: "")), solver_md5, task_fingerprint, solver_version FROM verdicts"
                + (condition.map { " WHERE \($0)" } ?? "")
        )
        defer { sqlite3_finalize(statement) }
        // Reads whichever row the statement stands on.
        let read = RowReader(statement: statement, table: "verdicts")
        func keyText(_ column: CInt) -> UnsafeRawBufferPointer? {
            guard sqlite3_column_type(statement, column) == SQLITE_TEXT else { return nil }
            return UnsafeRawBufferPointer(
                start: sqlite3_column_text(statement, column), count: Int(sqlite3_column_bytes(statement, column)))
        }
        try forEachRow(of: statement, on: connection) {
            guard let md5 = keyText(15), let fingerprint = keyText(16), let version = keyText(17) else { return }
            try row(md5, fingerprint, version, read)
        }
    }

    static func equal(_ text: String, _ bytes: UnsafeRawBufferPointer) -> Bool {
        var text = text
        return text.withUTF8 { own in
            own.count == bytes.count && (own.isEmpty || memcmp(own.baseAddress!, bytes.baseAddress!, own.count) == 0)
        }
    }

    /// FNV-1a over the key texts, each followed by a byte UTF-8 never holds, so the texts' borders
    /// count.
    struct KeyHash {
        var value: UInt64 = 0xcbf2_9ce4_8422_2325

        mutating func add(_ bytes: UnsafeRawBufferPointer) {
            for byte in bytes { value = (value ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 }
            value = (value ^ 0xFF) &* 0x0000_0100_0000_01b3
        }
    }

    /// Probes the key index once per key, a few hundred keys per statement.
    private static func seekVerdicts(_ db: Database, for keys: [VerdictKey]) throws -> VerdictLookup {
        var lookup = VerdictLookup(count: keys.count)
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
                    db.sqliteConnection,
                    """
                    WITH wanted(k, md5, fingerprint, version) AS (VALUES \(tuplePlaceholders(chunk.count, width: 4)))
                    SELECT wanted.k, \(StoredVerdict.columns(prefix: "v."))
                    FROM wanted CROSS JOIN verdicts AS v
                    ON v.solver_md5 = wanted.md5 AND v.task_fingerprint = wanted.fingerprint
                      AND v.solver_version = wanted.version
                    """)
                statements[chunk.count] = statement
            }
            sqlite3_reset(statement)
            // The key texts of the chunk in one buffer, bound without SQLite copying them: the
            // buffer outlives the stepping, and the bindings are cleared before it goes.
            var texts: [UInt8] = []
            var ranges: [Range<Int>] = []
            func append(_ text: String) {
                let start = texts.count
                texts.append(contentsOf: text.utf8)
                ranges.append(start..<texts.count)
            }
            for k in chunk {
                append(keys[k].solverMD5)
                append(keys[k].taskFingerprint)
                append(keys[k].solverVersion)
            }
            texts.append(0)
            try texts.withUnsafeBufferPointer { buffer in
                defer { sqlite3_clear_bindings(statement) }
                let base = UnsafeRawPointer(buffer.baseAddress!)
                for (offset, k) in chunk.enumerated() {
                    let first = CInt(offset * 4 + 1)
                    sqlite3_bind_int64(statement, first, Int64(k))
                    for field in 0..<3 {
                        let range = ranges[offset * 3 + field]
                        sqlite3_bind_text(
                            statement, first + 1 + CInt(field),
                            (base + range.lowerBound).assumingMemoryBound(to: CChar.self), CInt(range.count), nil)
                    }
                }
                let read = RowReader(statement: statement, table: "verdicts")
                try forEachRow(of: statement, on: db.sqliteConnection) {
                    guard let k = try? read.integer(0, "k", in: 0...Int64(keys.count - 1)) else { return }
                    do {
                        lookup.found[k] = try StoredVerdict(read)
                    } catch {
                        lookup.untrusted.insert(keys[k])
                    }
                }
            }
        }
        return lookup
    }

    /// Steps `statement` through its rows, calling `row` on each while the statement stands on it.
    static func forEachRow(
        of statement: SQLiteStatement, on connection: OpaquePointer?, _ row: () throws -> Void
    ) throws {
        while true {
            let code = sqlite3_step(statement)
            if code == SQLITE_DONE { return }
            guard code == SQLITE_ROW else {
                throw DatabaseError(resultCode: ResultCode(rawValue: code), message: lastErrorMessage(of: connection))
            }
            try row()
        }
    }

    static func prepare(_ connection: OpaquePointer?, _ sql: String) throws -> SQLiteStatement {
        var statement: SQLiteStatement?
        let code = sqlite3_prepare_v2(connection, sql, -1, &statement, nil)
        guard code == SQLITE_OK, let statement else {
            throw DatabaseError(
                resultCode: ResultCode(rawValue: code), message: lastErrorMessage(of: connection), sql: sql)
        }
        return statement
    }

    static func lastErrorMessage(of connection: OpaquePointer?) -> String? {
        sqlite3_errmsg(connection).map { String(cString: $0) }
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
    ///
    /// With a `granularity`, a verdict last used less than that many seconds before `date` is left
    /// as it is (as relatime treats access times), so runs in quick succession do not rewrite
    /// every verdict they read.
    /// - Returns: how many of the keys had a verdict.
    @discardableResult
    public func markUsed(keys: [VerdictKey], at date: Date = Date(), granularity: TimeInterval = 0) throws -> Int {
        guard !keys.isEmpty else { return 0 }
        let distinct = Array(Set(keys))
        return try writeImmediately("mark verdicts used", briefly: true) { db in
            // One probe of the key index per key, bound and stepped through SQLite's own
            // interface: a statement per task with the solvers in an IN list built a temporary
            // table each time, and cost several times as much.
            let connection = db.sqliteConnection
            let statement = try Self.prepare(
                connection,
                """
                UPDATE verdicts SET last_used_at = max(last_used_at, ?4), hit_count = hit_count + 1
                WHERE solver_md5 = ?1 AND task_fingerprint = ?2 AND solver_version = ?3
                  AND (?5 OR last_used_at <= ?6)
                """)
            defer { sqlite3_finalize(statement) }
            sqlite3_bind_double(statement, 4, date.timeIntervalSince1970)
            sqlite3_bind_int(statement, 5, granularity <= 0 ? 1 : 0)
            sqlite3_bind_double(statement, 6, date.timeIntervalSince1970 - granularity)
            var updated = 0
            for key in distinct {
                var (md5, fingerprint, version) = (key.solverMD5, key.taskFingerprint, key.solverVersion)
                // The texts are bound without copies: each is alive until the statement is reset.
                try md5.withUTF8 { md5 in
                    try fingerprint.withUTF8 { fingerprint in
                        try version.withUTF8 { version in
                            defer { sqlite3_reset(statement) }
                            func bind(_ index: CInt, _ text: UnsafeBufferPointer<UInt8>) {
                                // An empty buffer may have no address: bind a static empty text.
                                let start = UnsafeRawPointer(text.baseAddress) ?? UnsafeRawPointer(("" as StaticString).utf8Start)
                                sqlite3_bind_text(
                                    statement, index, start.assumingMemoryBound(to: CChar.self), CInt(text.count), nil)
                            }
                            bind(1, md5)
                            bind(2, fingerprint)
                            bind(3, version)
                            let code = sqlite3_step(statement)
                            guard code == SQLITE_DONE else {
                                throw DatabaseError(
                                    resultCode: ResultCode(rawValue: code), message: Self.lastErrorMessage(of: connection))
                            }
                            updated += Int(sqlite3_changes(connection))
                        }
                    }
                }
            }
            sqlite3_clear_bindings(statement)
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

/// What ``CacheStore/lookUpVerdicts(for:)`` found.
public struct VerdictLookup: Sendable {
    /// The verdict that can be served for each key asked for, by the key's position; nil when
    /// the cache has none.
    public var found: [StoredVerdict?]
    /// Keys whose row holds what batt would never write: to revalidate and replace.
    public var untrusted: Set<VerdictKey> = []

    /// A lookup of `count` keys that found nothing yet.
    public init(count: Int = 0) {
        found = [StoredVerdict?](repeating: nil, count: count)
    }
}
