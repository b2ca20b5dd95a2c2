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
        if let walBytes = try? fileSize(path + "-wal") {
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
            try writer.read { db in
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
                report.appliedMigrations = try SchemaMigration.migrator(for: migrations).appliedMigrations(db)
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
