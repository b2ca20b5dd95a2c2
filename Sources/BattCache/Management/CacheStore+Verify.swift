import Foundation
import GRDB

/// What `batt cache verify` found. Not OK when any problem is listed.
public struct VerifyReport: Sendable, Hashable {
    public var path: String
    /// Things that are wrong: damage, a schema this batt cannot use, a file that does not open.
    public var problems: [String] = []
    /// Things worth knowing that are not damage: a `-wal` not yet checkpointed, an older schema.
    public var warnings: [String] = []
    /// `PRAGMA integrity_check` output: `["ok"]` when sound; empty when it could not run.
    public var integrity: [String] = []
    public var appliedMigrations: [String] = []
    public var supportedMigrations: [String] = SchemaMigration.supportedIdentifiers
    /// Bytes in the `-wal` file; nil when there is none.
    public var walBytes: Int?
    public var solvers: Int?
    public var verdicts: Int?
    public var runs: Int?
    /// Rows batt would never have written (hand-edited or damaged), by table; tables without any are absent.
    public var damagedRows: [String: Int] = [:]

    public var isOK: Bool { problems.isEmpty }
}

extension CacheStore {
    /// Checks the cache file at `path` without writing to it: integrity, schema against
    /// this binary's, leftover `-wal`, row counts. Never throws: what goes wrong is a problem.
    public static func verify(path: String) -> VerifyReport {
        var report = VerifyReport(path: path)
        do {
            let store = try CacheStore(
                path: path, mode: .readOnly, migrations: SchemaMigration.embedded, allowingOlderSchema: true)
            report.warnings += store.warnings
            store.check(into: &report)
        } catch {
            report.problems.append("\(error)")
        }
        if let walBytes = try? fileSize(resolvingLinks(path) + "-wal") {
            report.walBytes = walBytes
            if walBytes > 0 {
                report.warnings.append(
                    "'\(path)-wal' holds \(walBytes) bytes not yet checkpointed: copy the cache with 'batt cache export', never as a plain file."
                )
            }
        }
        return report
    }

    /// Checks this store's database (see ``verify(path:)``).
    public func verify() -> VerifyReport {
        var report = VerifyReport(path: displayPath)
        check(into: &report)
        let wal = fileSizes().wal
        if path != nil, wal > 0 {
            report.walBytes = wal
        }
        return report
    }

    private func check(into report: inout VerifyReport) {
        do {
            try read { db in
                report.integrity = try String.fetchAll(db, sql: "PRAGMA integrity_check")
                if report.integrity != ["ok"] {
                    report.problems.append(
                        "integrity check failed: " + report.integrity.prefix(10).joined(separator: "; "))
                }
                switch try SchemaMigration.state(of: db, against: migrations) {
                case .current:
                    break
                case .empty:
                    report.warnings.append("no batt schema yet: the first read-write open creates it")
                case .older(let applied):
                    report.warnings.append(
                        "older schema (up to \(applied.last ?? "none")): the next read-write open migrates it")
                case .newer(let unknown):
                    report.problems.append(
                        "newer schema (\(unknown.joined(separator: ", "))) than this batt supports: upgrade batt")
                case .foreign:
                    report.problems.append("not a batt cache")
                }
                report.appliedMigrations = try SchemaMigration.appliedMigrations(db, of: migrations)
                // A read-only integrity_check skips CHECK constraints, and batt has rules of its own:
                // decode every row as a run would (unless the file is damaged below the rows).
                for damage in report.integrity == ["ok"] ? try Self.damagedRows(db) : [] {
                    report.damagedRows[damage.table] = damage.count
                    report.problems.append(
                        "\(damage.count) row\(damage.count == 1 ? "" : "s") of table '\(damage.table)' hold\(damage.count == 1 ? "s" : "") what batt never writes ("
                            + damage.examples.joined(separator: "; ")
                            + (damage.count > damage.examples.count ? "; …" : "")
                            + ")")
                }
                for (table, keyPath) in [
                    ("solvers", \VerifyReport.solvers), ("verdicts", \.verdicts), ("runs", \.runs),
                ]
                where try db.tableExists(table) {
                    report[keyPath: keyPath] = try Int.fetchOne(db, sql: "SELECT count(*) FROM \(table)")
                }
            }
        } catch {
            report.problems.append("reading the database failed: \(error)")
        }
    }
}

/// The rows of one table that fail batt's checks.
struct DamagedRows {
    var table: String
    var count = 0
    /// The first few, each as `row N: reason`.
    var examples: [String] = []

    mutating func add(row id: DatabaseValue, _ error: Error) {
        count += 1
        guard examples.count < 3 else { return }
        let reason: String
        if case CacheError.invalidRow(_, let why) = error { reason = why } else { reason = "\(error)" }
        examples.append("row \(RowReader.describe(id).replacingOccurrences(of: "the integer ", with: "")): \(reason)")
    }
}

extension CacheStore {
    /// Every row of every batt table that a run, inspect or merge would refuse to trust.
    static func damagedRows(_ db: Database) throws -> [DamagedRows] {
        var found: [DamagedRows] = []
        func scan(_ table: String, _ sql: String, idColumn: Int, _ check: (Row) throws -> Void) throws {
            guard try db.tableExists(table) else { return }
            var damage = DamagedRows(table: table)
            let rows = try Row.fetchCursor(db, sql: sql)
            while let row = try rows.next() {
                do { try check(row) } catch { damage.add(row: row[idColumn] as DatabaseValue, error) }
            }
            if damage.count > 0 { found.append(damage) }
        }
        let hasBudget = try db.tableExists("verdicts") && db.columns(in: "verdicts").contains { $0.name == "budget" }
        let verdictColumns =
            hasBudget ? VerdictRecord.columns : VerdictRecord.columns.replacingOccurrences(of: "budget", with: "NULL")
        try scan("verdicts", "SELECT \(verdictColumns), id FROM verdicts ORDER BY id", idColumn: 17) {
            _ = try VerdictRecord(row: $0)
        }
        try scan("solvers", "SELECT \(SolverRecord.columns), rowid FROM solvers ORDER BY rowid", idColumn: 6) {
            _ = try SolverRecord(row: $0)
        }
        try scan("runs", "SELECT \(RunRecord.columns) FROM runs ORDER BY id", idColumn: 0) {
            _ = try RunRecord(row: $0)
        }
        try scan(
            "candidate_files",
            "SELECT file_digest, context, language_version, contents, created_at, last_used_at, rowid FROM candidate_files ORDER BY rowid",
            idColumn: 6
        ) { row in
            let read = RowReader(row, table: "candidate_files")
            for (index, column) in ["file_digest", "context", "language_version", "contents"].enumerated() {
                _ = try read.text(index, column)
            }
            _ = try read.real(4, "created_at")
            _ = try read.real(5, "last_used_at")
        }
        try scan(
            "task_files",
            "SELECT file_digest, decoder_version, task_fingerprint, created_at, rowid FROM task_files ORDER BY rowid",
            idColumn: 4
        ) { row in
            let read = RowReader(row, table: "task_files")
            _ = try read.text(0, "file_digest")
            _ = try read.text(1, "decoder_version")
            let fingerprint = try read.text(2, "task_fingerprint")
            guard isLowercaseMD5(fingerprint) else {
                throw read.invalid("task_fingerprint", "is '\(fingerprint)', not 32 lowercase hex digits")
            }
            _ = try read.real(3, "created_at")
        }
        try scan(
            "python_dsls",
            "SELECT \(PythonDSLRecord.columns), created_at, last_used_at, rowid FROM python_dsls ORDER BY rowid",
            idColumn: 7
        ) { row in
            _ = try PythonDSLRecord(row: row)
            let read = RowReader(row, table: "python_dsls")
            _ = try read.real(5, "created_at")
            _ = try read.real(6, "last_used_at")
        }
        try scan("grdb_migrations", "SELECT identifier, rowid FROM grdb_migrations ORDER BY rowid", idColumn: 1) {
            _ = try RowReader($0, table: "grdb_migrations").text(0, "identifier")
        }
        return found
    }
}
