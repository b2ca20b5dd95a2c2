import Foundation
import GRDB

/// What a run serves a cached verdict from: the columns of a `verdicts` row that say how the
/// validation went, and when the verdict was last used. (`VerdictRecord` is the whole row.)
public struct StoredVerdict: Sendable, Hashable {
    public var outcome: Outcome
    /// One character per pair, as in ``VerdictRecord/pairResults``.
    public var pairResults: String
    public var demoCorrect: Int
    public var demoCount: Int
    public var testCorrect: Int
    public var testCount: Int
    public var elapsedSeconds: Double
    public var timeLimitSeconds: Double?
    public var budget: Int?
    public var errorMessage: String?
    public var lastUsedAt: Date

    /// Whether this verdict answers a run with time limit `limit` and size budget `budget`: the
    /// rule of ``VerdictRecord/isReusable(underTimeLimit:budget:)``.
    public func isReusable(underTimeLimit limit: Double?, budget newBudget: Int) -> Bool {
        VerdictRecord.isReusable(
            outcome: outcome, elapsedSeconds: elapsedSeconds, timeLimitSeconds: timeLimitSeconds, budget: budget,
            underTimeLimit: limit, newBudget: newBudget)
    }
}

extension StoredVerdict {
    /// The columns decoded, in order, each with `prefix` (a table alias): those a verdict is
    /// served from, then the others that are only checked to hold what batt writes there, as
    /// ``VerdictRecord/init(row:)`` checks them (the key columns were matched as text).
    static func columns(prefix: String) -> String {
        [
            "outcome", "pair_results", "demo_correct", "demo_count", "test_correct", "test_count",
            "elapsed_seconds", "time_limit_seconds", "error_message", "last_used_at", "budget",
            "task_id", "created_at", "hit_count",
        ].map { prefix + $0 }.joined(separator: ", ")
    }

    /// Decodes `columns(prefix:)` from column 1 on of `read`.
    /// - Throws: ``CacheError/invalidRow(table:reason:)`` for a row batt would never write.
    init(_ read: RowReader) throws {
        let outcomeText = try read.text(1, "outcome")
        guard let outcome = Outcome(rawValue: outcomeText) else {
            throw read.invalid("outcome", "is '\(outcomeText)', not one of \(Outcome.allCases.map(\.rawValue))")
        }
        self.init(
            outcome: outcome, pairResults: try read.text(2, "pair_results"),
            demoCorrect: try read.integer(3, "demo_correct"), demoCount: try read.integer(4, "demo_count"),
            testCorrect: try read.integer(5, "test_correct"), testCount: try read.integer(6, "test_count"),
            elapsedSeconds: try read.real(7, "elapsed_seconds"),
            timeLimitSeconds: try read.optionalReal(8, "time_limit_seconds", atLeast: .leastNonzeroMagnitude),
            budget: try read.isNull(11) ? nil : read.integer(11, "budget", in: 1...Int64.max),
            errorMessage: try read.optionalText(9, "error_message"),
            lastUsedAt: Date(timeIntervalSince1970: try read.real(10, "last_used_at")))
        try read.requireText(12, "task_id")
        _ = try read.real(13, "created_at")
        _ = try read.integer(14, "hit_count", in: 0...Int64(Int32.max))
        if let problem = VerdictRecord.ruleViolation(
            pairResults: pairResults, demoCorrect: demoCorrect, demoCount: demoCount, testCorrect: testCorrect,
            testCount: testCount)
        {
            throw CacheError.invalidRow(table: "verdicts", reason: problem)
        }
    }
}
