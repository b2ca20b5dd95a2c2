import Foundation

extension VerdictRecord {
    /// Whether this verdict should replace `other`, a verdict of the same key, when caches merge.
    ///
    /// Both share a solver version (it is part of the key). The rule, in order:
    /// 1. the more informative outcome: `correct` > `wrong` > `error` > `timeout` = `budget`
    ///    (a run that finished beats one that was stopped);
    /// 2. between two stopped runs, the larger time limit (no limit is largest): it ran longer;
    /// 3. the newer `createdAt`.
    /// A full tie keeps `other`, so merging is deterministic for a given source order.
    public func isPreferredInMerge(over other: VerdictRecord) -> Bool {
        mergeRank > other.mergeRank
    }

    private var mergeRank: MergeRank {
        let informativeness: Int
        switch outcome {
        case .correct: informativeness = 3
        case .wrong: informativeness = 2
        case .error: informativeness = 1
        case .timeout, .budget: informativeness = 0
        }
        let limit = outcome.isConclusive ? 0 : (timeLimitSeconds ?? .infinity)
        // Between two verdicts stopped by the budget, the one given more ran further.
        let budgetGiven = outcome == .budget ? Double(budget ?? 0) : 0
        return MergeRank(
            informativeness: informativeness, limit: limit, budget: budgetGiven,
            createdAt: createdAt.timeIntervalSince1970)
    }

    /// The row a merge keeps for one key: the preferred verdict, with the larger
    /// hit count and the later last use of the two.
    ///
    /// Hit counts take the maximum, not the sum: caches that meet in a merge often
    /// descend from one another (seeded, then merged back), and summing would count
    /// their shared history twice.
    func merged(with incoming: VerdictRecord) -> VerdictRecord {
        var result = incoming.isPreferredInMerge(over: self) ? incoming : self
        result.hitCount = Swift.max(hitCount, incoming.hitCount)
        result.lastUsedAt = Swift.max(lastUsedAt, incoming.lastUsedAt)
        return result
    }
}

private struct MergeRank: Comparable {
    var informativeness: Int
    var limit: Double
    var budget: Double
    var createdAt: Double

    static func < (lhs: MergeRank, rhs: MergeRank) -> Bool {
        (lhs.informativeness, lhs.limit, lhs.budget, lhs.createdAt)
            < (rhs.informativeness, rhs.limit, rhs.budget, rhs.createdAt)
    }
}

extension SolverRecord {
    /// Whether this solvers row should replace `other`, a row of the same body hash, when caches merge:
    /// from another inliner version, the newer row wins; from the same one, the row with text wins.
    func isPreferredInMerge(over other: SolverRecord) -> Bool {
        if inlinerVersion != other.inlinerVersion {
            return createdAt > other.createdAt
        }
        return inlinedText != nil && other.inlinedText == nil
    }
}
