/// The order `batt submit` tries a task's solvers in, best first.
///
/// 1. every demonstration right before the rest;
/// 2. more demonstrations right;
/// 3. the simpler program (fewer distinct sub-expressions);
/// 4. the faster validation;
/// 5. the smaller solver md5, so equal solvers rank the same way on every run.
public enum SolverRanking {
    public static func ranked(_ solvers: [SubmissionSolver]) -> [SubmissionSolver] {
        solvers.sorted(by: isBetter)
    }

    /// Whether `a` ranks before `b`.
    public static func isBetter(_ a: SubmissionSolver, than b: SubmissionSolver) -> Bool {
        if a.solvesEveryDemonstration != b.solvesEveryDemonstration { return a.solvesEveryDemonstration }
        if a.demoCorrect != b.demoCorrect { return a.demoCorrect > b.demoCorrect }
        if a.nodeCount != b.nodeCount { return a.nodeCount < b.nodeCount }
        if a.elapsedSeconds != b.elapsedSeconds { return a.elapsedSeconds < b.elapsedSeconds }
        return a.solverMD5 < b.solverMD5
    }
}
