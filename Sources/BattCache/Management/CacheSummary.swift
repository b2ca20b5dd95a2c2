import Foundation

/// What `batt cache inspect` shows: totals, sizes, hit rates, largest tasks.
public struct CacheSummary: Sendable, Hashable {
    public struct VersionCount: Sendable, Hashable {
        public var solverVersion: String
        public var verdicts: Int
        /// Whether this is the version the caller runs (never stale).
        public var isCurrent: Bool
    }

    public struct TaskCount: Sendable, Hashable {
        public var taskID: String
        public var verdicts: Int
        public var correct: Int
    }

    /// Sums over the most recent runs.
    public struct HitRates: Sendable, Hashable {
        public var runs: Int
        public var candidates: Int
        public var inlineHits: Int
        public var inlineMisses: Int
        public var verdictHits: Int
        public var verdictMisses: Int

        /// Share of unique bodies found already inlined; nil without lookups.
        public var inlineHitRate: Double? { Self.rate(inlineHits, inlineMisses) }
        /// Share of verdict lookups served from the cache; nil without lookups.
        public var verdictHitRate: Double? { Self.rate(verdictHits, verdictMisses) }

        static func rate(_ hits: Int, _ misses: Int) -> Double? {
            hits + misses == 0 ? nil : Double(hits) / Double(hits + misses)
        }
    }

    /// nil for an in-memory cache.
    public var path: String?
    public var accessMode: CacheStore.AccessMode
    public var appliedMigrations: [String]
    public var supportedMigrations: [String]

    /// Bytes of the main file and of its `-wal` (0 when absent or in memory).
    public var fileBytes: Int
    public var walBytes: Int
    public var pageSize: Int
    public var pageCount: Int
    /// Pages a vacuum would give back.
    public var freePages: Int

    public var solvers: Int
    /// Distinct solver md5s among the solvers rows.
    public var distinctSolvers: Int
    public var verdicts: Int
    public var verdictsByOutcome: [Outcome: Int]
    /// Most verdicts first.
    public var verdictsByVersion: [VersionCount]
    /// Verdicts of versions other than the current one; nil when no current version was given.
    public var staleVerdicts: Int?
    public var runs: Int
    public var recentHitRates: HitRates
    /// Most verdicts first.
    public var largestTasks: [TaskCount]
    /// Verdicts whose solver version or outcome is not one batt writes (see `batt cache verify`);
    /// counted in ``verdicts`` but in no outcome or version.
    public var damagedVerdicts = 0
}

/// A solver with the bodies that inline to it and all its verdicts.
public struct SolverDetails: Sendable, Hashable {
    public var solverMD5: String
    /// The solvers rows of every body that inlines to this solver.
    public var bodies: [SolverRecord]
    /// By task, then solver version.
    public var verdicts: [VerdictRecord]

    /// The inlined text, when some body row has it.
    public var inlinedText: String? { bodies.lazy.compactMap(\.inlinedText).first }
}
