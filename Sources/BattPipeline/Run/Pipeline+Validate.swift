import BattLanguage
import BattTasks

extension Pipeline {
    /// One solver to validate: a candidate that stands for its (task, solver), and the task.
    typealias ValidationItem = (function: CandidateFunction, task: ARCTask)

    /// Validates every item on its task on up to `jobs` cores; `collect` receives each verdict (by
    /// the item's offset) as soon as it is known, and whether it is the last of those known at once
    /// (the rest of its task's batch may be long in coming); verdict `k` of the result is item `k`'s.
    static func validate(
        _ work: [ValidationItem], with evaluator: any SolverEvaluator, jobs: Int,
        collect: (_ offset: Int, _ verdict: Verdict, _ lastKnown: Bool) throws -> Void
    ) async throws -> [Verdict] {
        guard evaluator.validatesTogether else {
            return try await BoundedParallelism.map(
                work, jobs: jobs, { item in await evaluator.validate(item.function, on: item.task) },
                collect: { offset, verdict in try collect(offset, verdict, true) })
        }
        // One batch per task, so its candidates share their sub-expressions.
        let batches = Pipeline.batchesByTask(work.map(\.task.id))
        let results = try await BoundedParallelism.map(
            batches, jobs: jobs,
            { offsets in await evaluator.validate(offsets.map { work[$0].function }, on: work[offsets[0]].task) },
            collect: { batch, verdicts in
                for (k, (offset, verdict)) in zip(batches[batch], verdicts).enumerated() {
                    try collect(offset, verdict, k == verdicts.count - 1)
                }
            })
        var ordered = [Verdict?](repeating: nil, count: work.count)
        for (offsets, verdicts) in zip(batches, results) {
            for (offset, verdict) in zip(offsets, verdicts) { ordered[offset] = verdict }
        }
        return ordered.map { $0! }
    }
}
