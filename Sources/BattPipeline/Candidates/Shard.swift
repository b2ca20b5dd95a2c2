import BattLanguage
import Foundation

/// One of N parts of a run, chosen by task id, so that N independent processes together validate
/// exactly what one run would.
///
/// A task belongs to shard `md5(id) mod N`, where `md5(id)` is the MD5 digest of the id's UTF-8
/// bytes and its first 8 bytes are read as a big-endian unsigned 64-bit number. The rule depends
/// on nothing but the id and N: it is the same on every machine and in every batt version.
/// Candidates whose task is not known (they are reported as invalid) count as the task `""`.
public struct Shard: Sendable, Hashable, CustomStringConvertible {
    /// From 0 to `count - 1`.
    public let index: Int
    public let count: Int

    /// Largest N accepted: more shards than this would leave most of them empty.
    public static let maximumCount = 100_000

    public init(index: Int, count: Int) throws(ShardError) {
        guard count >= 1, count <= Shard.maximumCount else {
            throw .invalid(
                "\(index)/\(count)", "the shard count must be 1 to \(Shard.maximumCount), the index 0 to COUNT-1")
        }
        guard index >= 0, index < count else {
            throw .invalid(
                "\(index)/\(count)",
                "the index must be 0 to \(count - 1) (shards are numbered from 0; COUNT is 1 to \(Shard.maximumCount))")
        }
        self.index = index
        self.count = count
    }

    public var description: String { "\(index)/\(count)" }

    /// The shard, 0 to `count - 1`, holding the task `taskID`.
    public static func of(taskID: String, count: Int) -> Int {
        let hex = MD5Hex.digest(of: Array(taskID.utf8))
        let leading = UInt64(hex.prefix(16), radix: 16) ?? 0
        return Int(leading % UInt64(count))
    }

    /// Whether this shard holds the task `taskID` (nil: a candidate without a task).
    public func holds(taskID: String?) -> Bool {
        count == 1 || Shard.of(taskID: taskID ?? "", count: count) == index
    }

    /// Parses `I/N` (e.g. `0/4`).
    public static func parse(_ text: String) throws(ShardError) -> Shard {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let index = Int(parts[0].trimmingCharacters(in: .whitespaces)),
            let count = Int(parts[1].trimmingCharacters(in: .whitespaces))
        else {
            throw .invalid(
                text,
                "write it as INDEX/COUNT, COUNT 1 to \(Shard.maximumCount) and INDEX 0 to COUNT-1, e.g. 0/4 for the first of 4 shards"
            )
        }
        return try Shard(index: index, count: count)
    }

    /// The shard a scheduler gave this process through the environment, for `--shard env`:
    /// a Slurm job array (`SLURM_ARRAY_TASK_ID` counted from `SLURM_ARRAY_TASK_MIN`, of
    /// `SLURM_ARRAY_TASK_COUNT`), or a Kubernetes Indexed Job (`JOB_COMPLETION_INDEX`, of
    /// `count`, or else `BATT_SHARD_COUNT`). `BATT_SHARD_INDEX` with `BATT_SHARD_COUNT` works
    /// anywhere else (a set of Kaggle notebooks, a shell loop).
    public static func fromEnvironment(_ environment: [String: String], count: Int? = nil) throws(ShardError) -> Shard {
        func number(_ name: String) throws(ShardError) -> Int? {
            // An empty variable counts as unset, as shells export them.
            guard let text = environment[name], !text.trimmingCharacters(in: .whitespaces).isEmpty else { return nil }
            guard let value = Int(text.trimmingCharacters(in: .whitespaces)) else {
                throw .invalid("\(name)=\(text)", "\(name) must be a whole number")
            }
            return value
        }
        var explicitCount = count
        if explicitCount == nil { explicitCount = try number("BATT_SHARD_COUNT") }
        if let id = try number("SLURM_ARRAY_TASK_ID") {
            var total = explicitCount
            if total == nil { total = try number("SLURM_ARRAY_TASK_COUNT") }
            guard let total else {
                throw .invalid(
                    "SLURM_ARRAY_TASK_ID=\(id)",
                    "SLURM_ARRAY_TASK_COUNT is not set (Slurm before 18.08?): give --shard-count N")
            }
            let first = try number("SLURM_ARRAY_TASK_MIN")
            return try Shard(index: id - (first ?? 0), count: total)
        }
        if let index = try number("JOB_COMPLETION_INDEX") {
            guard let total = explicitCount else {
                throw .invalid(
                    "JOB_COMPLETION_INDEX=\(index)",
                    "a Kubernetes Indexed Job does not say how many shards there are: give --shard-count N (the Job's completions) or set BATT_SHARD_COUNT"
                )
            }
            return try Shard(index: index, count: total)
        }
        if let index = try number("BATT_SHARD_INDEX"), let total = explicitCount {
            return try Shard(index: index, count: total)
        }
        throw .invalid(
            "env",
            "no shard in the environment: none of SLURM_ARRAY_TASK_ID, JOB_COMPLETION_INDEX, BATT_SHARD_INDEX with BATT_SHARD_COUNT is set; give --shard INDEX/COUNT"
        )
    }
}

/// Why a `--shard` cannot be used.
public enum ShardError: Error, CustomStringConvertible {
    case invalid(String, String)

    public var description: String {
        switch self {
        case .invalid(let text, let reason): return "--shard '\(text)' cannot be used: \(reason)"
        }
    }
}
