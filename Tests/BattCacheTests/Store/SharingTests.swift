import Foundation
import Testing

@testable import BattCache

/// Several stores on one file behave like several processes sharing it: SQLite's
/// locks, the busy timeout and immediate transactions serialise them.
@Suite struct SharingTests {
    @Test func concurrentFirstOpensOfOneFileMigrateItOnce() async throws {
        let folder = try TemporaryFolder()
        let path = folder.path("cache.sqlite")
        try await withThrowingTaskGroup(of: Void.self) { group in
            for worker in 0..<4 {
                group.addTask {
                    let store = try CacheStore(path: path)
                    try store.insert(verdicts: [Fixture.verdict(worker)])
                }
            }
            try await group.waitForAll()
        }
        let store = try CacheStore(path: path)
        #expect(try store.appliedMigrations() == SchemaMigration.supportedIdentifiers)
        #expect(try store.verdictCount() == 4)
    }

    @Test func storesSharingAFileSeeEachOthersBatches() async throws {
        let folder = try TemporaryFolder()
        let path = folder.path("cache.sqlite")
        let stores = try (0..<3).map { _ in try CacheStore(path: path) }
        let shared = Fixture.verdict(100_000)
        try stores[0].insert(verdicts: [shared])
        try await withThrowingTaskGroup(of: Void.self) { group in
            for (worker, store) in stores.enumerated() {
                group.addTask {
                    for batch in 0..<10 {
                        let first = (worker * 10 + batch) * 50
                        try store.insert(verdicts: (first..<first + 50).map { Fixture.verdict($0) })
                        try store.markUsed(keys: [shared.key], at: Fixture.date(Double(batch)))
                    }
                }
            }
            try await group.waitForAll()
        }
        #expect(try stores[0].verdictCount() == 1_501)
        #expect(try stores[1].verdicts(for: [shared.key])[shared.key]?.hitCount == 30)
    }
}
