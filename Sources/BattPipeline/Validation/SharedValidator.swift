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

    /// What one node came to for the solver it was computed for.
    private enum Memo {
        case value(Value, cost: Int, nanoseconds: UInt64)
        case failed(any Error, cost: Int, nanoseconds: UInt64)
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
            let input = Value.grid(pair.input)
            let target = Value.grid(expected)
            var memo = [Memo?](repeating: nil, count: graph.nodeCount)
            var kept = 0
            for (s, program) in programs.enumerated() {
                defer {
                    for id in graph.releasedAfter[s] {
                        if case .value(_, let cost, _)? = memo[id] { kept -= cost }
                        memo[id] = nil
                    }
                }
                if progress[s].stoppedBy != nil {
                    progress[s].results.append(.notRun)
                    continue
                }
                let arguments = Validator.arguments(
                    for: program.parameterNames, input: input, demonstrations: demonstrations)
                var values = [Value](repeating: .none, count: program.nodes.count)
                var remaining = validator.budget
                var elapsed = progress[s].nanoseconds
                defer { progress[s].nanoseconds = elapsed }
                do {
                    for n in program.nodes.indices {
                        let id = graph.nodesOfProgram[s][n]
                        let isCall = program.nodes[n].isCall
                        if isCall { counts.requested += 1 }
                        switch memo[id] {
                        case .value(let value, let cost, let nanoseconds)?:
                            remaining -= cost
                            elapsed &+= nanoseconds
                            if remaining < 0 { throw Stop.budget }
                            if elapsed > limit { throw Stop.timeout }
                            values[n] = value
                            continue
                        case .failed(let error, let cost, let nanoseconds)?:
                            remaining -= cost
                            elapsed &+= nanoseconds
                            if remaining < 0 { throw Stop.budget }
                            throw error
                        case .outOfTime(let allowance)?:
                            if elapsed >= limit || limit - elapsed <= allowance {
                                elapsed = limit
                                throw Stop.timeout
                            }
                        case .overBudget(let budget)?:
                            if remaining <= budget { throw Stop.budget }
                        case nil:
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
                            try program.evaluateNode(n, arguments, &values, context)
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
                            if keep { memo[id] = .failed(error, cost: cost, nanoseconds: nanoseconds) }
                            elapsed &+= nanoseconds
                            throw error
                        }
                        let cost = remaining - context.remainingBudget
                        let nanoseconds = EvaluationContext.now() &- start
                        remaining = context.remainingBudget
                        elapsed &+= nanoseconds
                        if keep {
                            if case .value(_, let old, _)? = memo[id] { kept -= old }
                            if kept + cost <= memoryCap {
                                memo[id] = .value(values[n], cost: cost, nanoseconds: nanoseconds)
                                kept += cost
                            } else {
                                memo[id] = nil
                            }
                        }
                        if elapsed > limit { throw Stop.timeout }
                    }
                    progress[s].results.append(values[program.result] == target ? .correct : .wrong)
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
