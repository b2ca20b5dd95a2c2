import BattCache
import BattLanguage
import BattTasks
import Foundation
import Testing

@testable import BattPipeline

/// A run remembers which fingerprint each task file's bytes decode to, so a run served from the
/// cache hashes the task files instead of decoding them; what the cache remembers never outweighs
/// what a decoded file says.
@Suite struct TaskFileRecordTests {
    func remembered(in cache: String, for tasks: String) throws -> [String: String] {
        let store = try CacheStore(path: cache, mode: .readOnly)
        let digests = try TaskLoader.read(path: tasks).fileDigests
        return try store.taskFingerprints(forFileDigests: digests, decoderVersion: TaskFiles.decoderVersion)
    }

    @Test func aRunRemembersTheFingerprintOfEveryTaskFile() async throws {
        let folder = try TemporaryFolder()
        let cache = folder.path("cache.sqlite")
        _ = try await run(.fixture(cache: cache))

        let tasks = try TaskLoader.load(path: Fixtures.tasks)
        let expected = try Dictionary(
            uniqueKeysWithValues: tasks.sortedTasks.map {
                (try TaskFilesDigest.sha256(ofFile: $0.source), $0.fingerprint.hex)
            })
        #expect(try remembered(in: cache, for: Fixtures.tasks) == expected)
    }

    @Test func aWarmRunOverRememberedTaskFilesAnswersAsTheColdRunDid() async throws {
        let folder = try TemporaryFolder()
        let cache = folder.path("cache.sqlite")
        let cold = try await run(.fixture(cache: cache))
        let warm = try await run(.fixture(cache: cache))
        #expect(warm.summary.validated == 0)
        #expect(warm.summary.verdictHits == cold.summary.uniqueSolvers)
        #expect(warm.results.map(\.ignoringCacheAndTiming) == cold.results.map(\.ignoringCacheAndTiming))
    }

    @Test func aFingerprintRememberedWronglyIsCorrectedAndServesNoOtherTasksVerdict() async throws {
        let folder = try TemporaryFolder()
        let cache = folder.path("cache.sqlite")
        let cold = try await run(.fixture(cache: cache))
        // Claim that b2b2b2b2's file decodes to a1a1a1a1, which shares one solver with it.
        let tasks = try TaskLoader.load(path: Fixtures.tasks)
        let a = try #require(tasks["a1a1a1a1"])
        let b = try #require(tasks["b2b2b2b2"])
        let bDigest = try TaskFilesDigest.sha256(ofFile: b.source)
        try CacheStore(path: cache).storeTaskFingerprints(
            [bDigest: a.fingerprint.hex], decoderVersion: TaskFiles.decoderVersion)

        let warm = try await run(.fixture(cache: cache))
        #expect(warm.results.map(\.ignoringCacheAndTiming) == cold.results.map(\.ignoringCacheAndTiming))
        #expect(warm.summary.validated == 0)
        #expect(try remembered(in: cache, for: Fixtures.tasks)[bDigest] == b.fingerprint.hex)
    }

    @Test func anEditedTaskFileIsDecodedAgain() async throws {
        let folder = try TemporaryFolder()
        let cache = folder.path("cache.sqlite")
        let tasks = try folder.copy(Fixtures.tasks, as: "tasks")
        _ = try await run(.fixture(tasks: tasks, cache: cache))
        let path = tasks + "/c3c3c3c3.json"
        let edited = try String(contentsOfFile: path, encoding: .utf8) + "\n"
        try edited.write(toFile: path, atomically: true, encoding: .utf8)

        _ = try await run(.fixture(tasks: tasks, cache: cache))
        let remembered = try remembered(in: cache, for: tasks)
        #expect(remembered.count == 3)
        let decoded = try #require(try TaskLoader.load(path: tasks)["c3c3c3c3"])
        #expect(remembered[try TaskFilesDigest.sha256(ofFile: path)] == decoded.fingerprint.hex)
    }
}

enum TaskFilesDigest {
    static func sha256(ofFile path: String) throws -> String {
        FileDigest.hex(of: try [UInt8](Data(contentsOf: URL(fileURLWithPath: path))))
    }
}
