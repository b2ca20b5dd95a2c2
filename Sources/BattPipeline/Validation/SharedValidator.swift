import BattCache
import BattDSL
import BattTasks

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

    /// Calls (of primitives and of function values) the solvers asked for, and those computed.
    public struct Counts: Sendable, Equatable {
        public var requested = 0
        public var evaluated = 0

        public init(requested: Int = 0, evaluated: Int = 0) {
            self.requested = requested
            self.evaluated = evaluated
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

    /// One solver's progress through the pairs.
    private struct Progress {
        var results: [PairResult] = []
        var stoppedBy: Outcome?
        var firstError: String?
        var nanoseconds: UInt64 = 0
    }

    private enum Stop: Error {
        case timeout, budget
    }

    /// Validates every program on `task`; verdict `k` is program `k`'s.
    public func validate(_ programs: [Program], on task: ARCTask) -> (verdicts: [Verdict], counts: Counts) {
        let graph = SharedGraph(programs)
        // A limit measured from 0: the nanoseconds each solver may spend, saturating.
        let limit = EvaluationContext.deadline(after: validator.timeLimitSeconds, from: 0)
        let demonstrations = Validator.demonstrations(of: task)
        var progress = [Progress](repeating: Progress(), count: programs.count)
        var counts = Counts()
        for pair in task.demonstrations + task.tests {
            guard let expected = pair.output else {
                for s in programs.indices { progress[s].results.append(.unknown) }
                continue
            }
            let arguments = SharedGraph.arguments(input: .grid(pair.input), demonstrations: demonstrations)
            let target = Value.grid(expected)
            // Node `id`'s value for the solver computing it, and for later solvers while memo[id] says so.
            var values = [Value](repeating: .none, count: graph.nodeCount)
            var memo = [Memo](repeating: .unknown, count: graph.nodeCount)
            var failures: [Int: any Error] = [:]
            var kept = 0
            // Nodes computed for the current solver that no later solver reuses.
            var transient: [Int] = []
            for s in programs.indices {
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
                if progress[s].stoppedBy != nil {
                    progress[s].results.append(.notRun)
                    continue
                }
                var remaining = validator.budget
                var elapsed = progress[s].nanoseconds
                defer { progress[s].nanoseconds = elapsed }
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
                                elapsed = limit
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
                            if case .timeout? = error.limit {
                                if keep { memo[id] = .outOfTime(allowance: allowance) }
                                elapsed = limit
                                throw Stop.timeout
                            }
                            if keep { memo[id] = .overBudget(budget: remaining) }
                            throw Stop.budget
                        } catch {
                            let cost = remaining - context.remainingBudget
                            let nanoseconds = EvaluationContext.now() &- start
                            if keep {
                                memo[id] = .failed(cost: cost, nanoseconds: nanoseconds)
                                failures[id] = error
                            }
                            elapsed &+= nanoseconds
                            throw error
                        }
                        let cost = remaining - context.remainingBudget
                        let nanoseconds = EvaluationContext.now() &- start
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
                    let result = values[graph.resultOfProgram[s]] == target
                    progress[s].results.append(result ? .correct : .wrong)
                } catch Stop.timeout {
                    progress[s].stoppedBy = .timeout
                    progress[s].results.append(.notRun)
                } catch Stop.budget {
                    progress[s].stoppedBy = .budget
                    progress[s].results.append(.notRun)
                } catch {
                    progress[s].results.append(.error)
                    if progress[s].firstError == nil { progress[s].firstError = String(describing: error) }
                }
            }
        }
        let verdicts = progress.map { solver in
            validator.verdict(
                task: task, results: solver.results, stoppedBy: solver.stoppedBy, firstError: solver.firstError,
                elapsedSeconds: Double(solver.nanoseconds) / 1e9)
        }
        return (verdicts, counts)
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
