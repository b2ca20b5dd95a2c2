import Foundation
import GRDB

/// A Python DSL as `batt run --dsl` imported it: the row of `python_dsls`.
public struct PythonDSLRecord: Sendable, Equatable {
    /// The DSL's path, interpreter and namespaces.
    public var dslKey: String
    public var solverVersion: String
    public var dslPath: String
    public var dslHash: String
    /// What the worker reported (JSON, read by the pipeline).
    public var manifest: String

    public init(dslKey: String, solverVersion: String, dslPath: String, dslHash: String, manifest: String) {
        self.dslKey = dslKey
        self.solverVersion = solverVersion
        self.dslPath = dslPath
        self.dslHash = dslHash
        self.manifest = manifest
    }
}

extension CacheStore {
    /// The DSLs recorded under `dslKey`, most recently used first.
    public func pythonDSLs(forKey dslKey: String) throws -> [PythonDSLRecord] {
        try writer.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT dsl_key, solver_version, dsl_path, dsl_hash, manifest FROM python_dsls
                    WHERE dsl_key = ? ORDER BY last_used_at DESC LIMIT 16
                    """, arguments: [dslKey]
            )
            // A row batt would never write is no record: the DSL is asked again.
            .compactMap { try? PythonDSLRecord(row: $0) }
        }
    }

    /// The DSL each solver version came from, for `batt cache inspect`.
    public func pythonDSLsByVersion() throws -> [String: PythonDSLRecord] {
        try writer.read { db in
            var found: [String: PythonDSLRecord] = [:]
            for row in try Row.fetchAll(
                db,
                sql: """
                    SELECT dsl_key, solver_version, dsl_path, dsl_hash, manifest FROM python_dsls
                    ORDER BY last_used_at
                    """)
            {
                guard let record = try? PythonDSLRecord(row: row) else { continue }
                found[record.solverVersion] = record
            }
            return found
        }
    }

    /// Records a DSL (or that it was used again).
    public func storePythonDSL(_ record: PythonDSLRecord, at date: Date = Date()) throws {
        try writeImmediately("store the Python DSL") { db in
            try db.execute(
                sql: """
                    INSERT INTO python_dsls
                        (dsl_key, solver_version, dsl_path, dsl_hash, manifest, created_at, last_used_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (dsl_key, dsl_hash) DO UPDATE SET
                        solver_version = excluded.solver_version, manifest = excluded.manifest,
                        last_used_at = excluded.last_used_at
                    """,
                arguments: [
                    record.dslKey, record.solverVersion, record.dslPath, record.dslHash, record.manifest,
                    date.timeIntervalSince1970, date.timeIntervalSince1970,
                ])
        }
    }
}

extension PythonDSLRecord {
    /// The columns `init(row:)` reads, in order.
    static let columns = "dsl_key, solver_version, dsl_path, dsl_hash, manifest"

    /// Decodes a row of ``columns``; a NULL, BLOB or number where text belongs is
    /// ``CacheError/invalidRow(table:reason:)``, never a trap.
    init(row: Row) throws {
        let read = RowReader(row, table: "python_dsls")
        self.init(
            dslKey: try read.text(0, "dsl_key"), solverVersion: try read.text(1, "solver_version"),
            dslPath: try read.text(2, "dsl_path"), dslHash: try read.text(3, "dsl_hash"),
            manifest: try read.text(4, "manifest"))
    }
}
