import GRDB

/// One step of the cache schema: a file `Migrations/NNNN_name.sql`, embedded in the binary.
public struct SchemaMigration: Sendable, Hashable {
    /// The file name without `.sql`, e.g. `0001_initial`; recorded in the cache once applied.
    public let identifier: String
    /// The statements the migration runs, in one transaction.
    public let sql: String

    public init(identifier: String, sql: String) {
        self.identifier = identifier
        self.sql = sql
    }

    /// The identifiers this binary knows, oldest first.
    public static var supportedIdentifiers: [String] { embedded.map(\.identifier) }
}

/// Where a cache file's schema stands relative to the migrations this binary carries.
public enum SchemaState: Sendable, Equatable {
    /// No migration recorded and no tables: a new, empty file.
    case empty
    /// Some known migrations are missing; opening read-write applies them.
    case older(applied: [String])
    /// Exactly the migrations this binary knows.
    case current
    /// The file records migrations this binary does not know: written by a newer batt.
    case newer(unknown: [String])
    /// Tables, but not a batt cache (no migration record, or none of ours).
    case foreign
}

extension SchemaMigration {
    /// A GRDB migrator registering `migrations` in order.
    static func migrator(for migrations: [SchemaMigration]) -> DatabaseMigrator {
        var migrator = DatabaseMigrator()
        for migration in migrations {
            migrator.registerMigration(migration.identifier) { db in
                try db.execute(sql: migration.sql)
            }
        }
        return migrator
    }

    /// The known migrations recorded in the file, in order; a damaged record names none.
    static func appliedMigrations(_ db: Database, of migrations: [SchemaMigration]) throws -> [String] {
        let recorded = try recordedIdentifiers(db)
        return migrations.map(\.identifier).filter { recorded.contains($0) }
    }

    /// What the file's migration record holds, text only (GRDB's own reader stops at a NULL).
    static func recordedIdentifiers(_ db: Database) throws -> [String] {
        guard try db.tableExists("grdb_migrations") else { return [] }
        var identifiers: [String] = []
        for value in try DatabaseValue.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations") {
            if case .string(let identifier) = value.storage { identifiers.append(identifier) }
        }
        return identifiers
    }

    /// Reads the schema state of the database without writing to it.
    static func state(of db: Database, against migrations: [SchemaMigration]) throws -> SchemaState {
        let known = migrations.map(\.identifier)
        let hasRecord = try db.tableExists("grdb_migrations")
        // A damaged record (NULL, BLOB) names no migration; `verify` reports the row.
        let applied = hasRecord ? try recordedIdentifiers(db) : []
        if applied.isEmpty {
            let userObjects =
                try Int.fetchOne(
                    db,
                    sql: """
                        SELECT count(*) FROM sqlite_master
                        WHERE name NOT LIKE 'sqlite_%' AND name <> 'grdb_migrations'
                        """) ?? 0
            return userObjects == 0 ? .empty : .foreign
        }
        let unknown = applied.filter { !known.contains($0) }.sorted()
        if !unknown.isEmpty {
            // A newer batt keeps our first migration and adds its own after it.
            guard let first = known.first, applied.contains(first) else { return .foreign }
            return .newer(unknown: unknown)
        }
        let appliedInOrder = known.filter { applied.contains($0) }
        return appliedInOrder == known ? .current : .older(applied: appliedInOrder)
    }
}
