import Foundation
import GRDB

/// How a validation ended.
public enum Outcome: String, Sendable, Hashable, CaseIterable, Codable {
    /// Every pair right.
    case correct
    /// Ran to the end, some pair wrong (a failing sample counts as wrong).
    case wrong
    /// An exception stopped the program.
    case error
    /// The time limit stopped it.
    case timeout
    /// The memory or size budget stopped it.
    case budget

    /// Whether the run finished, so that a longer limit could not change the verdict.
    public var isConclusive: Bool {
        switch self {
        case .correct, .wrong, .error: return true
        case .timeout, .budget: return false
        }
    }
}

/// The identity of a verdict: which solver, on which task content, under which semantics.
public struct VerdictKey: Sendable, Hashable, CustomStringConvertible {
    public var solverMD5: String
    /// Hash of the task's pairs.
    public var taskFingerprint: String
    /// Runtime version plus optional user tag.
    public var solverVersion: String

    public init(solverMD5: String, taskFingerprint: String, solverVersion: String) {
        self.solverMD5 = solverMD5
        self.taskFingerprint = taskFingerprint
        self.solverVersion = solverVersion
    }

    public var description: String { "\(solverMD5)/\(taskFingerprint)/\(solverVersion)" }
}

/// One validation result, as the cache remembers it.
public struct VerdictRecord: Sendable, Hashable {
    public var key: VerdictKey
    public var taskID: String
    public var outcome: Outcome
    /// One character per pair, demonstrations then tests: `1` right, `0` wrong, `E` raised,
    /// `-` not run (the limit had run out), `?` a test without a known output.
    public var pairResults: String
    public var demoCorrect: Int
    public var demoCount: Int
    public var testCorrect: Int
    public var testCount: Int
    public var elapsedSeconds: Double
    /// nil: validated without a limit.
    public var timeLimitSeconds: Double?
    public var errorMessage: String?
    public var createdAt: Date
    public var lastUsedAt: Date
    /// How many times a run was served this verdict from the cache.
    public var hitCount: Int

    public init(
        key: VerdictKey, taskID: String, outcome: Outcome, pairResults: String,
        demoCorrect: Int, demoCount: Int, testCorrect: Int, testCount: Int,
        elapsedSeconds: Double, timeLimitSeconds: Double?, errorMessage: String? = nil,
        createdAt: Date = Date(), lastUsedAt: Date? = nil, hitCount: Int = 0
    ) {
        self.key = key
        self.taskID = taskID
        self.outcome = outcome
        self.pairResults = pairResults
        self.demoCorrect = demoCorrect
        self.demoCount = demoCount
        self.testCorrect = testCorrect
        self.testCount = testCount
        self.elapsedSeconds = elapsedSeconds
        self.timeLimitSeconds = timeLimitSeconds
        self.errorMessage = errorMessage
        self.createdAt = createdAt
        self.lastUsedAt = lastUsedAt ?? createdAt
        self.hitCount = hitCount
    }

    public var correctPairs: Int { demoCorrect + testCorrect }

    /// Whether this verdict answers a run with time limit `limit` (nil: none).
    ///
    /// A `timeout` is reused only when the new limit is not larger; any other
    /// verdict whose elapsed time exceeds a smaller new limit is re-checked,
    /// since under that limit it would have timed out.
    public func isReusable(underTimeLimit limit: Double?) -> Bool {
        if outcome == .timeout {
            guard let cachedLimit = timeLimitSeconds else { return true }
            guard let limit else { return false }
            return limit <= cachedLimit
        }
        if let limit, elapsedSeconds > limit { return false }
        return true
    }
}

extension VerdictRecord {
    static let columns = """
        solver_md5, task_fingerprint, solver_version, task_id, outcome, pair_results, \
        demo_correct, demo_count, test_correct, test_count, elapsed_seconds, time_limit_seconds, \
        error_message, created_at, last_used_at, hit_count
        """

    /// Decodes a row selected with ``columns``.
    init(row: Row) throws {
        let outcomeText: String = row[4]
        guard let outcome = Outcome(rawValue: outcomeText) else {
            throw CacheError.invalidRow(table: "verdicts", reason: "unknown outcome '\(outcomeText)'")
        }
        let pairText: String = row[5]
        self.init(
            key: VerdictKey(solverMD5: row[0], taskFingerprint: row[1], solverVersion: row[2]),
            taskID: row[3], outcome: outcome, pairResults: pairText,
            demoCorrect: row[6], demoCount: row[7], testCorrect: row[8], testCount: row[9],
            elapsedSeconds: row[10], timeLimitSeconds: row[11], errorMessage: row[12],
            createdAt: Date(timeIntervalSince1970: row[13]),
            lastUsedAt: Date(timeIntervalSince1970: row[14]), hitCount: row[15])
    }

    var databaseArguments: StatementArguments {
        [
            key.solverMD5, key.taskFingerprint, key.solverVersion, taskID, outcome.rawValue,
            pairResults, demoCorrect, demoCount, testCorrect, testCount, elapsedSeconds,
            timeLimitSeconds, errorMessage, createdAt.timeIntervalSince1970,
            lastUsedAt.timeIntervalSince1970, hitCount,
        ]
    }
}
