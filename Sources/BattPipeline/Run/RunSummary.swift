import BattCache

/// Where a lookup's answer came from.
public enum LookupSource: String, Sendable, Codable {
    /// Found in the cache.
    case hit
    /// Not in the cache: computed in this run.
    case miss
    /// Answered by an earlier candidate of this run with the same body or solver.
    case shared
    /// Not looked up: the run has no cache, or the candidate could not run.
    case none
}

/// What happened to one candidate: a line of the `--report` file.
public struct CandidateResult: Sendable, Codable, Equatable {
    public var task: String?
    public var function: String
    public var file: String
    public var line: Int
    public var bodyHash: String?
    public var solverMD5: String?
    public var inlineCache: LookupSource
    public var verdictCache: LookupSource
    /// `correct`, `wrong`, `error`, `timeout`, `budget`, or `invalid` when it could not run.
    public var outcome: String
    public var pairResults: String?
    public var demoCorrect: Int?
    public var demoCount: Int?
    public var testCorrect: Int?
    public var testCount: Int?
    public var elapsedSeconds: Double?
    public var message: String?
    /// false when this run computed the verdict but could not store it (disk full, cache locked);
    /// nil otherwise.
    public var stored: Bool?

    enum CodingKeys: String, CodingKey {
        case task, function, file, line
        case bodyHash = "body_hash"
        case solverMD5 = "solver_md5"
        case inlineCache = "inline_cache"
        case verdictCache = "verdict_cache"
        case outcome
        case pairResults = "pairs"
        case demoCorrect = "demo_correct"
        case demoCount = "demo_count"
        case testCorrect = "test_correct"
        case testCount = "test_count"
        case elapsedSeconds = "elapsed"
        case message, stored
    }

    /// The result without its timing, for comparing runs.
    public var withoutTiming: CandidateResult {
        var copy = self
        copy.elapsedSeconds = nil
        return copy
    }
}

/// One row of the per-task table.
public struct TaskSummary: Sendable, Codable, Equatable {
    public var task: String
    public var candidates = 0
    public var uniqueBodies = 0
    public var uniqueSolvers = 0
    public var inlineHits = 0
    public var verdictHits = 0
    public var validated = 0
    public var correct = 0
    public var timeouts = 0
    public var errors = 0
    public var invalid = 0

    enum CodingKeys: String, CodingKey {
        case task, candidates
        case uniqueBodies = "unique_bodies"
        case uniqueSolvers = "unique_solvers"
        case inlineHits = "inline_hits"
        case verdictHits = "verdict_hits"
        case validated, correct, timeouts, errors, invalid
    }
}

/// Everything a run found, for the table, `--json` and the run record.
public struct RunSummary: Sendable, Codable {
    public var solverVersion: String
    public var cachePath: String?
    /// How the cache was opened: read-write, read-only, none.
    public var cacheMode: String
    public var candidates = 0
    /// Whether the cache knew every candidate file, so none was parsed again (direct mode).
    public var candidateFilesKnown = false
    /// Functions that did not even parse.
    public var unreadable = 0
    /// Candidates that parsed but cannot run (undefined names, unknown task, duplicate name...).
    public var invalid = 0
    public var uniqueBodies = 0
    public var uniqueSolvers = 0
    /// Unique (task, body) pairs whose solver the cache knew, and did not know.
    public var inlineHits = 0
    public var inlineMisses = 0
    /// Bodies inlined in this run (a body shared by several tasks is inlined once).
    public var inlined = 0
    public var verdictHits = 0
    public var verdictMisses = 0
    public var validated = 0
    /// Solvers too large to inline as text, identified by their DAG hash.
    public var dagHashedSolvers = 0
    public var outcomes: [String: Int] = [:]
    public var tasksWithCandidates = 0
    public var tasksSolved = 0
    public var staleVerdicts = 0
    /// Cached verdicts whose rows batt would never have written (hand-edited, damaged): they were
    /// validated again, and replaced when the cache is writable.
    public var untrustedVerdicts = 0
    /// Verdicts this run computed but could not store, and why (``cacheWriteFailure``).
    public var verdictsNotStored = 0
    /// Why the cache stopped taking writes during the run; nil when every write was made.
    public var cacheWriteFailure: String?
    /// Whether that was a full disk.
    public var cacheFull = false
    public var phases: [PhaseTiming] = []
    public var tasks: [TaskSummary] = []
    public var warnings: [String] = []
    public var diagnostics: [String] = []
    /// What evaluated the candidates, and how many Python workers it started.
    public var evaluator: EvaluatorActivity?
    /// `I/N` when the run validated one shard of the tasks (`--shard`).
    public var shard: String?
    /// Tasks solved now that the cache had no correct verdict for before this run (nil: no cache).
    public var newlySolved: [String]?
    /// Tasks of this run the cache held a correct verdict for that no candidate of this run has.
    public var lost: [String]?
    /// The slowest unique (task, solver) verdicts of the run, slowest first.
    public var slowest: [SlowSolver] = []

    enum CodingKeys: String, CodingKey {
        case solverVersion = "solver_version"
        case cachePath = "cache"
        case cacheMode = "cache_mode"
        case candidates
        case candidateFilesKnown = "candidate_files_known"
        case unreadable, invalid
        case uniqueBodies = "unique_bodies"
        case uniqueSolvers = "unique_solvers"
        case inlineHits = "inline_hits"
        case inlineMisses = "inline_misses"
        case inlined
        case verdictHits = "verdict_hits"
        case verdictMisses = "verdict_misses"
        case validated
        case dagHashedSolvers = "dag_hashed_solvers"
        case outcomes
        case tasksWithCandidates = "tasks_with_candidates"
        case tasksSolved = "tasks_solved"
        case staleVerdicts = "stale_verdicts"
        case untrustedVerdicts = "untrusted_verdicts"
        case verdictsNotStored = "verdicts_not_stored"
        case cacheWriteFailure = "cache_write_failure"
        case cacheFull = "cache_full"
        case phases, tasks, warnings, diagnostics, evaluator, shard
        case newlySolved = "newly_solved"
        case lost, slowest
    }

    public var totalSeconds: Double { phases.reduce(0) { $0 + $1.seconds } }
}

/// One of the slowest verdicts of a run.
public struct SlowSolver: Sendable, Codable, Equatable {
    public var task: String
    public var function: String
    public var file: String
    public var line: Int
    public var solverMD5: String
    public var outcome: String
    public var elapsedSeconds: Double
    /// Whether the verdict came from the cache (its time is that of the run that computed it).
    public var cached: Bool

    enum CodingKeys: String, CodingKey {
        case task, function, file, line
        case solverMD5 = "solver_md5"
        case outcome
        case elapsedSeconds = "elapsed"
        case cached
    }
}

/// What `Pipeline.run()` returns.
public struct RunOutcome: Sendable {
    public var summary: RunSummary
    /// One result per candidate, in the order the candidates were read.
    public var results: CandidateResults
    /// The inlined source of each correct solver whose text was materialised, by solver md5
    /// (gathered only when the run emits solvers).
    public var inlinedTexts: [String: String]
}
