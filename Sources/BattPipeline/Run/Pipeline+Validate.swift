import BattLanguage
import BattTasks

extension Pipeline {
    /// A candidate to validate (its index in the run's table) and its task.
    typealias ValidationItem = (candidate: Int, task: ARCTask)

    /// Validates every item on its task on up to `jobs` cores; `collect` receives each verdict (by
    /// the item's offset) as soon as it is known, and whether it is the last of those known at once
    /// (the rest of its task's batch may be long in coming); verdict `k` of the result is item `k`'s.
    ///
    /// Each candidate is parsed by `parse` only when its task's batch is validated, so syntax
    /// trees exist for the batches in flight, not for every candidate of the run. An item `parse`
    /// gives nothing for gets no verdict (nil).
    static func validate(
        _ work: [ValidationItem], parse: @escaping @Sendable (Int) -> CandidateFunction?,
        with evaluator: any SolverEvaluator, jobs: Int,
        collect: (_ offset: Int, _ verdict: Verdict, _ lastKnown: Bool) throws -> Void
    ) async throws -> [Verdict?] {
        guard evaluator.validatesTogether else {
            return try await BoundedParallelism.map(
                work, jobs: jobs,
                { item -> Verdict? in
                    guard let function = parse(item.candidate) else { return nil }
                    return await evaluator.validate(function, on: item.task)
                },
                collect: { offset, verdict in if let verdict { try collect(offset, verdict, true) } })
        }
        // One batch per task, so its candidates share their sub-expressions.
        let batches = Pipeline.batchesByTask(work.map(\.task.id))
        let results = try await BoundedParallelism.map(
            batches, jobs: jobs,
            { offsets -> [Verdict?] in
                let functions = offsets.map { parse(work[$0].candidate) }
                let parsed = functions.compactMap { $0 }
                var verdicts = await evaluator.validate(parsed, on: work[offsets[0]].task).makeIterator()
                return functions.map { $0 == nil ? nil : verdicts.next() }
            },
            collect: { batch, verdicts in
                let known = zip(batches[batch], verdicts).compactMap { offset, verdict in verdict.map { (offset, $0) } }
                for (k, (offset, verdict)) in known.enumerated() {
                    try collect(offset, verdict, k == known.count - 1)
                }
            })
        var ordered = [Verdict?](repeating: nil, count: work.count)
        for (offsets, verdicts) in zip(batches, results) {
            for (offset, verdict) in zip(offsets, verdicts) { ordered[offset] = verdict }
        }
        return ordered
    }
}
