import Foundation
import Testing

@testable import BattCache

@Suite struct EmbeddedMigrationsTests {
    /// The repository's `Migrations/` folder, found from this file's path.
    static let migrationsFolder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // Schema
        .deletingLastPathComponent()  // BattCacheTests
        .deletingLastPathComponent()  // Tests
        .deletingLastPathComponent()  // repository root
        .appendingPathComponent("Migrations")

    @Test func binaryEmbedsExactlyTheMigrationFiles() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.migrationsFolder.path)
            .filter { $0.hasSuffix(".sql") }
            .sorted()
        let onDisk = try files.map { name in
            SchemaMigration(
                identifier: String(name.dropLast(".sql".count)),
                sql: try String(contentsOf: Self.migrationsFolder.appendingPathComponent(name), encoding: .utf8))
        }
        #expect(!onDisk.isEmpty)
        #expect(
            onDisk.map(\.identifier) == SchemaMigration.embedded.map(\.identifier),
            "Run Scripts/embed-migrations.sh after changing Migrations/")
        for (file, embedded) in zip(onDisk, SchemaMigration.embedded) {
            #expect(file.sql == embedded.sql, "\(file.identifier) differs: run Scripts/embed-migrations.sh")
        }
    }

    @Test func migrationIdentifiersAreNumberedInOrder() {
        let identifiers = SchemaMigration.supportedIdentifiers
        #expect(identifiers == identifiers.sorted())
        #expect(identifiers.allSatisfy { $0.wholeMatch(of: /[0-9]{4}_[a-z0-9_]+/) != nil })
    }
}
