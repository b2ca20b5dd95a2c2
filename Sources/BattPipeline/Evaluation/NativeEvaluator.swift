import BattDSL
import BattLanguage
import BattTasks
import Foundation

/// The native runtime: arc-dsl's primitives in Swift, the fast path.
///
/// With `shares` (the default; `--no-share` turns it off) a task's candidates are validated
/// together by `SharedValidator`, each distinct sub-expression computed once per pair.
public struct NativeEvaluator: SolverEvaluator {
    public let validator: Validator
    public let solverVersion: SolverVersion
    public let shares: Bool
    private let tally = CallTally()

    public init(validator: Validator, solverVersion: SolverVersion, shares: Bool = true) {
        self.validator = validator
        self.solverVersion = solverVersion
        self.shares = shares
    }

    public var budget: Int { validator.budget }

    public var languageVersion: String { CandidateSource.languageVersion }

    public var diagnostics: [CandidateDiagnostic] { [] }

    public func nameScope(forFile file: String) -> NameScope {
        NameScope(names: Primitives.knownNames, modules: nil)
    }

    public func prepareToValidate() throws {}

    public func validate(_ function: CandidateFunction, on task: ARCTask) async -> Verdict {
        Pipeline.validate(function, on: task, with: validator)
    }

    public var validatesTogether: Bool { shares }

    public func validate(_ functions: [CandidateFunction], on task: ARCTask) async -> [Verdict] {
        guard shares else {
            return functions.map { Pipeline.validate($0, on: task, with: validator) }
        }
        var verdicts = [Verdict?](repeating: nil, count: functions.count)
        var programs: [Program] = []
        var positions: [Int] = []
        for (k, function) in functions.enumerated() {
            do {
                programs.append(ProgramCompiler.compile(try SolverGraph(function)))
                positions.append(k)
            } catch {
                verdicts[k] = Pipeline.validate(function, on: task, with: validator)
            }
        }
        let (shared, counts) = SharedValidator(validator: validator).validate(programs, on: task)
        for (offset, k) in positions.enumerated() { verdicts[k] = shared[offset] }
        tally.add(counts)
        return verdicts.map { $0! }
    }

    public func shutdown() {}

    public var activity: EvaluatorActivity {
        guard shares else { return EvaluatorActivity(runtime: "native") }
        let counts = tally.counts
        return EvaluatorActivity(
            runtime: "native", callsRequested: counts.requested, callsEvaluated: counts.evaluated)
    }
}

/// The calls counted across concurrent batches.
private final class CallTally: @unchecked Sendable {
    private let lock = NSLock()
    private var total = SharedValidator.Counts()

    func add(_ counts: SharedValidator.Counts) {
        lock.lock()
        defer { lock.unlock() }
        total.requested += counts.requested
        total.evaluated += counts.evaluated
    }

    var counts: SharedValidator.Counts {
        lock.lock()
        defer { lock.unlock() }
        return total
    }
}
