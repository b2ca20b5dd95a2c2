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
            ).map(PythonDSLRecord.init(row:))
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
                let record = PythonDSLRecord(row: row)
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
    init(row: Row) {
        self.init(
            dslKey: row["dsl_key"], solverVersion: row["solver_version"], dslPath: row["dsl_path"],
            dslHash: row["dsl_hash"], manifest: row["manifest"])
    }
}
