import BattCache
import Foundation
import Testing

@testable import BattPipeline

/// `--shard I/N`: which tasks a shard holds, how it is read from a scheduler, and that the shards
/// of a run together give exactly that run.
@Suite struct ShardTests {
    /// The rule is part of the interface: md5 of the id, first 8 bytes big-endian, mod N. These
    /// values were computed from that rule outside batt (Python's hashlib); a change here breaks
    /// every user who mixes batt versions across machines.
    @Test(arguments: [
        ("007bbfb7", 2, 1), ("007bbfb7", 4, 1), ("007bbfb7", 7, 3),
        ("00d62c1b", 2, 0), ("00d62c1b", 4, 0), ("00d62c1b", 7, 1),
        ("a1a1a1a1", 4, 3), ("a1a1a1a1", 7, 0), ("b2b2b2b2", 7, 5), ("c3c3c3c3", 7, 1),
        ("", 7, 0), ("anything", 1, 0),
    ])
    func aTaskBelongsToTheShardOfItsIdDigest(task: String, count: Int, shard: Int) {
        #expect(Shard.of(taskID: task, count: count) == shard)
    }

    @Test func everyTaskIsInExactlyOneShard() throws {
        let ids = (0..<500).map { String(format: "%08x", $0 &* 2_654_435_761) }
        for count in [1, 2, 4, 7] {
            let shards = try (0..<count).map { try Shard(index: $0, count: count) }
            for id in ids { #expect(shards.filter { $0.holds(taskID: id) }.count == 1) }
        }
    }

    @Test(arguments: ["0/4", "3/4", " 1 / 2 ", "0/1"])
    func indexOverCountIsAShard(text: String) throws {
        let shard = try Shard.parse(text)
        #expect(shard.description == text.replacingOccurrences(of: " ", with: ""))
    }

    @Test(arguments: [
        ("4/4", "the index must be 0 to 3"), ("-1/4", "the index must be 0 to 3"), ("1/0", "the shard count must be"),
        ("2", "write it as INDEX/COUNT"), ("a/b", "write it as INDEX/COUNT"), ("1/2/3", "write it as INDEX/COUNT"),
    ])
    func anythingElseIsRefusedQuotingIt(text: String, reason: String) {
        #expect {
            try Shard.parse(text)
        } throws: { error in
            let message = "\(error)"
            return message.contains("'\(text)'") && message.contains(reason)
        }
    }

    @Test func aSlurmArrayGivesItsIndexCountedFromItsFirstTask() throws {
        let zeroBased = try Shard.fromEnvironment(["SLURM_ARRAY_TASK_ID": "2", "SLURM_ARRAY_TASK_COUNT": "4"])
        #expect(zeroBased == (try Shard(index: 2, count: 4)))
        let oneBased = try Shard.fromEnvironment([
            "SLURM_ARRAY_TASK_ID": "4", "SLURM_ARRAY_TASK_MIN": "1", "SLURM_ARRAY_TASK_COUNT": "4",
        ])
        #expect(oneBased == (try Shard(index: 3, count: 4)))
    }

    @Test func aKubernetesIndexedJobNeedsTheCountGiven() throws {
        let environment = ["JOB_COMPLETION_INDEX": "5"]
        #expect(try Shard.fromEnvironment(environment, count: 7) == (try Shard(index: 5, count: 7)))
        var withVariable = environment
        withVariable["BATT_SHARD_COUNT"] = "8"
        #expect(try Shard.fromEnvironment(withVariable) == (try Shard(index: 5, count: 8)))
        #expect {
            try Shard.fromEnvironment(environment)
        } throws: { "\($0)".contains("--shard-count") }
    }

    @Test func battVariablesWorkAnywhereAndAnEmptyEnvironmentIsRefused() throws {
        #expect(
            try Shard.fromEnvironment(["BATT_SHARD_INDEX": "1", "BATT_SHARD_COUNT": "3"])
                == (try Shard(index: 1, count: 3)))
        #expect { try Shard.fromEnvironment([:]) } throws: { "\($0)".contains("SLURM_ARRAY_TASK_ID") }
        #expect {
            try Shard.fromEnvironment(["SLURM_ARRAY_TASK_ID": "", "JOB_COMPLETION_INDEX": " "])
        } throws: { "\($0)".contains("no shard in the environment") }
        #expect {
            try Shard.fromEnvironment(["SLURM_ARRAY_TASK_ID": "x", "SLURM_ARRAY_TASK_COUNT": "4"])
        } throws: { "\($0)".contains("SLURM_ARRAY_TASK_ID=x") }
    }

    @Test(arguments: [1, 2, 4, 7])
    func theShardsOfTheFixtureRunTogetherGiveTheSingleRun(count: Int) async throws {
        let folder = try TemporaryFolder()
        let comparison = try await ShardedRun.compare(
            .fixture(cache: folder.path("single.sqlite")), count: count, in: folder)
        #expect(comparison.single.count == 10)
        #expect(comparison.union == comparison.single)
        #expect(comparison.mergedTotals == comparison.singleTotals)
    }

    @Test func aShardRunSaysWhichShardItIsAndValidatesOnlyItsTasks() async throws {
        let folder = try TemporaryFolder()
        var options = RunOptions.fixture(cache: folder.path("cache.sqlite"))
        options.shard = try Shard(index: 0, count: 7)  // a1a1a1a1 is in shard 0, b2b2b2b2 in 5
        let outcome = try await run(options)
        #expect(outcome.summary.shard == "0/7")
        #expect(Set(outcome.results.compactMap(\.task)) == ["a1a1a1a1"])
        #expect(outcome.summary.tasks.map(\.task) == ["a1a1a1a1"])
    }
}

/// The same candidates in one run and in N shard runs with their own caches, merged.
enum ShardedRun {
    struct Comparison {
        /// Each candidate's verdict, by file, line and function, without timing.
        var single: [String: CandidateResult]
        var union: [String: CandidateResult]
        var singleTotals: Totals
        var mergedTotals: Totals
    }

    /// What `batt cache inspect --json` totals: solver rows, distinct solvers, verdicts by
    /// version and outcome, stale and damaged verdicts.
    struct Totals: Equatable {
        var solvers: Int
        var distinctSolvers: Int
        var verdicts: Int
        var byOutcome: [Outcome: Int]
        var byVersion: [String: Int]
        var stale: Int?
        var damaged: Int

        init(_ path: String) throws {
            let summary = try CacheStore(path: path, mode: .readOnly).inspect()
            solvers = summary.solvers
            distinctSolvers = summary.distinctSolvers
            verdicts = summary.verdicts
            byOutcome = summary.verdictsByOutcome
            byVersion = Dictionary(
                uniqueKeysWithValues: summary.verdictsByVersion.map { ($0.solverVersion, $0.verdicts) })
            stale = summary.staleVerdicts
            damaged = summary.damagedVerdicts
        }
    }

    static func compare(_ options: RunOptions, count: Int, in folder: TemporaryFolder) async throws -> Comparison {
        let single = try await run(options)
        var union: [String: CandidateResult] = [:]
        var shardCaches: [String] = []
        for index in 0..<count {
            var shardOptions = options
            shardOptions.cachePath = folder.path("shard-\(count)-\(index).sqlite")
            shardOptions.shard = try Shard(index: index, count: count)
            let outcome = try await run(shardOptions)
            for result in outcome.results {
                #expect(union.updateValue(result.withoutTiming, forKey: key(result)) == nil, "in two shards")
            }
            shardCaches.append(shardOptions.cachePath ?? "")
        }
        let merged = folder.path("merged-\(count).sqlite")
        _ = try CacheStore(path: merged).merge(sources: shardCaches)
        return Comparison(
            single: Dictionary(uniqueKeysWithValues: single.results.map { (key($0), $0.withoutTiming) }),
            union: union, singleTotals: try Totals(options.cachePath ?? ""), mergedTotals: try Totals(merged))
    }

    static func key(_ result: CandidateResult) -> String { "\(result.file):\(result.line):\(result.function)" }
}
