import Foundation
import Testing

/// `--shard` through the executable: what it accepts, where `env` reads it, what it refuses.
@Suite(.enabled(if: BattBinary.isBuilt, "the batt executable is not built (swift build)"))
struct RunShardBinaryTests {
    /// Environment a test sets so that a scheduler's own variables around the test do not count.
    static let noScheduler = [
        "SLURM_ARRAY_TASK_ID": "", "SLURM_ARRAY_TASK_COUNT": "", "SLURM_ARRAY_TASK_MIN": "",
        "JOB_COMPLETION_INDEX": "",
    ]

    func run(_ extra: [String], environment: [String: String] = [:]) async throws -> BattRun {
        try await BattBinary.run(
            ["run", "--tasks", RunFixtures.exampleTasks, "--candidates", RunFixtures.exampleCandidates, "--no-cache"]
                + extra, environment: environment)
    }

    @Test func aSlurmArrayTaskRunsItsShardAndSaysSo() async throws {
        let result = try await run(
            ["--shard", "env", "--json"], environment: ["SLURM_ARRAY_TASK_ID": "1", "SLURM_ARRAY_TASK_COUNT": "2"])
        #expect(result.status == 0, "\(result)")
        let json = try result.json()
        #expect(json["shard"] as? String == "1/2")
    }

    @Test func theShardsOfTheExampleTogetherHoldEveryCandidateOnce() async throws {
        let whole = try await run(["--json"]).json()
        var candidates = 0
        var tasks: [String] = []
        for index in 0..<3 {
            let shard = try await run(["--shard", "\(index)/3", "--json"]).json()
            candidates += shard["candidates"] as? Int ?? -1
            tasks += (shard["tasks"] as? [[String: Any]] ?? []).compactMap { $0["task"] as? String }
        }
        #expect(candidates == whole["candidates"] as? Int)
        #expect(tasks.sorted() == (whole["tasks"] as? [[String: Any]] ?? []).compactMap { $0["task"] as? String })
    }

    @Test(arguments: [
        (["--shard", "4/4"], "--shard '4/4' cannot be used: the index must be 0 to 3"),
        (["--shard", "half"], "write it as INDEX/COUNT"),
        (["--shard-count", "3"], "--shard-count applies only with --shard env"),
    ])
    func aBadShardIsRefusedBeforeAnythingRuns(arguments: [String], message: String) async throws {
        let result = try await run(arguments)
        #expect(result.status == 64, "\(result)")
        #expect(result.stderr.contains(message), "\(result)")
    }

    @Test func envWithoutAnIndexInTheEnvironmentSaysWhichVariablesItReads() async throws {
        let result = try await run(["--shard", "env"], environment: Self.noScheduler)
        #expect(result.status == 1, "\(result)")
        #expect(result.stderr.contains("SLURM_ARRAY_TASK_ID"), "\(result)")
    }

    @Test func submitShardsOnlyTheCandidatesItValidates() async throws {
        let result = try await BattBinary.run([
            "submit", "--tasks", RunFixtures.exampleTasks, "--shard", "0/2", "--out", "/dev/null",
        ])
        #expect(result.status == 64, "\(result)")
        #expect(result.stderr.contains("give --candidates too"), "\(result)")
    }
}
