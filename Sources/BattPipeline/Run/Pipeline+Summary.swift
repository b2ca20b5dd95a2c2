import BattCache
import BattLanguage
import BattTasks
import Foundation

extension Pipeline {
    /// Fills in the per-task table; a verdict counts once per (task, solver), and later
    /// candidates with the same solver say `shared`.
    static func tabulate(_ tables: RunTables, summary: inout RunSummary) {
        let table = tables.candidates
        // Per task index, and one more row (the last) for candidates without a task.
        var rows = (table.tasks.strings + ["?"]).map { TaskSummary(task: $0) }
        var seenBodies = PairMap(bCount: table.bodies.count)
        // Counted by outcome in an array: a dictionary keyed by the outcome's name cost more than
        // the rest of the tally on a warm run.
        let outcomes = Outcome.allCases
        var outcomeCounts = [Int](repeating: 0, count: outcomes.count)
        func slot(_ outcome: Outcome) -> Int {
            switch outcome {
            case .correct: 0
            case .wrong: 1
            case .error: 2
            case .timeout: 3
            case .budget: 4
            }
        }
        for index in 0..<table.count {
            let row = table.rows[index]
            let r = row.task >= 0 ? Int(row.task) : rows.count - 1
            rows[r].candidates += 1
            guard let (job, verdict) = tables.verdict(of: index) else {
                rows[r].invalid += 1
                summary.invalid += 1
                continue
            }
            if tables.inlineSources[index] == LookupSource.hit.code { rows[r].inlineHits += 1 }
            if row.body >= 0, seenBodies.value(Int32(r), row.body, orInsert: 0).inserted {
                rows[r].uniqueBodies += 1
            }
            guard tables.jobs[job].candidate == Int32(index) else { continue }
            rows[r].uniqueSolvers += 1
            if tables.fromCache[job] { rows[r].verdictHits += 1 } else { rows[r].validated += 1 }
            switch verdict.outcome {
            case .correct: rows[r].correct += 1
            case .timeout: rows[r].timeouts += 1
            case .error: rows[r].errors += 1
            default: break
            }
            outcomeCounts[slot(verdict.outcome)] += 1
        }
        for outcome in outcomes where outcomeCounts[slot(outcome)] > 0 {
            summary.outcomes[outcome.rawValue, default: 0] += outcomeCounts[slot(outcome)]
        }
        // Candidates that did not run still count for their task's inline hits.
        for index in 0..<table.count where tables.inlineSources[index] == LookupSource.hit.code {
            if tables.verdict(of: index) == nil {
                let task = table.rows[index].task
                rows[task >= 0 ? Int(task) : rows.count - 1].inlineHits += 1
            }
        }
        // Rows of the same name (a task named "?") are one row, as they were when keyed by name.
        var byName: [String: TaskSummary] = [:]
        for row in rows where row.candidates > 0 {
            if var existing = byName[row.task] {
                existing.candidates += row.candidates
                existing.uniqueBodies += row.uniqueBodies
                existing.uniqueSolvers += row.uniqueSolvers
                existing.inlineHits += row.inlineHits
                existing.verdictHits += row.verdictHits
                existing.validated += row.validated
                existing.correct += row.correct
                existing.timeouts += row.timeouts
                existing.errors += row.errors
                existing.invalid += row.invalid
                byName[row.task] = existing
            } else {
                byName[row.task] = row
            }
        }
        summary.tasks = byName.values.sorted { $0.task < $1.task }
        summary.uniqueBodies = summary.tasks.reduce(0) { $0 + $1.uniqueBodies }
        summary.uniqueSolvers = summary.tasks.reduce(0) { $0 + $1.uniqueSolvers }
        summary.tasksWithCandidates = summary.tasks.filter { $0.candidates > $0.invalid }.count
        summary.tasksSolved = summary.tasks.filter { $0.correct > 0 }.count
    }

    /// Records the run in the cache; a failure is a warning, never the run's end.
    static func record(_ summary: RunSummary, startedAt: Date, in store: CacheStore, warnings: inout [String]) {
        let run = RunRecord(
            startedAt: startedAt, finishedAt: Date(), solverVersion: summary.solverVersion,
            candidates: summary.candidates, uniqueBodies: summary.uniqueBodies,
            inlineHits: summary.inlineHits, inlineMisses: summary.inlineMisses,
            verdictHits: summary.verdictHits, verdictMisses: summary.verdictMisses,
            validated: summary.validated, phaseSeconds: summary.phases)
        do { _ = try store.record(run: run) } catch {
            warnings.append("the run was not recorded in the cache: \(error)")
        }
    }

    /// The inlined text of each correct solver: new ones from this run, known ones from the cache.
    static func correctSolverTexts(
        _ tables: RunTables, newSolvers: NewSolvers, store: CacheStore?, warnings: inout [String]
    ) -> [String: String] {
        let correctSolvers = Set(
            tables.jobs.indices.filter { tables.verdicts[$0]?.outcome == .correct }
                .compactMap { tables.solvers[tables.jobs[$0].solver] })
        var texts: [String: String] = [:]
        for k in 0..<newSolvers.count {
            guard let md5 = tables.solvers[newSolvers.solvers[k]], correctSolvers.contains(md5) else { continue }
            texts[md5] = newSolvers.text(k)
        }
        let missing = correctSolvers.filter { texts[$0] == nil && !$0.hasPrefix(Inliner.dagIdentityPrefix) }
        if let store, !missing.isEmpty {
            do { texts.merge(try store.inlinedTexts(forMD5s: Array(missing))) { new, _ in new } } catch {
                warnings.append("could not read solver texts from the cache: \(error)")
            }
        }
        return texts
    }
}

extension Pipeline {
    /// How many of the slowest verdicts a summary keeps.
    static let slowestKept = 5

    /// Newly solved and lost tasks against what the cache knew before the run, and the slowest
    /// verdicts.
    static func compare(
        _ tables: RunTables, taskSet: TaskSet, solvedBefore: Set<String>?, summary: inout RunSummary
    ) {
        if let solvedBefore {
            var newly: [String] = []
            var lost: [String] = []
            for row in summary.tasks where row.candidates > row.invalid {
                guard let fingerprint = taskSet.fingerprint(of: row.task) else { continue }
                let knownSolved = solvedBefore.contains(fingerprint.hex)
                if row.correct > 0 && !knownSolved { newly.append(row.task) }
                if row.correct == 0 && knownSolved { lost.append(row.task) }
            }
            summary.newlySolved = newly
            summary.lost = lost
        }
        // The first candidate of each (task, solver) holds its timing; the others share it. The
        // slowest few are kept as a stable sort would order them (ties in candidate order).
        let before: (CandidateResult, CandidateResult) -> Bool = { a, b in
            let (x, y) = (a.elapsedSeconds ?? 0, b.elapsedSeconds ?? 0)
            return x != y ? x > y : (a.task ?? "", a.function) < (b.task ?? "", b.function)
        }
        var top: [CandidateResult] = []
        for job in tables.jobs.indices {
            guard let verdict = tables.verdicts[job] else { continue }
            if top.count == slowestKept, let last = top.last, verdict.elapsedSeconds < (last.elapsedSeconds ?? 0) {
                continue
            }
            let result = tables.result(Int(tables.jobs[job].candidate))
            let position = top.firstIndex { before(result, $0) } ?? top.count
            guard position < slowestKept else { continue }
            top.insert(result, at: position)
            if top.count > slowestKept { top.removeLast() }
        }
        summary.slowest = top.map {
            SlowSolver(
                task: $0.task ?? "?", function: $0.function, file: $0.file, line: $0.line,
                solverMD5: $0.solverMD5 ?? "", outcome: $0.outcome, elapsedSeconds: $0.elapsedSeconds ?? 0,
                cached: $0.verdictCache == .hit)
        }
    }
}
