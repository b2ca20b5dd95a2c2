import BattCache
import BattLanguage
import BattTasks
import Foundation

extension Pipeline {
    /// Fills in each candidate's verdict and the per-task table; a verdict counts once per
    /// (task, solver), and later candidates with the same solver say `shared`.
    static func tabulate(
        candidates: [Candidate], bodyHashes: [String?], keys keyOfCandidate: [VerdictKey?],
        jobsByKey: [VerdictKey: Int], verdicts: [Verdict?], fromCache: [Bool], hasCache: Bool,
        results: inout [CandidateResult], summary: inout RunSummary
    ) {
        var seenKeys: Set<VerdictKey> = []
        var perTask: [String: TaskSummary] = [:]
        var bodiesPerTask: [String: Set<String>] = [:]
        for index in candidates.indices {
            let taskID = candidates[index].taskID ?? "?"
            var row = perTask[taskID] ?? TaskSummary(task: taskID)
            row.candidates += 1
            defer { perTask[taskID] = row }
            guard let key = keyOfCandidate[index], let k = jobsByKey[key], let verdict = verdicts[k] else {
                row.invalid += 1
                summary.invalid += 1
                continue
            }
            if let hash = bodyHashes[index] { bodiesPerTask[taskID, default: []].insert(hash) }
            let first = seenKeys.insert(key).inserted
            results[index].verdictCache = first ? (fromCache[k] ? .hit : (hasCache ? .miss : .none)) : .shared
            results[index].outcome = verdict.outcome.rawValue
            results[index].pairResults = verdict.pairResultText
            results[index].demoCorrect = verdict.demoCorrect
            results[index].demoCount = verdict.demoCount
            results[index].testCorrect = verdict.testCorrect
            results[index].testCount = verdict.testCount
            results[index].elapsedSeconds = verdict.elapsedSeconds
            results[index].message = verdict.errorMessage
            guard first else { continue }
            row.uniqueSolvers += 1
            if fromCache[k] { row.verdictHits += 1 } else { row.validated += 1 }
            switch verdict.outcome {
            case .correct: row.correct += 1
            case .timeout: row.timeouts += 1
            case .error: row.errors += 1
            default: break
            }
            summary.outcomes[verdict.outcome.rawValue, default: 0] += 1
        }
        for (taskID, bodies) in bodiesPerTask { perTask[taskID]?.uniqueBodies = bodies.count }
        for index in candidates.indices where results[index].inlineCache == .hit {
            perTask[candidates[index].taskID ?? "?"]?.inlineHits += 1
        }
        summary.tasks = perTask.values.sorted { $0.task < $1.task }
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
        _ results: [CandidateResult], newSolvers: [SolverRecord], store: CacheStore?, warnings: inout [String]
    ) -> [String: String] {
        let correctSolvers = Set(results.filter { $0.outcome == "correct" }.compactMap(\.solverMD5))
        var texts: [String: String] = [:]
        for record in newSolvers where correctSolvers.contains(record.solverMD5) {
            texts[record.solverMD5] = record.inlinedText
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
        _ results: [CandidateResult], taskSet: TaskSet, solvedBefore: Set<String>?, summary: inout RunSummary
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
        let timed = results.filter { $0.verdictCache != .shared && $0.elapsedSeconds != nil && $0.solverMD5 != nil }
        summary.slowest = timed.sorted { a, b in
            let (x, y) = (a.elapsedSeconds ?? 0, b.elapsedSeconds ?? 0)
            return x != y ? x > y : (a.task ?? "", a.function) < (b.task ?? "", b.function)
        }
        .prefix(slowestKept).map {
            SlowSolver(
                task: $0.task ?? "?", function: $0.function, file: $0.file, line: $0.line,
                solverMD5: $0.solverMD5 ?? "", outcome: $0.outcome, elapsedSeconds: $0.elapsedSeconds ?? 0,
                cached: $0.verdictCache == .hit)
        }
    }
}
