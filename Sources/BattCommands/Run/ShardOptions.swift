import ArgumentParser
import BattPipeline
import Foundation

/// `--shard I/N` (or `--shard env`) and `--shard-count N`, shared by `batt run` and `batt submit`.
struct ShardOptions: ParsableArguments {
    // Unconditional, so `--shard -1/4` is answered with the range rather than "Missing value".
    @Option(
        name: .long, parsing: .unconditional,
        help: ArgumentHelp(
            "Validate only the tasks of shard INDEX/COUNT (0/4 to 3/4), or 'env' to read it from the scheduler.",
            discussion:
                "A task is in shard md5(id) mod COUNT (first 8 digest bytes, big-endian). 'env' reads SLURM_ARRAY_TASK_ID and SLURM_ARRAY_TASK_COUNT, JOB_COMPLETION_INDEX (Kubernetes; with --shard-count), or BATT_SHARD_INDEX and BATT_SHARD_COUNT."
        ))
    var shard: String?

    @Option(
        name: .long, parsing: .unconditional,
        help:
            "How many shards there are (1 to 100000), for --shard env when the scheduler does not say (Kubernetes: completions).",
        transform: { try WholeNumber.parse($0, in: 1...Shard.maximumCount) })
    var shardCount: Int?

    func validate() throws {
        if shardCount != nil && shard != "env" {
            throw ValidationError("--shard-count applies only with --shard env.")
        }
        if let shard, shard != "env" {
            do { _ = try Shard.parse(shard) } catch { throw ValidationError(error.description) }
        }
    }

    /// The shard to run, read from the environment for `--shard env`; nil without `--shard`.
    func resolve(_ environment: [String: String]) throws(ShardError) -> Shard? {
        guard let shard else { return nil }
        if shard == "env" { return try Shard.fromEnvironment(environment, count: shardCount) }
        return try Shard.parse(shard)
    }
}
