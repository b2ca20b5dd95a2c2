import BattCache
import Foundation

/// The result of one pair, written as one character in the cache and the report.
public enum PairResult: Character, Sendable {
    case correct = "1"
    case wrong = "0"
    case error = "E"
    /// Not run: the time limit or budget had run out.
    case notRun = "-"
    /// A test pair whose output the task does not give.
    case unknown = "?"

    /// The pair result a byte of a stored `pair_results` text stands for (served rows hold only
    /// these ASCII bytes).
    init?(ascii byte: UInt8) {
        switch byte {
        case UInt8(ascii: "1"): self = .correct
        case UInt8(ascii: "0"): self = .wrong
        case UInt8(ascii: "E"): self = .error
        case UInt8(ascii: "-"): self = .notRun
        case UInt8(ascii: "?"): self = .unknown
        default: return nil
        }
    }
}

/// A validation verdict: what the pipeline stores per (solver, task, solver version).
public struct Verdict: Sendable, Equatable {
    public var outcome: Outcome
    /// Demonstration pairs first, then test pairs.
    public var pairResults: [PairResult]
    public var demoCorrect: Int
    public var demoCount: Int
    public var testCorrect: Int
    public var testCount: Int
    public var elapsedSeconds: Double
    public var timeLimitSeconds: Double
    /// The size budget of each pair's evaluation; nil when a cache row does not say.
    public var budget: Int?
    public var errorMessage: String?

    public init(
        outcome: Outcome, pairResults: [PairResult], demoCorrect: Int, demoCount: Int,
        testCorrect: Int, testCount: Int, elapsedSeconds: Double, timeLimitSeconds: Double,
        budget: Int? = nil, errorMessage: String?
    ) {
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
    }

    public var pairResultText: String { String(pairResults.map(\.rawValue)) }

    /// The same verdict without its timing, for comparing runs.
    public var withoutTiming: Verdict {
        var copy = self
        copy.elapsedSeconds = 0
        return copy
    }
}

extension Verdict {
    /// The verdict a cache row holds.
    init(_ record: VerdictRecord) {
        self.init(
            outcome: record.outcome, pairResults: record.pairResults.utf8.map { PairResult(ascii: $0) ?? .wrong },
            demoCorrect: record.demoCorrect, demoCount: record.demoCount,
            testCorrect: record.testCorrect, testCount: record.testCount,
            elapsedSeconds: record.elapsedSeconds, timeLimitSeconds: record.timeLimitSeconds ?? 0,
            budget: record.budget, errorMessage: record.errorMessage)
    }
}

extension VerdictRecord {
    /// The cache row for a verdict just computed.
    init(_ verdict: Verdict, key: VerdictKey, taskID: String, at date: Date = Date()) {
        self.init(
            key: key, taskID: taskID, outcome: verdict.outcome, pairResults: verdict.pairResultText,
            demoCorrect: verdict.demoCorrect, demoCount: verdict.demoCount,
            testCorrect: verdict.testCorrect, testCount: verdict.testCount,
            elapsedSeconds: verdict.elapsedSeconds, timeLimitSeconds: verdict.timeLimitSeconds,
            budget: verdict.budget, errorMessage: verdict.errorMessage, createdAt: date)
    }
}
