import BattCache
import BattDSL
import BattTasks

/// Runs a compiled solver on every pair of its task under a time limit and a size budget.
public struct Validator: Sendable {
    public var timeLimitSeconds: Double
    /// Elements one pair's evaluation may create.
    public var budget: Int

    public init(timeLimitSeconds: Double, budget: Int = Validator.defaultBudget) {
        self.timeLimitSeconds = timeLimitSeconds
        self.budget = budget
    }

    public static let defaultBudget = 16_000_000

    /// Validates `program` on `task`: demonstrations, then test pairs with known outputs.
    public func validate(_ program: Program, on task: ARCTask) -> Verdict {
        let start = EvaluationContext.now()
        let deadline = EvaluationContext.deadline(after: timeLimitSeconds, from: start)
        let demonstrations = Validator.demonstrations(of: task)
        let pairs = task.demonstrations.map { ($0, true) } + task.tests.map { ($0, false) }
        var results: [PairResult] = []
        results.reserveCapacity(pairs.count)
        var firstError: String?
        var stoppedBy: Outcome?
        for (pair, _) in pairs {
            guard let expected = pair.output else {
                results.append(.unknown)
                continue
            }
            if stoppedBy != nil {
                results.append(.notRun)
                continue
            }
            let context = EvaluationContext(deadlineNanoseconds: deadline, budget: budget)
            let arguments = Validator.arguments(
                for: program.parameterNames, input: .grid(pair.input), demonstrations: demonstrations)
            do {
                let output = try program.evaluate(arguments, context)
                results.append(output == .grid(expected) ? .correct : .wrong)
            } catch let error as DSLError {
                switch error.limit {
                case .timeout?:
                    stoppedBy = .timeout
                    results.append(.notRun)
                case .budgetExceeded?:
                    stoppedBy = .budget
                    results.append(.notRun)
                default:
                    results.append(.error)
                    if firstError == nil { firstError = error.description }
                }
            } catch {
                results.append(.error)
                if firstError == nil { firstError = String(describing: error) }
            }
        }
        let elapsed = Double(EvaluationContext.now() &- start) / 1e9
        return verdict(
            task: task, results: results, stoppedBy: stoppedBy, firstError: firstError, elapsedSeconds: elapsed)
    }

    /// The verdict of per-pair results (demonstrations first), as one solver's validation ends.
    func verdict(
        task: ARCTask, results: [PairResult], stoppedBy: Outcome?, firstError: String?, elapsedSeconds: Double
    ) -> Verdict {
        let demoCount = task.demonstrations.count
        let demoResults = results.prefix(demoCount)
        let testResults = results.dropFirst(demoCount)
        let known = results.filter { $0 != .unknown }
        let outcome: Outcome
        if let stoppedBy {
            outcome = stoppedBy
        } else if !known.isEmpty && known.allSatisfy({ $0 == .correct }) {
            outcome = .correct
        } else if results.contains(.error) {
            outcome = .error
        } else {
            outcome = .wrong
        }
        return Verdict(
            outcome: outcome, pairResults: results,
            demoCorrect: demoResults.filter { $0 == .correct }.count, demoCount: demoCount,
            testCorrect: testResults.filter { $0 == .correct }.count,
            testCount: testResults.filter { $0 != .unknown }.count,
            elapsedSeconds: elapsedSeconds, timeLimitSeconds: timeLimitSeconds, budget: budget,
            errorMessage: firstError)
    }
}
