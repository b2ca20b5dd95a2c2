import Foundation
import Testing

@testable import BattCache

/// Where a store test keeps its database: GRDB-style, most store tests run on both.
enum StoreKind: String, CaseIterable, CustomTestStringConvertible {
    case inMemory
    case onDisk

    var testDescription: String { rawValue }
}

/// A store and the temporary folder that holds it (and anything the test writes next to it).
final class TestCache {
    let folder: TemporaryFolder
    let store: CacheStore

    init(_ kind: StoreKind) throws {
        folder = try TemporaryFolder()
        switch kind {
        case .inMemory: store = try CacheStore.inMemory()
        case .onDisk: store = try CacheStore(path: folder.path("cache.sqlite"))
        }
    }
}

/// Builders with defaults, so each test states only what it is about.
enum Fixture {
    static let epoch = Date(timeIntervalSince1970: 1_700_000_000)

    static func date(_ offset: Double) -> Date { epoch.addingTimeInterval(offset) }

    static func key(_ solver: Int, task: String = "t1", version: String = "v1") -> VerdictKey {
        VerdictKey(solverMD5: md5(solver), taskFingerprint: "fp-\(task)", solverVersion: version)
    }

    static func md5(_ solver: Int) -> String {
        String(String(format: "%032x", solver).suffix(32))
    }

    static func verdict(
        _ solver: Int, task: String = "t1", version: String = "v1", outcome: Outcome = .correct,
        pairs: String = "111", elapsed: Double = 0.01, limit: Double? = 1, error: String? = nil,
        created: Double = 0, lastUsed: Double? = nil, hits: Int = 0
    ) -> VerdictRecord {
        let results = pairs.map { $0 == "1" }
        let demos = Array(results.dropLast())
        let tests = Array(results.suffix(1))
        return VerdictRecord(
            key: key(solver, task: task, version: version), taskID: task, outcome: outcome,
            pairResults: pairs, demoCorrect: demos.filter { $0 }.count, demoCount: demos.count,
            testCorrect: tests.filter { $0 }.count, testCount: tests.count, elapsedSeconds: elapsed,
            timeLimitSeconds: limit, errorMessage: error, createdAt: date(created),
            lastUsedAt: lastUsed.map(date), hitCount: hits)
    }

    static func solver(
        _ body: Int, solver: Int? = nil, text: String? = "def solve(I):\n    return I",
        inliner: String = "i1", created: Double = 0
    ) -> SolverRecord {
        SolverRecord(
            bodyHash: "body-\(body)", solverMD5: md5(solver ?? body), inlinedText: text,
            textMaterialised: text != nil, inlinerVersion: inliner, createdAt: date(created))
    }

    static func run(started: Double = 0, version: String = "v1", hits: Int = 5, misses: Int = 5) -> RunRecord {
        RunRecord(
            startedAt: date(started), finishedAt: date(started + 2), solverVersion: version,
            candidates: 20, uniqueBodies: hits + misses, inlineHits: hits, inlineMisses: misses,
            verdictHits: hits, verdictMisses: misses, validated: misses,
            phaseSeconds: [PhaseTiming(phase: "parse", seconds: 0.5), PhaseTiming(phase: "validate", seconds: 1.25)])
    }
}

extension FileManager {
    func bytes(_ path: String) -> Data? { contents(atPath: path) }
}
