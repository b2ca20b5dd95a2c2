import Foundation

/// Which verdicts ``CacheStore/prune(_:)`` removes.
///
/// The selection criteria combine with AND: a verdict goes when it matches every
/// criterion given (`--status timeout --task X`: the timeouts of task X). With no
/// criterion, none matches. Then, when `maxSizeBytes` is set, the least recently
/// used of the remaining verdicts are evicted until the vacuumed file fits.
public struct PruneOptions: Sendable, Hashable {
    /// The version the caller runs; needed by `stale`.
    public var currentSolverVersion: String?
    /// Verdicts of any version other than `currentSolverVersion` and `otherCurrentVersions`.
    public var stale = false
    /// Versions that are current too, so `stale` keeps them: those of the Python DSLs (`--dsl`)
    /// whose files are unchanged.
    public var otherCurrentVersions: Set<String> = []
    /// Verdicts not used (nor created) for at least this long before `now`.
    public var unusedFor: Duration?
    public var now = Date()
    /// Verdicts with one of these outcomes; empty: any.
    public var outcomes: Set<Outcome> = []
    /// Verdicts of these task ids; empty: any.
    public var taskIDs: Set<String> = []
    /// Remove the solvers rows no verdict refers to (bodies inlined by a run that stored no
    /// verdict for them: killed, or on a full disk). `maxSizeBytes` removes them first anyway.
    public var orphans = false
    /// Evict least-recently-used verdicts until the file, vacuumed, is at most this big: first the
    /// solvers rows no verdict refers to, then the fewest least-recently-used verdicts that make
    /// the file fit (the most recently used set that fits stays).
    public var maxSizeBytes: Int?
    /// Report what would go, change nothing.
    public var dryRun = false
    /// How many removed keys the report lists (least recently used first).
    public var listedKeysLimit = 100

    public init(
        currentSolverVersion: String? = nil, stale: Bool = false, unusedFor: Duration? = nil,
        now: Date = Date(), outcomes: Set<Outcome> = [], taskIDs: Set<String> = [],
        maxSizeBytes: Int? = nil, orphans: Bool = false, dryRun: Bool = false, listedKeysLimit: Int = 100,
        otherCurrentVersions: Set<String> = []
    ) {
        self.otherCurrentVersions = otherCurrentVersions
        self.orphans = orphans
        self.currentSolverVersion = currentSolverVersion
        self.stale = stale
        self.unusedFor = unusedFor
        self.now = now
        self.outcomes = outcomes
        self.taskIDs = taskIDs
        self.maxSizeBytes = maxSizeBytes
        self.dryRun = dryRun
        self.listedKeysLimit = listedKeysLimit
    }

    var hasSelectionCriteria: Bool {
        stale || unusedFor != nil || !outcomes.isEmpty || !taskIDs.isEmpty
    }
}

/// What a prune removed, or with `dryRun`, would remove.
public struct PruneReport: Sendable, Hashable {
    public var dryRun: Bool
    /// Verdicts matching the selection criteria.
    public var verdictsSelected = 0
    /// Verdicts evicted, least recently used first, to meet the size ceiling.
    public var verdictsEvicted = 0
    public var verdictsRemoved: Int { verdictsSelected + verdictsEvicted }
    /// Solvers rows whose solver no remaining verdict refers to, orphans included.
    public var solversRemoved: Int { verdictSolversRemoved + orphanSolversRemoved }
    /// Solvers rows that lost their last verdict in this prune.
    public var verdictSolversRemoved = 0
    /// Solvers rows no verdict referred to before this prune (`orphans`, `maxSizeBytes`).
    public var orphanSolversRemoved = 0
    public var removedByOutcome: [Outcome: Int] = [:]
    public var removedByVersion: [String: Int] = [:]
    /// The first removed keys, selected ones then evicted ones, each least recently used first.
    public var removedKeys: [VerdictKey] = []
    /// Database size (pages × page size) before and after, vacuumed.
    public var bytesBefore = 0
    public var bytesAfter = 0
    /// Whether the result fits `maxSizeBytes` (nil without a ceiling). False when even
    /// an empty cache would not fit.
    public var fitsMaxSize: Bool?

    public init(dryRun: Bool) {
        self.dryRun = dryRun
    }
}
