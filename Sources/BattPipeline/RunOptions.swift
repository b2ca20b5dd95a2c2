import BattCache
import Foundation

/// Everything one `batt run` is asked to do.
public struct RunOptions: Sendable {
    /// ARC tasks: a folder of `<id>.json`, a Kaggle challenges/solutions pair, or one combined JSON.
    public var tasksPath: String
    /// Candidate solvers: a Python file of functions, or a folder tree of `.py` files.
    public var candidatesPath: String
    /// The task for candidates whose name and folder do not say it (`def solve(S, I, C)`).
    public var defaultTaskID: String?
    /// The cache file; nil runs without a cache.
    public var cachePath: String?
    /// A (possibly read-only) cache to start a missing cache from.
    public var seedPath: String?
    public var timeLimitSeconds: Double
    public var jobs: Int
    public var solverVersion: SolverVersion
    /// Elements one pair's evaluation may create before it counts as `budget`.
    public var budget: Int
    /// Longest inlined text materialised; longer programs are identified by their DAG hash.
    public var inlineTextCap: Int
    /// One JSON line per candidate.
    public var reportPath: String?
    /// Where to write each correct solver's inlined source.
    public var emitDirectory: String?
    /// Evaluate with this Python DSL instead of the native runtime.
    public var pythonDSL: PythonDSLOptions?
    /// Validate a task's candidates together, each distinct sub-expression once per pair
    /// (`--no-share` turns it off; verdicts are the same either way).
    public var sharesEvaluation = true
    /// How long a write waits for another process's write lock before the run goes on without storing.
    public var cacheBusyTimeout: Double = CacheStore.defaultBusyTimeout
    /// At most this many pages in the cache file; a write beyond fails as on a full disk (tests
    /// use it to show what a full disk does). nil: no cap but the disk's.
    public var cacheMaxPageCount: Int?
    /// Validate only the candidates of the tasks in this shard (nil: all of them).
    public var shard: Shard?

    public init(
        tasksPath: String, candidatesPath: String, defaultTaskID: String? = nil,
        cachePath: String? = nil, seedPath: String? = nil, timeLimitSeconds: Double = 1,
        jobs: Int = ProcessInfo.processInfo.activeProcessorCount,
        solverVersion: SolverVersion = SolverVersion(tag: nil), budget: Int = Validator.defaultBudget,
        inlineTextCap: Int = 1_000_000, reportPath: String? = nil, emitDirectory: String? = nil,
        pythonDSL: PythonDSLOptions? = nil
    ) {
        self.tasksPath = tasksPath
        self.candidatesPath = candidatesPath
        self.defaultTaskID = defaultTaskID
        self.cachePath = cachePath
        self.seedPath = seedPath
        self.timeLimitSeconds = timeLimitSeconds
        self.jobs = jobs
        self.solverVersion = solverVersion
        self.budget = budget
        self.inlineTextCap = inlineTextCap
        self.reportPath = reportPath
        self.emitDirectory = emitDirectory
        self.pythonDSL = pythonDSL
    }
}

/// `batt run --dsl`: which Python DSL, which interpreter, how much memory per worker.
public struct PythonDSLOptions: Sendable, Equatable {
    /// The DSL module, e.g. `fork/dsl.py`.
    public var dslPath: String
    /// The interpreter: a name looked up on PATH, or a path.
    public var python: String
    /// Address space each worker may add to what the imported DSL uses; nil: the default share of RAM.
    public var workerMemoryBytes: Int64?

    public init(dslPath: String, python: String = "python3", workerMemoryBytes: Int64? = nil) {
        self.dslPath = dslPath
        self.python = python
        self.workerMemoryBytes = workerMemoryBytes
    }

    /// The default memory per worker: half the machine's memory shared by the workers.
    public static func defaultWorkerMemory(workers: Int) -> Int64 {
        Int64(ProcessInfo.processInfo.physicalMemory / UInt64(2 * max(1, workers)))
    }
}
