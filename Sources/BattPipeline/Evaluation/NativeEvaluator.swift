import BattDSL
import BattLanguage
import BattTasks

/// The native runtime: arc-dsl's primitives in Swift, the fast path.
public struct NativeEvaluator: SolverEvaluator {
    public let validator: Validator
    public let solverVersion: SolverVersion

    public init(validator: Validator, solverVersion: SolverVersion) {
        self.validator = validator
        self.solverVersion = solverVersion
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

    public func shutdown() {}

    public var activity: EvaluatorActivity { EvaluatorActivity(runtime: "native") }
}
