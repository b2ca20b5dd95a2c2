import BattCache
import BattLanguage
import Foundation

/// What a run found, as compact tables: a few bytes per candidate, and per unique body, solver
/// and (task, solver) job. ``CandidateResults`` builds each candidate's result from them when
/// it is read.
struct RunTables: Sendable {
    /// One validation job: a unique (task fingerprint, solver), first met at `candidate`.
    struct Job: Sendable {
        let task: Int32
        let solver: Int32
        let candidate: Int32
    }

    var candidates: CandidateTable
    /// Solver md5s, each once.
    var solvers = InternTable()
    /// Per body: its solver (index into `solvers`), or -1.
    var solverOfBody: [Int32] = []
    /// Per body: the first candidate that can run with it, or -1.
    var firstRunnable: [Int32] = []
    /// Why a body could not be inlined, by body.
    var inlineFailures: [Int32: String] = [:]
    /// Per candidate: where its solver came from (``LookupSource/code``).
    var inlineSources: [UInt8] = []
    /// Per candidate: its job, or -1.
    var jobOfCandidate: [Int32] = []
    var jobs: [Job] = []
    /// Per job: the verdict, whether the cache served it, and whether it was computed but not stored.
    var verdicts: [Verdict?] = []
    var fromCache: [Bool] = []
    var unstored: [Bool] = []
    var hasCache = false

    init(candidates: CandidateTable) {
        self.candidates = candidates
    }

    /// The solver md5 of candidate `index`: set when it can run and its body has a solver.
    func solverMD5(of index: Int) -> String? {
        guard candidates.canRun(index) else { return nil }
        let body = candidates.rows[index].body
        guard body >= 0, solverOfBody[Int(body)] >= 0 else { return nil }
        return solvers[solverOfBody[Int(body)]]
    }

    /// The verdict of candidate `index`, with its job, when it has one.
    func verdict(of index: Int) -> (job: Int, verdict: Verdict)? {
        let job = Int(jobOfCandidate[index])
        guard job >= 0, let verdict = verdicts[job] else { return nil }
        return (job, verdict)
    }

    /// The `--report` line of candidate `index`.
    func result(_ index: Int) -> CandidateResult {
        let table = candidates
        let row = table.rows[index]
        let reason = table.reasonItCannotRun(index)
        var result = CandidateResult(
            task: table.tasks[row.task], function: table.names[index], file: table.sources[Int(row.source)].path,
            line: Int(row.line), inlineCache: .none, verdictCache: .none, outcome: "invalid", message: reason)
        if reason == nil, row.body >= 0 {
            let body = Int(row.body)
            result.bodyHash = table.bodies[body].hex
            if firstRunnable[body] == Int32(index), let failure = inlineFailures[row.body] { result.message = failure }
            if solverOfBody[body] >= 0 {
                result.solverMD5 = solvers[solverOfBody[body]]
                result.inlineCache = LookupSource(code: inlineSources[index])
            }
        }
        if let (job, verdict) = verdict(of: index) {
            let first = jobs[job].candidate == Int32(index)
            result.verdictCache = first ? (fromCache[job] ? .hit : (hasCache ? .miss : .none)) : .shared
            result.outcome = verdict.outcome.rawValue
            result.pairResults = verdict.pairResultText
            result.demoCorrect = verdict.demoCorrect
            result.demoCount = verdict.demoCount
            result.testCorrect = verdict.testCorrect
            result.testCount = verdict.testCount
            result.elapsedSeconds = verdict.elapsedSeconds
            result.message = verdict.errorMessage
            if unstored[job] { result.stored = false }
        }
        return result
    }
}

extension LookupSource {
    /// One byte per candidate instead of a string.
    var code: UInt8 {
        switch self {
        case .none: return 0
        case .hit: return 1
        case .miss: return 2
        case .shared: return 3
        }
    }

    init(code: UInt8) {
        switch code {
        case 1: self = .hit
        case 2: self = .miss
        case 3: self = .shared
        default: self = .none
        }
    }
}

/// One result per candidate, in the order the candidates were read, each built when it is read
/// from the run's compact tables (see ``RunTables``): a million candidates cost a few tens of
/// megabytes, not a million sets of strings.
public struct CandidateResults: RandomAccessCollection, Sendable {
    let tables: RunTables

    init(_ tables: RunTables) {
        self.tables = tables
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { tables.candidates.count }
    public subscript(position: Int) -> CandidateResult { tables.result(position) }

    /// The first `limit` candidates that could not run (outcome `invalid`), and how many there are.
    public func invalid(listing limit: Int) -> (listed: [CandidateResult], count: Int) {
        var listed: [CandidateResult] = []
        var count = 0
        for index in indices where tables.verdict(of: index) == nil {
            count += 1
            if listed.count < limit { listed.append(tables.result(index)) }
        }
        return (listed, count)
    }

}
