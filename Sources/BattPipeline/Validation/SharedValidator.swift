import BattCache
import BattDSL
import BattTasks
import Dispatch
import Foundation

/// Validates the solvers of one task together: their programs are merged into one graph of
/// distinct nodes (`SharedGraph`), and each node is computed once per pair for all who read it.
///
/// Verdicts are as if each solver ran alone. A solver walks its own nodes in its own order and is
/// charged the measured time and size of each, whether computed for it or reused, so it stops
/// where it would have stopped alone, with the same error. A node that ran out of one solver's
/// time or budget is computed again for a solver with more left, never blamed on it. Results kept
/// for later solvers are released after their last reader, and past `memoryCap` elements later
/// solvers recompute rather than the store growing.
public struct SharedValidator: Sendable {
    public var validator: Validator
    /// Elements of node results kept for later solvers at once.
    public var memoryCap: Int

    public init(validator: Validator, memoryCap: Int = SharedValidator.defaultMemoryCap) {
        self.validator = validator
        self.memoryCap = memoryCap
    }

    public static let defaultMemoryCap = 4_000_000

    /// Calls (of primitives and of function values) the solvers asked for, those computed, and
    /// the clock time computing nodes took.
    public struct Counts: Sendable, Equatable {
        public var requested = 0
        public var evaluated = 0
        /// Clock time spent computing nodes (calls or not, finished, failed or stopped): the
        /// least a task's validation costs at this speed of evaluation, whatever the bookkeeping.
        public var computingNanoseconds: UInt64 = 0

        public init(requested: Int = 0, evaluated: Int = 0, computingNanoseconds: UInt64 = 0) {
            self.requested = requested
            self.evaluated = evaluated
            self.computingNanoseconds = computingNanoseconds
        }
    }

    /// What one node came to for the solver it was computed for. Its value, when it has one, is
    /// in the pair's graph values: a solver that reuses a node is only charged its cost and time.
    private enum Memo {
        case unknown
        case value(cost: Int, nanoseconds: UInt64)
        /// Raised the error kept for it.
        case failed(cost: Int, nanoseconds: UInt64)
        /// Out of time with `allowance` nanoseconds: a solver with more left computes it again.
        case outOfTime(allowance: UInt64)
        /// Over a remaining budget of `budget`: a solver with more left computes it again.
        case overBudget(budget: Int)
    }

    /// What one pair came to for one solver.
    fileprivate enum PairRun {
        case finished(PairResult, nanoseconds: UInt64, error: (any Error)?)
        /// Out of time or budget on this pair: its later pairs do not run.
        case stopped(Outcome, nanoseconds: UInt64)
        /// Not run: an earlier pair had already stopped the solver.
        case skipped(Outcome)
    }

    private enum Stop: Error {
        case timeout, budget
    }

    /// What validating a task's solvers together came to.
    public struct Outcomes: Sendable {
        public var verdicts: [Verdict]
        public var counts: Counts
        /// CPU time of the threads other than the caller's that evaluated pairs.
        public var helperCPUNanoseconds: UInt64
    }

    /// Validates every program on `task`; verdict `k` is program `k`'s.
    public func validate(_ programs: [Program], on task: ARCTask) -> (verdicts: [Verdict], counts: Counts) {
        let outcomes = validate(programs, on: task, workers: 1)
        return (outcomes.verdicts, outcomes.counts)
    }

    /// Validates every program on `task`, its pairs evaluated by up to `workers` threads at once;
    /// verdict `k` is program `k`'s, the same for any number of workers.
    ///
    /// Each pair is evaluated for every solver not yet known to have stopped, a solver starting
    /// with the time its earlier pairs took (those finished so far: never more than alone). The
    /// pairs' results are then put together in pair order, as the solver would have met them.
    public func validate(_ programs: [Program], on task: ARCTask, workers: Int) -> Outcomes {
        let graph = SharedGraph(programs)
        let pairs = task.demonstrations + task.tests
        // A limit measured from 0: the nanoseconds each solver may spend, saturating.
        let limit = EvaluationContext.deadline(after: validator.timeLimitSeconds, from: 0)
        let demonstrations = Validator.demonstrations(of: task)
        let ledger = PairLedger(pairs: pairs.count, solvers: programs.count)
        let scored = pairs.indices.filter { pairs[$0].output != nil }
        // Each pair's runs are written by the one thread that evaluates it.
        let perPair = PairResults(pairs: pairs.count)
        let helperCPUNanoseconds = ParallelLoop.run(count: scored.count, workers: workers) { n in
            let k = scored[n]
            var pairCounts = Counts()
            let run = evaluate(
                pair: k, graph: graph, expected: .grid(pairs[k].output!),
                arguments: SharedGraph.arguments(input: .grid(pairs[k].input), demonstrations: demonstrations),
                limit: limit, ledger: ledger, counts: &pairCounts)
            perPair.store(run, pair: k, counts: pairCounts)
        }
        let (runs, counts) = perPair.totals
        let verdicts = programs.indices.map { s in
            verdict(of: s, runs: runs, pairs: pairs, limit: limit, task: task)
        }
        return Outcomes(verdicts: verdicts, counts: counts, helperCPUNanoseconds: helperCPUNanoseconds)
    }

    /// Solver `s`'s verdict from its pairs' runs, met in pair order as alone.
    private func verdict(of s: Int, runs: [[PairRun]], pairs: [TaskPair], limit: UInt64, task: ARCTask) -> Verdict {
        var results: [PairResult] = []
        results.reserveCapacity(pairs.count)
        var stoppedBy: Outcome?
        var firstError: String?
        var elapsed: UInt64 = 0
        for (k, pair) in pairs.enumerated() {
            if pair.output == nil {
                results.append(.unknown)
                continue
            }
            if stoppedBy != nil {
                results.append(.notRun)
                continue
            }
            switch runs[k][s] {
            case .finished(let result, let nanoseconds, let error):
                elapsed &+= nanoseconds
                if elapsed > limit {
                    // Alone, its earlier pairs' time would have run out in this one.
                    stoppedBy = .timeout
                    results.append(.notRun)
                } else {
                    results.append(result)
                    if firstError == nil, let error { firstError = String(describing: error) }
                }
            case .stopped(let why, let nanoseconds):
                elapsed &+= nanoseconds
                stoppedBy = why
                results.append(.notRun)
            case .skipped(let why):
                stoppedBy = why
                results.append(.notRun)
            }
        }
        return validator.verdict(
            task: task, results: results, stoppedBy: stoppedBy, firstError: firstError,
            elapsedSeconds: Double(stoppedBy == .timeout ? max(elapsed, limit) : elapsed) / 1e9)
    }

    /// Evaluates pair `pair` for every solver, each walking its own nodes in its own order.
    private func evaluate(
        pair: Int, graph: SharedGraph, expected: Value, arguments: [Value], limit: UInt64, ledger: PairLedger,
        counts: inout Counts
    ) -> [PairRun] {
        let solverCount = graph.nodesOfProgram.count
        var runs: [PairRun] = []
        runs.reserveCapacity(solverCount)
        // Node `id`'s value for the solver computing it, and for later solvers while memo[id] says so.
        var values = [Value](repeating: .none, count: graph.nodeCount)
        var memo = [Memo](repeating: .unknown, count: graph.nodeCount)
        var failures: [Int: any Error] = [:]
        var kept = 0
        // Nodes computed for the current solver that no later solver reuses.
        var transient: [Int] = []
        for s in 0..<solverCount {
            defer {
                for id in transient { values[id] = .none }
                transient.removeAll(keepingCapacity: true)
                for id in graph.releasedAfter[s] {
                    switch memo[id] {
                    case .value(let cost, _): kept -= cost
                    case .failed: failures[id] = nil
                    default: break
                    }
                    memo[id] = .unknown
                    values[id] = .none
                }
            }
            let before = ledger.before(pair: pair, solver: s)
            if let why = before.stoppedBy {
                runs.append(.skipped(why))
                continue
            }
            var remaining = validator.budget
            var elapsed = before.nanoseconds
            let run: PairRun
            do {
                for id in graph.nodesOfProgram[s] {
                    let isCall = graph.isCall[id]
                    if isCall { counts.requested += 1 }
                    switch memo[id] {
                    case .value(let cost, let nanoseconds):
                        remaining -= cost
                        elapsed &+= nanoseconds
                        if remaining < 0 { throw Stop.budget }
                        if elapsed > limit { throw Stop.timeout }
                        continue
                    case .failed(let cost, let nanoseconds):
                        remaining -= cost
                        elapsed &+= nanoseconds
                        if remaining < 0 { throw Stop.budget }
                        throw failures[id]!
                    case .outOfTime(let allowance):
                        if elapsed >= limit || limit - elapsed <= allowance {
                            elapsed = max(elapsed, limit)
                            throw Stop.timeout
                        }
                    case .overBudget(let budget):
                        if remaining <= budget { throw Stop.budget }
                    case .unknown:
                        break
                    }
                    // Computed here, for this solver, with what it has left.
                    if elapsed > limit { throw Stop.timeout }
                    if isCall { counts.evaluated += 1 }
                    let keep = graph.lastReader[id] > s
                    let allowance = limit - elapsed
                    let start = EvaluationContext.now()
                    let (deadline, overflow) = start.addingReportingOverflow(allowance)
                    let context = EvaluationContext(
                        deadlineNanoseconds: overflow ? .max : deadline, budget: remaining)
                    do {
                        try graph.program.evaluateNode(id, arguments, &values, context)
                    } catch let error as DSLError where error.limit != nil {
                        counts.computingNanoseconds &+= EvaluationContext.now() &- start
                        if case .timeout? = error.limit {
                            if keep { memo[id] = .outOfTime(allowance: allowance) }
                            elapsed = max(elapsed, limit)
                            throw Stop.timeout
                        }
                        if keep { memo[id] = .overBudget(budget: remaining) }
                        throw Stop.budget
                    } catch {
                        let cost = remaining - context.remainingBudget
                        let nanoseconds = EvaluationContext.now() &- start
                        counts.computingNanoseconds &+= nanoseconds
                        if keep {
                            memo[id] = .failed(cost: cost, nanoseconds: nanoseconds)
                            failures[id] = error
                        }
                        elapsed &+= nanoseconds
                        throw error
                    }
                    let cost = remaining - context.remainingBudget
                    let nanoseconds = EvaluationContext.now() &- start
                    counts.computingNanoseconds &+= nanoseconds
                    remaining = context.remainingBudget
                    elapsed &+= nanoseconds
                    if keep && kept + cost <= memoryCap {
                        memo[id] = .value(cost: cost, nanoseconds: nanoseconds)
                        kept += cost
                    } else {
                        // Later solvers compute it again: past the cap the store does not grow.
                        if keep { memo[id] = .unknown }
                        transient.append(id)
                    }
                    if elapsed > limit { throw Stop.timeout }
                }
                let result: PairResult = values[graph.resultOfProgram[s]] == expected ? .correct : .wrong
                run = .finished(result, nanoseconds: elapsed &- before.nanoseconds, error: nil)
            } catch Stop.timeout {
                run = .stopped(.timeout, nanoseconds: elapsed &- before.nanoseconds)
            } catch Stop.budget {
                run = .stopped(.budget, nanoseconds: elapsed &- before.nanoseconds)
            } catch {
                run = .finished(.error, nanoseconds: elapsed &- before.nanoseconds, error: error)
            }
            runs.append(run)
            ledger.record(run, pair: pair, solver: s)
        }
        return runs
    }
}

/// What each solver's finished pairs came to so far, read by the threads evaluating later pairs.
private final class PairLedger: @unchecked Sendable {
    private let lock = NSLock()
    private let solvers: Int
    private var nanoseconds: [UInt64]
    private var stopped: [Outcome?]
    private var finished: [Bool]

    init(pairs: Int, solvers: Int) {
        self.solvers = solvers
        nanoseconds = [UInt64](repeating: 0, count: pairs * solvers)
        stopped = [Outcome?](repeating: nil, count: pairs * solvers)
        finished = [Bool](repeating: false, count: pairs * solvers)
    }

    /// The time solver `solver` took on the pairs before `pair` finished so far, and whether one stopped it.
    func before(pair: Int, solver: Int) -> (nanoseconds: UInt64, stoppedBy: Outcome?) {
        lock.lock()
        defer { lock.unlock() }
        var total: UInt64 = 0
        var k = solver
        for _ in 0..<pair {
            if finished[k] {
                if let why = stopped[k] { return (total, why) }
                total &+= nanoseconds[k]
            }
            k += solvers
        }
        return (total, nil)
    }

    func record(_ run: SharedValidator.PairRun, pair: Int, solver: Int) {
        let k = pair * solvers + solver
        lock.lock()
        defer { lock.unlock() }
        switch run {
        case .finished(_, let spent, _): nanoseconds[k] = spent
        case .stopped(let why, let spent):
            nanoseconds[k] = spent
            stopped[k] = why
        case .skipped(let why): stopped[k] = why
        }
        finished[k] = true
    }
}

/// The runs of each pair and what the threads that evaluated them counted.
private final class PairResults: @unchecked Sendable {
    private let lock = NSLock()
    private var runs: [[SharedValidator.PairRun]]
    private var counts = SharedValidator.Counts()

    init(pairs: Int) { runs = [[SharedValidator.PairRun]](repeating: [], count: pairs) }

    func store(_ run: [SharedValidator.PairRun], pair: Int, counts more: SharedValidator.Counts) {
        lock.lock()
        defer { lock.unlock() }
        runs[pair] = run
        counts.requested += more.requested
        counts.evaluated += more.evaluated
        counts.computingNanoseconds &+= more.computingNanoseconds
    }

    var totals: ([[SharedValidator.PairRun]], SharedValidator.Counts) {
        lock.lock()
        defer { lock.unlock() }
        return (runs, counts)
    }
}

extension Program.Node {
    /// Whether the node calls something: what the run counts as calls requested and evaluated.
    var isCall: Bool {
        switch self {
        case .primitive, .dynamic: return true
        default: return false
        }
    }
}
