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
    /// Elements one pair's evaluation could create; nil: not recorded (a row written before the
    /// budget was stored), so a verdict the budget could change is re-checked.
    public var budget: Int?
    public var errorMessage: String?
    public var createdAt: Date
    public var lastUsedAt: Date
    /// How many times a run was served this verdict from the cache.
    public var hitCount: Int

    public init(
        key: VerdictKey, taskID: String, outcome: Outcome, pairResults: String,
        demoCorrect: Int, demoCount: Int, testCorrect: Int, testCount: Int,
        elapsedSeconds: Double, timeLimitSeconds: Double?, budget: Int? = nil, errorMessage: String? = nil,
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
        self.budget = budget
        self.errorMessage = errorMessage
        self.createdAt = createdAt
        self.lastUsedAt = lastUsedAt ?? createdAt
        self.hitCount = hitCount
    }

    public var correctPairs: Int { demoCorrect + testCorrect }

    /// Whether this verdict answers a run with time limit `limit` (nil: none) and size budget
    /// `budget`.
    ///
    /// The time limit: a `timeout` is reused only when the new limit is not larger; any other
    /// verdict whose elapsed time exceeds a smaller new limit is re-checked, since under that
    /// limit it would have timed out. The budget, likewise: a `budget` verdict is reused only
    /// under a budget no larger; any other verdict only under a budget no smaller, since a smaller
    /// one could have stopped it (how much of its budget a run used is not recorded). A row
    /// without a recorded budget (written before budgets were) counts as the default budget's,
    /// except a `budget` verdict, which is always re-checked: its budget is what decided it.
    public func isReusable(underTimeLimit limit: Double?, budget newBudget: Int) -> Bool {
        Self.isReusable(
            outcome: outcome, elapsedSeconds: elapsedSeconds, timeLimitSeconds: timeLimitSeconds, budget: budget,
            underTimeLimit: limit, newBudget: newBudget)
    }

    static func isReusable(
        outcome: Outcome, elapsedSeconds: Double, timeLimitSeconds: Double?, budget: Int?,
        underTimeLimit limit: Double?, newBudget: Int
    ) -> Bool {
        if let cachedBudget = budget {
            if outcome == .budget {
                if newBudget > cachedBudget { return false }
            } else if newBudget < cachedBudget {
                return false
            }
        } else if outcome == .budget || newBudget < Self.budgetOfUnrecordedRows {
            return false
        }
        if outcome == .timeout {
            guard let cachedLimit = timeLimitSeconds else { return true }
            guard let limit else { return false }
            return limit <= cachedLimit
        }
        if let limit, elapsedSeconds > limit { return false }
        return true
    }

    /// The budget every run had before rows recorded theirs, unless `--budget` said otherwise.
    static let budgetOfUnrecordedRows = 16_000_000
}

extension VerdictRecord {
    static let columns = columns(prefix: "")

    /// The columns a record is decoded from, in order, each with `prefix` (a table alias).
    static func columns(prefix: String) -> String {
        [
            "solver_md5", "task_fingerprint", "solver_version", "task_id", "outcome", "pair_results",
            "demo_correct", "demo_count", "test_correct", "test_count", "elapsed_seconds", "time_limit_seconds",
            "error_message", "created_at", "last_used_at", "hit_count", "budget",
        ].map { prefix + $0 }.joined(separator: ", ")
    }

    /// Decodes a row selected with ``columns``, checking it against batt's rules.
    /// - Throws: ``CacheError/invalidRow(table:reason:)`` for a row batt would never write.
    init(row: Row) throws {
        let read = RowReader(row, table: "verdicts")
        let outcomeText = try read.text(4, "outcome")
        guard let outcome = Outcome(rawValue: outcomeText) else {
            throw read.invalid("outcome", "is '\(outcomeText)', not one of \(Outcome.allCases.map(\.rawValue))")
        }
        let maximum = Int64(Int32.max)
        self.init(
            key: VerdictKey(
                solverMD5: try read.text(0, "solver_md5"), taskFingerprint: try read.text(1, "task_fingerprint"),
                solverVersion: try read.text(2, "solver_version")),
            taskID: try read.text(3, "task_id"), outcome: outcome, pairResults: try read.text(5, "pair_results"),
            demoCorrect: try read.integer(6, "demo_correct"), demoCount: try read.integer(7, "demo_count"),
            testCorrect: try read.integer(8, "test_correct"), testCount: try read.integer(9, "test_count"),
            elapsedSeconds: try read.real(10, "elapsed_seconds"),
            timeLimitSeconds: try read.optionalReal(11, "time_limit_seconds", atLeast: .leastNonzeroMagnitude),
            budget: try read.isNull(16) ? nil : read.integer(16, "budget", in: 1...Int64.max),
            errorMessage: try read.optionalText(12, "error_message"),
            createdAt: Date(timeIntervalSince1970: try read.real(13, "created_at")),
            lastUsedAt: Date(timeIntervalSince1970: try read.real(14, "last_used_at")),
            hitCount: try read.integer(15, "hit_count", in: 0...maximum))
        if let problem = ruleViolation { throw CacheError.invalidRow(table: "verdicts", reason: problem) }
    }

    /// What makes this verdict one batt would never have written, if anything: a pair result
    /// that is not one, counts that disagree with the pair results.
    var ruleViolation: String? {
        Self.ruleViolation(
            pairResults: pairResults, demoCorrect: demoCorrect, demoCount: demoCount, testCorrect: testCorrect,
            testCount: testCount)
    }

    static func ruleViolation(
        pairResults: String, demoCorrect: Int, demoCount: Int, testCorrect: Int, testCount: Int
    ) -> String? {
        // Pair results are ASCII when valid: checked byte by byte in one pass (thousands of rows
        // are checked per run), quoted as text when not.
        var (count, demoRight, demoUnknown, testRight, testKnown) = (0, 0, 0, 0, 0)
        var foreign = false
        for byte in pairResults.utf8 {
            let isDemo = count < demoCount
            switch byte {
            case UInt8(ascii: "1"):
                if isDemo { demoRight += 1 } else { testRight += 1 }
                if !isDemo { testKnown += 1 }
            case UInt8(ascii: "0"), UInt8(ascii: "E"), UInt8(ascii: "-"):
                if !isDemo { testKnown += 1 }
            case UInt8(ascii: "?"):
                if isDemo { demoUnknown += 1 }
            default:
                foreign = true
            }
            count += 1
        }
        if foreign {
            let bad = pairResults.first { !"01E?-".contains($0) }.map(String.init) ?? ""
            return "pair_results '\(pairResults)' holds '\(bad)'; only 1, 0, E, ? and - are pair results"
        }
        if demoCorrect > demoCount { return "demo_correct \(demoCorrect) exceeds demo_count \(demoCount)" }
        if testCorrect > testCount { return "test_correct \(testCorrect) exceeds test_count \(testCount)" }
        // A solver that did not compile has no pair results; any other has one per pair.
        if count == 0 {
            if demoCorrect + testCorrect > 0 {
                return "no pair_results, yet \(demoCorrect + testCorrect) pairs right"
            }
            return nil
        }
        guard count >= demoCount else {
            return "pair_results '\(pairResults)' has fewer pairs than demo_count \(demoCount)"
        }
        if demoUnknown > 0 { return "pair_results '\(pairResults)' marks a demonstration unknown" }
        if demoRight != demoCorrect || testRight != testCorrect {
            return
                "pair_results '\(pairResults)' disagrees with demo_correct \(demoCorrect), test_correct \(testCorrect)"
        }
        if testKnown != testCount {
            return "pair_results '\(pairResults)' disagrees with test_count \(testCount)"
        }
        return nil
    }

    var databaseArguments: StatementArguments {
        [
            key.solverMD5, key.taskFingerprint, key.solverVersion, taskID, outcome.rawValue,
            pairResults, demoCorrect, demoCount, testCorrect, testCount, elapsedSeconds,
            timeLimitSeconds, errorMessage, createdAt.timeIntervalSince1970,
            lastUsedAt.timeIntervalSince1970, hitCount, budget,
        ]
    }
}
