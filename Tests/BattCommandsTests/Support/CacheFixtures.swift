import ArgumentParser
import Foundation
import Testing

@testable import BattCache
@testable import BattCommands

/// Caches built in-process, so each test states only what it is about.
enum CacheFixture {
    static let epoch = Date(timeIntervalSince1970: 1_750_000_000)
    /// The version `batt` runs with no tag.
    static let current = "batt-dsl-2"

    static func md5(_ solver: Int) -> String { String(format: "%032x", solver) }

    static func verdict(
        _ solver: Int, task: String = "t1", version: String = current, outcome: Outcome = .wrong,
        pairs: String = "101", elapsed: Double = 0.002, limit: Double? = 1, created: Double = 0,
        lastUsed: Double? = nil, hits: Int = 0
    ) -> VerdictRecord {
        let right = pairs.map { $0 == "1" }
        return VerdictRecord(
            key: VerdictKey(solverMD5: md5(solver), taskFingerprint: "fp-\(task)", solverVersion: version),
            taskID: task, outcome: outcome, pairResults: pairs,
            demoCorrect: right.dropLast().filter { $0 }.count, demoCount: right.count - 1,
            testCorrect: right.suffix(1).filter { $0 }.count, testCount: 1,
            elapsedSeconds: elapsed, timeLimitSeconds: limit,
            errorMessage: outcome == .error ? "TypeError: unsupported operand" : nil,
            createdAt: epoch.addingTimeInterval(created), lastUsedAt: lastUsed.map { epoch.addingTimeInterval($0) },
            hitCount: hits)
    }

    static func solver(_ solver: Int, text: String? = "def solve(S, I, C):\n    return rot90(I)") -> SolverRecord {
        SolverRecord(
            bodyHash: "body-\(md5(solver))", solverMD5: md5(solver), inlinedText: text,
            textMaterialised: text != nil, inlinerVersion: "batt-inliner-1", createdAt: epoch)
    }

    static func run(hits: Int, misses: Int) -> RunRecord {
        RunRecord(
            startedAt: epoch, finishedAt: epoch.addingTimeInterval(2), solverVersion: current,
            candidates: hits + misses, uniqueBodies: hits + misses, inlineHits: hits, inlineMisses: misses,
            verdictHits: hits, verdictMisses: misses, validated: misses)
    }

    /// A cache file at `path` with `count` verdicts spread over `tasks` tasks, verdict `i` last used
    /// at second `i` (so higher numbers are more recently used), with solver rows and one run.
    @discardableResult
    static func cache(
        at path: String, verdicts count: Int, tasks: Int = 8, version: String = current, firstSolver: Int = 0
    ) throws -> CacheStore {
        let store = try CacheStore(path: path)
        let outcomes: [Outcome] = [.wrong, .wrong, .wrong, .correct, .error, .timeout, .budget]
        for start in stride(from: 0, to: count, by: 20_000) {
            let range = (firstSolver + start)..<(firstSolver + min(count, start + 20_000))
            try store.insert(
                verdicts: range.map { i in
                    verdict(
                        i, task: "task\(i % tasks)", version: version, outcome: outcomes[i % outcomes.count],
                        created: Double(i), lastUsed: Double(i))
                })
            try store.insert(solvers: range.map { solver($0) })
        }
        _ = try store.record(run: run(hits: count / 2, misses: count - count / 2))
        return store
    }

    /// A cache written by a newer batt: one more migration than this binary knows.
    static func newerSchemaCache(at path: String) throws {
        let newer =
            SchemaMigration.embedded + [
                SchemaMigration(identifier: "9999_future", sql: "CREATE TABLE future_things (x)")
            ]
        let store = try CacheStore(path: path, mode: .readWrite, migrations: newer)
        try store.insert(verdicts: [verdict(1)])
    }

    /// An SQLite database of another application, with a migration record of its own.
    static func foreignDatabase(at path: String) throws {
        _ = try CacheStore(
            path: path, mode: .readWrite,
            migrations: [
                SchemaMigration(
                    identifier: "0001_photos", sql: "CREATE TABLE photos (id INTEGER PRIMARY KEY, name TEXT)")
            ])
    }
}

/// Runs a `batt` command line in-process, as `batt` would, and returns what it would print.
enum CacheCommandLine {
    /// Parses `arguments` (after `batt`) into a cache subcommand.
    static func parse(_ arguments: [String]) throws -> any CacheSubcommand {
        let command = try Batt.parseAsRoot(arguments)
        return try #require(command as? any CacheSubcommand, "not a cache subcommand: \(arguments)")
    }

    static func execute(_ arguments: [String]) throws -> CacheCommandOutput {
        try parse(arguments).execute()
    }
}
