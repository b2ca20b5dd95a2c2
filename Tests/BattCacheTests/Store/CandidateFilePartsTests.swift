import Foundation
import GRDB
import Testing

@testable import BattCache

/// A candidate file's record is stored and read in parts, so a record of a million functions is
/// never in memory at once; records of caches from before parts read as one part.
@Suite struct CandidateFilePartsTests {
    static let key = CandidateFileKey(
        fileDigest: "0123456789abcdef0123456789abcdef", context: "c", languageVersion: "v")

    static func parts(of store: CacheStore, _ key: CandidateFileKey = key) throws -> [String]? {
        var parts: [String] = []
        return try store.readCandidateFile(key, each: { parts.append($0) }) ? parts : nil
    }

    @Test func partsAreReadBackInOrder() throws {
        let folder = try TemporaryFolder()
        let store = try CacheStore(path: folder.path("cache.sqlite"))
        let parts = (0..<12).map { "U\t0\npart \($0)" }
        try store.storeCandidateFileParts([Self.key: parts])
        #expect(try Self.parts(of: store) == parts)
        #expect(try store.candidateFiles([Self.key])[Self.key] == parts.joined(separator: "\n"))
    }

    @Test func storingAgainReplacesEveryPart() throws {
        let folder = try TemporaryFolder()
        let store = try CacheStore(path: folder.path("cache.sqlite"))
        try store.storeCandidateFileParts([Self.key: ["a", "b", "c"]])
        try store.storeCandidateFileParts([Self.key: ["d"]])
        #expect(try Self.parts(of: store) == ["d"])
    }

    @Test func anUnknownKeyHasNoRecord() throws {
        let folder = try TemporaryFolder()
        let store = try CacheStore(path: folder.path("cache.sqlite"))
        let other = CandidateFileKey(fileDigest: "ffffffffffffffffffffffffffffffff", context: "c", languageVersion: "v")
        try store.storeCandidateFileParts([Self.key: ["a"]])
        #expect(try Self.parts(of: store, other) == nil)
    }

    @Test func aRecordWithAMissingPartIsNoRecord() throws {
        let folder = try TemporaryFolder()
        let store = try CacheStore(path: folder.path("cache.sqlite"))
        try store.storeCandidateFileParts([Self.key: ["a", "b", "c"]])
        try store.writer.write { db in
            try db.execute(sql: "DELETE FROM candidate_files WHERE part = 1")
        }
        #expect(try Self.parts(of: store) == nil)
    }

    @Test func aRecordOfTheSchemaBeforePartsIsMigratedAsItsFirstPart() throws {
        let folder = try TemporaryFolder()
        let path = folder.path("cache.sqlite")
        let before = Array(SchemaMigration.embedded.prefix { $0.identifier != "0006_candidate_file_parts" })
        #expect(before.count == 5)
        do {
            let old = try CacheStore(path: path, mode: .readWrite, migrations: before)
            try old.writer.write { db in
                try db.execute(
                    sql: """
                        INSERT INTO candidate_files
                            (file_digest, context, language_version, contents, created_at, last_used_at)
                        VALUES (?, ?, ?, ?, 1, 1)
                        """,
                    arguments: [Self.key.fileDigest, Self.key.context, Self.key.languageVersion, "U\t0\nF\tline"])
            }
        }
        let upgraded = try CacheStore(path: path)
        #expect(try upgraded.appliedMigrations() == SchemaMigration.supportedIdentifiers)
        #expect(try Self.parts(of: upgraded) == ["U\t0\nF\tline"])
    }
}
