/// How a candidate fared on its task.
public enum Outcome: String, Sendable, Codable, CaseIterable, Comparable {
    /// Every pair with a known output came out right.
    case correct
    /// It ran on every pair without an exception and some output differs.
    case wrong
    /// At least one pair raised (a type error, an index error, ...); such a pair counts as wrong.
    case error
    /// The time limit ran out.
    case timeout
    /// The size budget ran out.
    case budget

    /// Best first: how the task's solvers are listed.
    private var rank: Int {
        switch self {
        case .correct: return 0
        case .wrong: return 1
        case .error: return 2
        case .timeout: return 3
        case .budget: return 4
        }
    }

    public static func < (a: Outcome, b: Outcome) -> Bool { a.rank < b.rank }
}

/// The result of one pair, written as one character in the cache and the report.
public enum PairResult: Character, Sendable, Codable {
    case correct = "1"
    case wrong = "0"
    case error = "E"
    /// Not run: the time limit or budget had run out.
    case notRun = "-"
    /// A test pair whose output the task does not give.
    case unknown = "?"
}

/// A validation verdict: what the pipeline stores per (solver, task, solver version).
public struct Verdict: Sendable, Equatable, Codable {
    public var outcome: Outcome
    /// Demonstration pairs first, then test pairs.
    public var pairResults: [PairResult]
    public var demoCorrect: Int
    public var demoCount: Int
    public var testCorrect: Int
    public var testCount: Int
    public var elapsedSeconds: Double
    public var timeLimitSeconds: Double
    public var errorMessage: String?

    public init(outcome: Outcome, pairResults: [PairResult], demoCorrect: Int, demoCount: Int,
                testCorrect: Int, testCount: Int, elapsedSeconds: Double, timeLimitSeconds: Double,
                errorMessage: String?) {
        self.outcome = outcome
        self.pairResults = pairResults
        self.demoCorrect = demoCorrect
        self.demoCount = demoCount
        self.testCorrect = testCorrect
        self.testCount = testCount
        self.elapsedSeconds = elapsedSeconds
        self.timeLimitSeconds = timeLimitSeconds
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
